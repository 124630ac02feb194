package org.uklad.statements;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.indices.Text;

/**
 * Every statement's answer distribution at one school in a wave, from published responses only,
 * already suppressed: what is here may be shown. Built by {@link Statements}.
 *
 * @param waveId         the wave
 * @param schoolId       the school
 * @param minGroupSize   k: no figure rests on fewer answers
 * @param questionnaires one per questionnaire of the wave, in the wave's order
 */
@Serdeable
public record SchoolStatements(long waveId, long schoolId, int minGroupSize, List<QuestionnaireStatements> questionnaires) {

    /**
     * One questionnaire at the school.
     *
     * @param respondents the school's published responses to it; null when fewer than k (then
     *                    {@code suppressed} and no group at all)
     * @param groups      per construct in the order of the form, then "other questions" (items in no construct)
     */
    @Serdeable
    public record QuestionnaireStatements(String questionnaireKey, int version, Text title, String respondent,
                                          @Nullable Integer respondents, boolean suppressed, List<Group> groups) {}

    /**
     * The statements of one construct, or the other questions.
     *
     * @param construct the construct's id; null for the questions in no construct
     * @param title     the construct's title; null for the other questions
     */
    @Serdeable
    public record Group(@Nullable String construct, @Nullable Text title, List<Statement> statements) {}

    /**
     * One item as it was asked (a reverse-keyed statement in its own wording, its answers unreversed).
     *
     * @param type               likert, single, multiple or number
     * @param reverse            reverse-keyed in its construct's score
     * @param n                  respondents who answered it ("prefer not to say" included); null when
     *                           fewer than k (then {@code suppressed}, no answers)
     * @param answers            every answer in the form's order, with how many gave it and their
     *                           percent of n; for a multiple item the percent choosing each option
     *                           (they add up to more than 100); for a number item its bins
     * @param percentFavourable  a likert item in a construct: percent of n whose keyed answer is one
     *                           of the scale's favourable points (for a reverse-keyed item, the
     *                           disagreeing answers); else null
     */
    @Serdeable
    public record Statement(String itemId, String type, Text text, boolean reverse, @Nullable Integer n, boolean suppressed,
                            List<Answer> answers, @Nullable Double percentFavourable) {}

    /**
     * One answer of a statement.
     *
     * @param value       the stored value (scale point, option value, or a number bin such as {@code 5-7})
     * @param label       what the respondent saw
     * @param count       how many gave it (chose it)
     * @param percent     100 · count / n
     * @param favourable  a likert point counted as favourable after keying
     * @param exclusive   an option such as "prefer not to say"
     */
    @Serdeable
    public record Answer(String value, Text label, long count, double percent, boolean favourable, boolean exclusive) {}
}
