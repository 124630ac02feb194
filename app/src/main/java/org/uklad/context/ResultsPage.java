package org.uklad.context;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages;

/**
 * The coordinator's page of external results over years ({@code /staff/results}): filters, the
 * rows, the row form, the CSV import with its problems, and each wave's one-number outcome.
 *
 * @param rowForm       the row form's values by field name; {@code rowErrors} its errors
 * @param csv           the import text shown back after a refusal
 * @param problems      each refused line and column of an import
 * @param outcomeForm   the outcome form's values; {@code outcomeErrors} its errors
 */
@Introspected
record ResultsPage(StaffPages.Chrome chrome, String notice, List<StaffPages.Option> municipalities,
                   List<StaffPages.Option> years, List<StaffPages.Option> assessments, List<Row> rows,
                   List<StaffPages.Option> schools, Map<String, String> rowForm, Map<String, String> rowErrors,
                   String csv, String maxSize, String maxBytes, List<Problem> problems, String problemsSummary,
                   List<WaveOutcome> outcomes, List<StaffPages.Option> waves, Map<String, String> outcomeForm,
                   Map<String, String> outcomeErrors) {

    /** One score as shown, with the query that opens it in the row form. */
    record Row(String municipality, String school, int year, String assessment, String subject, String meanScore,
               String participants, String belowPass, String updated, String editQuery, long schoolId) {}

    /** Where a refused import went wrong and why. */
    record Problem(String where, String reason) {}

    /** A wave and its outcome ("—" when none is chosen). */
    record WaveOutcome(long waveId, String wave, String outcome, int schools) {}
}
