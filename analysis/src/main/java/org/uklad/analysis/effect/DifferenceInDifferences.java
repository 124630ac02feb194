package org.uklad.analysis.effect;

import org.apache.commons.math3.distribution.TDistribution;
import org.uklad.analysis.SuppressionPolicy;

/**
 * Difference in differences of independent respondents' scores: how much more a supported school
 * changed between a baseline wave and a later wave than the comparison schools changed over the
 * same two waves.
 *
 * <p><b>Data.</b> Four independent samples of person scores (on 0–100 in the app): the school at
 * the baseline wave (T0) and at the later wave (T1), the comparison schools pooled at the same two
 * waves (C0, C1). The respondents of two waves are not matched (answers are anonymous), so the
 * samples are treated as independent.
 *
 * <p><b>Formulas.</b> With means {@code m}, sample variances {@code s²} (divisor {@code n − 1}) and
 * sizes {@code n} of the four groups:
 * <pre>
 *   school change      T = mT1 − mT0,  se = sqrt(s²T1/nT1 + s²T0/nT0)
 *   comparison change  C = mC1 − mC0,  se = sqrt(s²C1/nC1 + s²C0/nC0)
 *   Δ  = (mT1 − mT0) − (mC1 − mC0)
 *   SE = sqrt(s²T1/nT1 + s²T0/nT0 + s²C1/nC1 + s²C0/nC0)
 *   df = SE⁴ / Σ (s²ᵢ/nᵢ)² / (nᵢ − 1)                       (Welch–Satterthwaite)
 *   t  = Δ / SE,  p = 2·P(T_df ≥ |t|),  95% interval Δ ± t(0.975; df)·SE
 *   effect d = Δ / σ̂,  σ̂² = Σ (nᵢ − 1)s²ᵢ / (Σ nᵢ − 4)      (the residual SD of the four-cell model)
 * </pre>
 * Each group's change carries the same Welch interval and p over its two samples (R:
 * {@code t.test(later, baseline)}). Δ equals the interaction coefficient of the ordinary least
 * squares model {@code lm(score ~ wave * group)} and σ̂ is that model's {@code sigma()}; the model's
 * own standard error assumes one common variance, the Welch SE above does not, which matters when
 * the comparison schools are many and the school is one (unequal sizes and spreads).
 *
 * <p><b>Verdict</b> — the dashboard's rule ({@code org.uklad.indices.Verdict} in the app) applied
 * to Δ: a <em>clear</em> change when {@code p < }{@value #ALPHA} and {@code |d| ≥ }{@value #MIN_EFFECT}
 * (Cohen's "small" effect); {@link Verdict#CLEAR_IMPROVEMENT} when Δ &gt; 0,
 * {@link Verdict#CLEAR_DECLINE} when Δ &lt; 0, otherwise {@link Verdict#NO_CLEAR_CHANGE}. Higher
 * scores are the better ones (reverse-keyed items are reversed before a score is formed). One measure
 * targets one indicator chosen before the later wave, so there is no multiple-testing adjustment.
 *
 * <p><b>Edge cases.</b> When any of the four groups has fewer respondents than the policy's minimum
 * group size, the verdict is {@link Verdict#TOO_FEW_ANSWERS} and every number is NaN (and every n
 * 0): nothing is computed from a small group. NaN scores are dropped first. A group of one value
 * (possible only without a policy) has no variance: SE, df, p, the interval and d are NaN, and the
 * verdict "no clear change". Zero variance in every group gives SE = 0: t, p and the interval are
 * NaN (undefined, as for R's {@code t.test}, which stops with "data are essentially constant"), and
 * the verdict "no clear change"; zero variance in some groups only is fine (their terms are 0).
 *
 * <p>References: Welch, B. L. (1947), <i>Biometrika</i> 34; Satterthwaite, F. E. (1946),
 * <i>Biometrics Bulletin</i> 2; Angrist, J. D. &amp; Pischke, J.-S. (2009), <i>Mostly harmless
 * econometrics</i>, ch. 5; Cohen, J. (1988), <i>Statistical power analysis for the behavioral
 * sciences</i>, 2nd ed.
 *
 * <p>R: {@code coef(lm(score ~ wave * group, d))["wave1:group1"]} for Δ and {@code sigma(fit)} for
 * σ̂; the Welch SE, df and interval by the formula above (see {@code src/test/r/did.R}).
 */
public final class DifferenceInDifferences {

    /** The level at which a p-value counts (the dashboard's). */
    public static final double ALPHA = 0.05;
    /** The smallest standardized effect |d| called a change (the dashboard's). */
    public static final double MIN_EFFECT = 0.2;

    /** The plain-language outcome. */
    public enum Verdict { CLEAR_IMPROVEMENT, NO_CLEAR_CHANGE, CLEAR_DECLINE, TOO_FEW_ANSWERS }

    /**
     * One group's change between the two waves (later − baseline) with its Welch interval.
     *
     * @param nBaseline    respondents at the baseline wave
     * @param nLater       respondents at the later wave
     * @param baselineMean mean at the baseline wave
     * @param laterMean    mean at the later wave
     * @param change       laterMean − baselineMean
     * @param se           Welch standard error of the change
     * @param df           Welch–Satterthwaite degrees of freedom
     * @param ciLower      lower end of the 95% interval
     * @param ciUpper      upper end of the 95% interval
     * @param p            two-sided p of "no change"
     */
    public record Change(long nBaseline, long nLater, double baselineMean, double laterMean, double change, double se,
                         double df, double ciLower, double ciUpper, double p) {
        static final Change NONE = new Change(0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The difference in differences.
     *
     * @param verdict    the plain-language outcome
     * @param school     the supported school's change
     * @param comparison the comparison schools' change
     * @param difference Δ = school change − comparison change
     * @param se         Welch SE of Δ
     * @param df         Welch–Satterthwaite df
     * @param t          Δ / SE
     * @param p          two-sided p of Δ = 0
     * @param ciLower    lower end of the 95% interval of Δ
     * @param ciUpper    upper end of the 95% interval of Δ
     * @param effect     d = Δ / σ̂ (residual SD of the four cells)
     */
    public record Result(Verdict verdict, Change school, Change comparison, double difference, double se, double df,
                         double t, double p, double ciLower, double ciUpper, double effect) {
        static final Result TOO_FEW = new Result(Verdict.TOO_FEW_ANSWERS, Change.NONE, Change.NONE, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        /** True when every group passed the minimum group size. */
        public boolean shown() {
            return verdict != Verdict.TOO_FEW_ANSWERS;
        }
    }

    private DifferenceInDifferences() {
    }

    /**
     * The difference in differences, "too few answers" when any group is below the policy's size.
     *
     * @param schoolBaseline     the school's scores at the baseline wave
     * @param schoolLater        the school's scores at the later wave
     * @param comparisonBaseline the comparison schools' scores at the baseline wave
     * @param comparisonLater    the comparison schools' scores at the later wave
     */
    public static Result estimate(double[] schoolBaseline, double[] schoolLater, double[] comparisonBaseline,
                                  double[] comparisonLater, SuppressionPolicy policy) {
        Group t0 = Group.of(schoolBaseline);
        Group t1 = Group.of(schoolLater);
        Group c0 = Group.of(comparisonBaseline);
        Group c1 = Group.of(comparisonLater);
        if (!policy.allows(Math.min(Math.min(t0.n, t1.n), Math.min(c0.n, c1.n)))) {
            return Result.TOO_FEW;
        }
        return estimate(t0, t1, c0, c1);
    }

    /** The difference in differences without the small-group rule (for tests and research use). */
    public static Result estimate(double[] schoolBaseline, double[] schoolLater, double[] comparisonBaseline,
                                  double[] comparisonLater) {
        return estimate(Group.of(schoolBaseline), Group.of(schoolLater), Group.of(comparisonBaseline),
                Group.of(comparisonLater));
    }

    private static Result estimate(Group t0, Group t1, Group c0, Group c1) {
        Change school = change(t0, t1);
        Change comparison = change(c0, c1);
        Welch w = Welch.of(school.change() - comparison.change(), t1, t0, c1, c0);
        double pooled = ((t0.n - 1) * t0.variance + (t1.n - 1) * t1.variance + (c0.n - 1) * c0.variance
                + (c1.n - 1) * c1.variance) / (t0.n + t1.n + c0.n + c1.n - 4);
        double effect = w.estimate / Math.sqrt(pooled);
        return new Result(verdict(w.estimate, w.p, effect), school, comparison, w.estimate, w.se, w.df, w.t, w.p,
                w.lower, w.upper, effect);
    }

    /** The dashboard's rule on Δ, its p and its standardized effect (NaN never counts as clear). */
    static Verdict verdict(double difference, double p, double effect) {
        if (!(p < ALPHA) || !(Math.abs(effect) >= MIN_EFFECT)) {
            return Verdict.NO_CLEAR_CHANGE;
        }
        return difference > 0 ? Verdict.CLEAR_IMPROVEMENT : difference < 0 ? Verdict.CLEAR_DECLINE : Verdict.NO_CLEAR_CHANGE;
    }

    private static Change change(Group baseline, Group later) {
        Welch w = Welch.of(later.mean - baseline.mean, later, baseline);
        return new Change(baseline.n, later.n, baseline.mean, later.mean, w.estimate, w.se, w.df, w.lower, w.upper, w.p);
    }

    /** One sample's size, mean and variance (divisor n − 1; NaN for one value). */
    private record Group(long n, double mean, double variance) {
        static Group of(double[] x) {
            long n = 0;
            double sum = 0;
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    n++;
                    sum += v;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double ss = 0;
            for (double v : x) {
                if (!Double.isNaN(v)) {
                    ss += (v - mean) * (v - mean);
                }
            }
            return new Group(n, mean, n < 2 ? Double.NaN : ss / (n - 1));
        }
    }

    /** A contrast of independent means with its Welch SE, Satterthwaite df, t, p and 95% interval. */
    private record Welch(double estimate, double se, double df, double t, double p, double lower, double upper) {
        static Welch of(double estimate, Group... groups) {
            double se2 = 0;
            double denominator = 0;
            for (Group g : groups) {
                double term = g.variance / g.n;
                se2 += term;
                denominator += term * term / (g.n - 1);
            }
            double se = Math.sqrt(se2);
            double df = se2 * se2 / denominator;
            double t = estimate / se;
            if (!Double.isFinite(t) || !(df > 0)) {
                // no spread at all, or a group without a variance: nothing to test
                return new Welch(estimate, se, df, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            TDistribution td = new TDistribution(null, df, 1e-14);
            double p = 2 * td.cumulativeProbability(-Math.abs(t));
            double q = td.inverseCumulativeProbability(0.975);
            return new Welch(estimate, se, df, t, p, estimate - q * se, estimate + q * se);
        }
    }
}
