package org.uklad.questionnaires;

import java.util.Locale;

/**
 * The thresholds of one risk signal: with {@link When#BELOW} a value under {@code high} is high
 * risk and under {@code medium} medium risk (a low percent favourable is a risk); with
 * {@link When#AT_LEAST} a value of at least {@code high} is high risk and of at least
 * {@code medium} medium risk (a large share of families with few resources is a risk). Anything
 * else is low risk.
 */
public record RiskRule(When when, double high, double medium) {

    /** Which side of the thresholds is the risk. */
    public enum When { BELOW, AT_LEAST }

    /** The risk a value gives by this rule; never "not enough data" (that is a missing value). */
    public RiskLevel levelOf(double value) {
        if (when == When.BELOW) {
            return value < high ? RiskLevel.HIGH : value < medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
        }
        return value >= high ? RiskLevel.HIGH : value >= medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
    }

    /** Whether the thresholds are in order (high risk lies beyond medium risk). */
    public boolean ordered() {
        return when == When.BELOW ? high <= medium : high >= medium;
    }

    /** A threshold as the catalogue writes it: no trailing ".0". */
    public static String format(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%s", x);
    }
}
