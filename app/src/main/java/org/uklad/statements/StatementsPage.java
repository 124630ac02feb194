package org.uklad.statements;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.uklad.account.StaffPages;

/**
 * The view model of a school's statements page: every statement's distribution formatted in the
 * page's language, suppressed ones carrying no number; the safety section below. Built by
 * {@link StatementsPresenter}.
 *
 * @param lead           what the page shows and the minimum-group rule, with k
 * @param suppressedText "fewer than k answers"
 * @param questionnaires one block per questionnaire of the wave
 * @param safety         the safety section
 */
@Introspected
public record StatementsPage(StaffPages.Chrome chrome, long waveId, long schoolId, String waveName, String schoolName,
                             String lead, String suppressedText, List<Block> questionnaires, SafetyView safety) {

    /**
     * One questionnaire.
     *
     * @param respondents "Responses: 30", or empty when suppressed
     */
    public record Block(String key, String title, String respondents, boolean suppressed, List<Group> groups) {}

    /** One construct (or the other questions) and its statements. */
    public record Group(String id, String title, List<Row> statements) {}

    /**
     * One statement.
     *
     * @param note       how to read it (reverse-keyed; several answers possible), or null
     * @param n          "answered: 30", or empty when suppressed
     * @param stacked    the answers add up to 100 % and are drawn as one stacked bar; else (multiple
     *                   choice) one bar per answer
     * @param segments   one per answer, in the form's order
     * @param barLabel   the bar's accessible name: the statement and every answer's percent
     * @param favourable "Favourable answers: 62 %", or null
     */
    public record Row(String id, String text, @Nullable String note, boolean suppressed, String n, boolean stacked,
                      List<Segment> segments, String barLabel, @Nullable String favourable) {}

    /**
     * One answer.
     *
     * @param label     the answer as the respondent saw it
     * @param legend    "Agree: 40 % (12)"
     * @param percent   "40 %" (written on the segment when it is wide enough)
     * @param x         the segment's start, as an SVG attribute ("20.00%")
     * @param width     its width ("40.00%")
     * @param middle    its middle, where its percent is written ("40.00%")
     * @param onBar     the segment is wide enough to carry its percent
     * @param fillClass its fill: a pattern and shade per position ({@code fill-0}…), {@code fill-x} for "prefer not to say"
     */
    public record Segment(String label, String legend, String percent, String x, String width, String middle,
                          boolean onBar, String fillClass) {}
}
