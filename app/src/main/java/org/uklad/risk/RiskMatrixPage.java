package org.uklad.risk;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import org.uklad.account.StaffPages;

/**
 * The coordinator's risk matrix of a wave ({@code views/staff/risks.html}): schools × measured
 * factors, each cell the factor's level as a symbol and a word, linked to the school's risk profile
 * on its dashboard; filterable by municipality and category.
 *
 * @param chrome         signed-in page chrome
 * @param waveId         the wave
 * @param waveName       its name
 * @param lead           what the matrix shows
 * @param legend         the levels with their symbols
 * @param municipalities the municipality filter's choices (the first: all)
 * @param categories     the category filter's choices (the first: all)
 * @param columns        the measured factors, coded Ф1, Ф2 …
 * @param rows           one per school shown
 * @param empty          the sentence when no school is shown, or null
 * @param unmeasured     the factors the instruments cannot measure, named once below the table
 */
@Introspected
public record RiskMatrixPage(StaffPages.Chrome chrome, long waveId, String waveName, String lead,
                             List<RiskSection.Level> legend, List<StaffPages.Option> municipalities,
                             List<StaffPages.Option> categories, List<Column> columns, List<Row> rows,
                             @io.micronaut.core.annotation.Nullable String empty, List<RiskSection.Unmeasured> unmeasured) {

    /** A factor's column: its short code and its name. */
    public record Column(String code, String name) {}

    /** A school's row. */
    public record Row(String school, String municipality, String category, List<Cell> cells) {}

    /** A cell: the level's symbol and word, the factor it is for, and the link to the school's profile. */
    public record Cell(String css, String symbol, String word, String factor, String href) {}
}
