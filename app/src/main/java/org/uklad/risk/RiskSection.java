package org.uklad.risk;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A school's risk profile as a reader sees it ({@code views/staff/risk-profile.html}, the school
 * PDF): every text formatted in the page's language, each level a symbol and a word (never colour
 * alone).
 *
 * @param lead        what the profile is and what it rests on
 * @param legend      the levels with their symbols
 * @param factors     the measured factors, in catalogue order
 * @param unmeasured  the factors the instruments cannot measure, with why
 */
@Introspected
public record RiskSection(String lead, List<Level> legend, List<FactorRow> factors, List<Unmeasured> unmeasured) {

    /** A level of the legend. */
    public record Level(String css, String symbol, String word) {}

    /**
     * One measured factor.
     *
     * @param id             the catalogue id (the element id is {@code risk-<id>})
     * @param name           its name
     * @param meaning        what it means and what it is read from
     * @param css            {@code risk-high}, {@code risk-medium}, {@code risk-low}, {@code risk-not-enough-data}
     * @param symbol         the level's symbol
     * @param word           the level's word
     * @param evidence       one line per figure, with the level it gives
     * @param rules          the rules in words, one per distinct rule
     * @param programmeLink  "create a support programme" for this risk, or null (coordinators only)
     */
    public record FactorRow(String id, String name, String meaning, String css, String symbol, String word,
                            List<String> evidence, List<String> rules, @Nullable String programmeLink) {}

    /** A factor the instruments cannot measure. */
    public record Unmeasured(String id, String name, String why) {}
}
