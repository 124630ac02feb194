package org.uklad.indices;

/**
 * Whether a shown group's scale may be used in findings: its items must measure one thing.
 * Cronbach's alpha (over complete cases, {@link SchoolIndex#alpha}) of at least {@value #MIN_ALPHA},
 * the usual lower bound for a scale in exploratory work, makes it {@link #TRUSTED}; a lower alpha
 * (negative ones included) is {@link #LOW_ALPHA}; an alpha that is withheld (fewer complete cases
 * than the threshold) or undefined (no spread) is {@link #NO_ALPHA}. An untrusted scale is shown
 * with a caveat and is never a finding, a problem or a strength ({@code report/Headlines}); it sits
 * here, below {@code report/}, so that the problem matrix can ask it too.
 */
public enum ScaleTrust {
    TRUSTED, LOW_ALPHA, NO_ALPHA;

    /** The lowest Cronbach's alpha at which a scale's figures are used in findings. */
    public static final double MIN_ALPHA = 0.6;

    /** The trust of a shown group's scale. */
    public static ScaleTrust of(SchoolIndex s) {
        if (s.alpha() == null) {
            return NO_ALPHA;
        }
        return s.alpha() >= MIN_ALPHA ? TRUSTED : LOW_ALPHA;
    }
}
