package org.uklad.analysis.agreement;

/**
 * Agreement of one group on one scale (complete cases).
 *
 * @param n number of complete cases
 * @param rwgJ rWG(J) with the uniform null, in [0, 1]
 * @param adMean AD(M)(J), average deviation from the item means
 * @param adMedian AD(Md)(J), average deviation from the item medians
 */
public record AgreementResult(long n, double rwgJ, double adMean, double adMedian) {
}
