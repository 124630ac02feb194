package org.uklad.analysis.agreement;

/**
 * The sums behind {@link Icc#fromGroups}, kept up to date as groups come, change and go: a
 * group's moments (size, mean, sum of squared deviations) are {@link #add added} and, when the
 * group changes, {@link #remove removed} again, so the ICC of many groups after one changed costs
 * one group's work instead of a pass over all of them.
 *
 * <p>Why it stays exact to far below 1e-12 over any number of changes: the sums are kept in
 * double-double arithmetic (an unevaluated sum of two doubles, about 106 bits; products split
 * exactly with {@link Math#fma}), so adding and later removing the same group leaves an error of
 * the order of 1e-32 of the sums, not a drift that grows with the changes. The between-group sum
 * of squares is {@code Σ n·m² − (Σ n·m)²/N}, whose cancellation (at most a few hundredfold for
 * scores whose group means lie close together) the extra precision absorbs; the result agrees
 * with the two-pass {@link Icc#fromGroups} to its own rounding (for equal group means both give a
 * between-group sum of exactly 0).
 */
public final class IccSums {

    /**
     * Below this share of {@code Σ n·m²} a between-group sum of squares is rounding, not signal:
     * the sums' error is some 1e-32 of it per change, and a plain double cannot tell a difference
     * under 1e-16 of it either; equal means then give exactly 0, as the two-pass sum does.
     */
    private static final double NOISE = 0x1p-70;

    private int groups;
    private long n;
    /** Σ n·m, Σ n·m² and Σ ss as (high, low) pairs. */
    private double sumHi;
    private double sumLo;
    private double squaresHi;
    private double squaresLo;
    private double withinHi;
    private double withinLo;

    /** Adds a group's moments (a group of size 0 counts for nothing, as in {@link Icc#fromGroups}). */
    public void add(long size, double mean, double ssWithin) {
        change(size, mean, ssWithin, 1);
    }

    /** Removes moments added before with exactly these values. */
    public void remove(long size, double mean, double ssWithin) {
        change(size, mean, ssWithin, -1);
    }

    private void change(long size, double mean, double ss, int sign) {
        if (size <= 0) {
            return;
        }
        groups += sign;
        n += sign * size;
        double k = sign * (double) size;
        // k·m exactly as hi + lo
        double p = k * mean;
        double pe = Math.fma(k, mean, -p);
        double[] s = add(sumHi, sumLo, p, pe);
        sumHi = s[0];
        sumLo = s[1];
        // k·m² to double-double precision: m² = q + qe exactly, then times k
        double q = mean * mean;
        double qe = Math.fma(mean, mean, -q);
        double r = k * q;
        double re = Math.fma(k, q, -r) + k * qe;
        double[] t = add(squaresHi, squaresLo, r, re);
        squaresHi = t[0];
        squaresLo = t[1];
        double[] w = add(withinHi, withinLo, sign * ss, 0);
        withinHi = w[0];
        withinLo = w[1];
    }

    /** (aHi + aLo) + (bHi + bLo) in double-double: Knuth's two-sum of the highs, then renormalised. */
    private static double[] add(double aHi, double aLo, double bHi, double bLo) {
        double s = aHi + bHi;
        double v = s - aHi;
        double e = (aHi - (s - v)) + (bHi - v);
        e += aLo + bLo;
        double hi = s + e;
        return new double[] {hi, e - (hi - s)};
    }

    /** The ICC of the groups added and not removed, as {@link Icc#fromGroups} computes it from them. */
    public Icc icc() {
        int g = groups;
        if (g < 2 || n - g < 1) {
            return new Icc(g, n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double dn = n;
        // (Σ n·m)² / N in double-double
        double sq = sumHi * sumHi;
        double sqe = Math.fma(sumHi, sumHi, -sq) + 2 * sumHi * sumLo;
        double q1 = sq / dn;
        double rest = Math.fma(-q1, dn, sq) + sqe;
        double q2 = rest / dn;
        double[] between = add(squaresHi, squaresLo, -q1, -q2);
        double ssb = between[0] + between[1];
        if (Math.abs(ssb) <= NOISE * Math.abs(squaresHi)) {
            ssb = 0; // equal group means: what is left is the sums' own rounding, not a difference
        }
        double ssw = withinHi + withinLo;
        double msb = ssb / (g - 1);
        double msw = ssw / (n - g);
        double k = dn / g;
        return new Icc(g, n, msb, msw, (msb - msw) / (msb + (k - 1) * msw), (msb - msw) / msb);
    }
}
