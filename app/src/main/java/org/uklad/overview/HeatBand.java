package org.uklad.overview;

/**
 * The heat map's three bands of a school's 0–100 score, each with a symbol so a cell reads printed in
 * grey and for colour-blind readers: ▼ low (below {@link #LOW_BELOW}, on average on the disagreeing
 * side of the scale's middle), ● medium, ▲ high (from {@link #HIGH_FROM}). The page, the PDF and
 * their legends take the cut points from here and nowhere else.
 *
 * <p>Stand-in for the shared band rule of the dashboard: when that exists, {@link #of} delegates to it.
 */
enum HeatBand {
    LOW("▼"), MEDIUM("●"), HIGH("▲");

    /** A score below this is low. */
    static final double LOW_BELOW = 50;
    /** A score from this up is high. */
    static final double HIGH_FROM = 75;

    private final String symbol;

    HeatBand(String symbol) {
        this.symbol = symbol;
    }

    /** The printed symbol: a shape, not a colour. */
    String symbol() {
        return symbol;
    }

    /** The CSS class and message key suffix. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static HeatBand of(double score100) {
        return score100 < LOW_BELOW ? LOW : score100 < HIGH_FROM ? MEDIUM : HIGH;
    }
}
