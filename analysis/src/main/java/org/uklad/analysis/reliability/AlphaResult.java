package org.uklad.analysis.reliability;

/**
 * Internal consistency of a scale, as reported by R {@code psych::alpha} on complete cases.
 *
 * @param n number of complete cases used
 * @param alpha Cronbach's alpha ({@code $total$raw_alpha})
 * @param standardizedAlpha alpha of the standardized items ({@code $total$std.alpha})
 * @param correctedItemTotal for each item, the correlation with the sum of the other items
 *     ({@code $item.stats$r.drop})
 * @param alphaIfDeleted for each item, raw alpha of the scale without it ({@code $alpha.drop$raw_alpha})
 */
public record AlphaResult(
        long n, double alpha, double standardizedAlpha, double[] correctedItemTotal, double[] alphaIfDeleted) {

    public AlphaResult {
        correctedItemTotal = correctedItemTotal.clone();
        alphaIfDeleted = alphaIfDeleted.clone();
    }

    @Override
    public double[] correctedItemTotal() {
        return correctedItemTotal.clone();
    }

    @Override
    public double[] alphaIfDeleted() {
        return alphaIfDeleted.clone();
    }
}
