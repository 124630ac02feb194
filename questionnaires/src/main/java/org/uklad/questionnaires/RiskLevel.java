package org.uklad.questionnaires;

/** The level of a risk factor in a school's risk profile, highest first. */
public enum RiskLevel {
    HIGH, MEDIUM, LOW, NOT_ENOUGH_DATA;

    /** The higher of two levels; "not enough data" gives way to any level. */
    public static RiskLevel higher(RiskLevel a, RiskLevel b) {
        if (a == NOT_ENOUGH_DATA) {
            return b;
        }
        if (b == NOT_ENOUGH_DATA) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
