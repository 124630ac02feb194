package org.uklad.questionnaires;

import java.util.List;

/**
 * One risk factor of the risk catalogue.
 *
 * @param id       stable id (e.g. {@code low_learning_motivation})
 * @param name     the factor's name
 * @param meaning  what it means and what it is read from
 * @param measured whether Uklad can give it a level at all
 * @param signals  what it is read from, each with its rule (empty when not measured)
 * @param why      why it cannot be measured (null when measured)
 */
public record RiskFactor(String id, LocalizedText name, LocalizedText meaning, boolean measured,
                         List<Signal> signals, LocalizedText why) {

    public RiskFactor {
        signals = List.copyOf(signals);
    }

    /** Where a signal's value comes from. */
    public enum Source { CONSTRUCT, MATRIX, EXTERNAL, CONTEXT, PROFILE }

    /**
     * One signal of a factor.
     *
     * @param source     where its value comes from
     * @param constructs the construct (CONSTRUCT: one) or constructs (MATRIX) it reads; else empty
     * @param respondent the respondent group of the constructs (CONSTRUCT, MATRIX); else null
     * @param questionnaire the one questionnaire (key) a CONSTRUCT signal reads, or null for every
     *                   form the group answers
     * @param fact       the school-profile fact (PROFILE); else null
     * @param minSchools the fewest schools with a result the wave needs (EXTERNAL); else 0
     * @param rule       the thresholds
     */
    public record Signal(Source source, List<String> constructs, Respondent respondent, String questionnaire, String fact,
                         int minSchools, RiskRule rule) {
        public Signal {
            constructs = List.copyOf(constructs);
        }
    }
}
