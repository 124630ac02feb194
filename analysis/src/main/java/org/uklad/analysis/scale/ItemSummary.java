package org.uklad.analysis.scale;

/**
 * One item of a scale within a group, over every answer to it (a person without a scale score
 * still counts for the statements they answered), after reverse keying. R:
 * {@code colSums(!is.na(x))}, {@code colMeans(x, na.rm = TRUE)}, {@code psych::describe(x)$sd}.
 *
 * @param position position of the item within the scale (0-based)
 * @param n number of answers
 * @param mean mean recoded answer
 * @param sd sample standard deviation (NaN when n &lt; 2)
 * @param shares share of answers in each category {@code min..max}
 * @param percentFavourable percentage (0–100) of answers at or above the favourable threshold
 */
public record ItemSummary(int position, long n, double mean, double sd, double[] shares, double percentFavourable) {

    public ItemSummary {
        shares = shares.clone();
    }

    @Override
    public double[] shares() {
        return shares.clone();
    }
}
