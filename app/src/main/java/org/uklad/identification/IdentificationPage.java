package org.uklad.identification;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/**
 * The coordinator's identification page, one record for the page; every number arrives as a
 * string in the page's language.
 *
 * @param lead         what is ranked where, over which years, with which context
 * @param sorts        the sort choices (municipality, category, proposal vs decision)
 * @param rows         one per school, in the chosen order
 * @param chart        the results-against-context chart, or null without data
 * @param modelHeads   the model comparison's column heads
 * @param form         the echoed decision form of the school whose form was refused (schoolId, category, reason)
 */
@Introspected
record IdentificationPage(Chrome chrome, String lead, String notice, List<Option> sorts, List<Row> rows,
                         IdentificationChart.Chart chart, List<String> modelHeads, Map<String, String> form,
                         Map<String, String> errors) {

    /**
     * One school.
     *
     * @param status     "agrees", "differs" or "open" (no decision yet)
     * @param statusText the status in words
     * @param latest     the latest year's "place sum · percentile", or a dash
     * @param coverage   "ranked on k of n subjects" in the latest year, empty when all
     * @param years      the evidence per year
     * @param categories the decision form's choices, the proposal first selected
     * @param models     the model comparison's cells
     */
    record Row(long id, int number, String name, String municipality, String registry, String proposed,
               String because, String decided, String reason, String status, String statusText, String latest,
               String coverage, String context, List<Year> years, List<Option> categories, List<MentorRow> mentors,
               List<String> paired, boolean confirmedLow, List<String> models) {}

    /** One year's evidence: places per subject, the sum and percentile, "ranked on k of n". */
    record Year(String year, List<Place> places, String sum, String percentile, String coverage) {}

    record Place(String subject, String place) {}

    /** A proposed mentor with the reason in words; {@code paired}: already partners (shown, not offered). */
    record MentorRow(long id, String name, String reason, boolean paired) {}
}
