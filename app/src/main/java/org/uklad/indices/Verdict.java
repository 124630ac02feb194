package org.uklad.indices;

import java.util.Locale;

/**
 * The plain-language outcome of comparing a school's construct with a reference (its partner school,
 * the same school in an earlier wave, the rest of the wave, the wave's median school), the one rule
 * the dashboard, the staff API and the PDF summary all use.
 *
 * <p><b>Rule.</b> Person scores on 0–100 of the two groups are compared (Welch's t-test; the
 * Mann–Whitney test and Hedges' g are reported beside it). Over the constructs of one comparison
 * (e.g. every construct of this school against its partner in this wave) the Welch p-values are
 * adjusted by Benjamini–Hochberg. A difference is <em>clear</em> when
 * <pre>
 *   BH-adjusted p &lt; {@value #ALPHA}   and   |effect| ≥ {@value #MIN_EFFECT}
 * </pre>
 * where the effect is Hedges' g (two groups) or Cohen's d against a fixed value (one group against
 * the wave's median). A clear difference is {@link #HIGHER} or {@link #LOWER} by the sign of the
 * difference (this school minus the reference); otherwise {@link #NO_CLEAR_DIFFERENCE}, even when
 * the means differ: a small sample or a small effect is not something a director should act on.
 * The effect threshold 0.2 is Cohen's (1988) "small" effect: with many respondents tiny differences
 * become significant, and they are not worth a word.
 *
 * <p><b>Edge cases.</b> When either group is below the minimum group size the outcome is
 * {@link #TOO_FEW_ANSWERS} and no number of the comparison is computed or shown. When a p-value or
 * the effect is undefined (both groups without any spread) the outcome is
 * {@link #NO_CLEAR_DIFFERENCE}.
 *
 * <p>References: Benjamini, Y. &amp; Hochberg, Y. (1995), <i>JRSS B</i> 57; Cohen, J. (1988),
 * <i>Statistical power analysis for the behavioral sciences</i>, 2nd ed.
 */
public enum Verdict {
    HIGHER, LOWER, NO_CLEAR_DIFFERENCE, TOO_FEW_ANSWERS;

    /** The false-discovery rate at which an adjusted p-value counts. */
    public static final double ALPHA = 0.05;
    /** The smallest standardized effect (|g| or |d|) called a difference. */
    public static final double MIN_EFFECT = 0.2;

    /**
     * The rule for one construct whose two groups are both shown.
     *
     * @param difference this school minus the reference
     * @param adjustedP  the BH-adjusted p-value (NaN when undefined)
     * @param effect     Hedges' g or Cohen's d (NaN when undefined)
     */
    public static Verdict of(double difference, double adjustedP, double effect) {
        if (!(adjustedP < ALPHA) || !(Math.abs(effect) >= MIN_EFFECT)) {
            return NO_CLEAR_DIFFERENCE;
        }
        return difference > 0 ? HIGHER : difference < 0 ? LOWER : NO_CLEAR_DIFFERENCE;
    }

    /** True for a clear difference either way. */
    public boolean clear() {
        return this == HIGHER || this == LOWER;
    }

    /** The message key of the word ({@code findings.comparison.higher}, ...). */
    public String messageKey() {
        return "findings.comparison." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
