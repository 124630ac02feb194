package org.uklad.dashboard;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.uklad.account.StaffPages;
import org.uklad.report.ComparisonText;

/**
 * The view model of a school's dashboard in a wave: every figure already formatted in the page's
 * language, suppressed groups carrying no number at all.
 *
 * @param chrome         signed-in page chrome
 * @param waveId         the wave
 * @param waveName       its name
 * @param schoolName     the school shown
 * @param partnerName    the partner school compared with, or null when the school has none
 * @param suppressedText "fewer than N answers" with the threshold in force
 * @param publicationRule how answers reach the figures: in blocks of at least N per group
 * @param questionnaires one block per questionnaire (respondent group) of the wave
 * @param comparisons    the comparison with the partner school (when there is one), then those with
 *                       the school's earlier waves, oldest first
 * @param matrix         the problem matrix: management, teaching, school culture, in order of priority
 * @param partnerHidden  the school has a partner whose figures the reader may not see
 * @param summaryPath    the school's PDF summary, or null when the user may not download it (a
 *                       director looking at the partner school)
 * @param freeTextLink   the free-text answers page, or null for a director (who never sees free text)
 */
@Introspected
public record DashboardPage(StaffPages.Chrome chrome, long waveId, String waveName, String schoolName,
                            @Nullable String partnerName, String suppressedText, String publicationRule,
                            List<Block> questionnaires, List<ComparisonTable> comparisons,
                            Matrix matrix, boolean partnerHidden,
                            @Nullable String summaryPath, @Nullable String freeTextLink) {

    /**
     * One comparison (partner, or one earlier wave) as a table of formatted rows.
     *
     * @param id      the element id
     * @param heading what is compared with what
     * @param rows    one per construct and respondent group
     */
    public record ComparisonTable(String id, String heading, List<ComparisonText.Row> rows) {}

    /**
     * The problem matrix ({@code views/staff/matrix.html}).
     *
     * @param notes   what holds for every cell, said once: the order, no partner, no median school
     * @param columns management, teaching, school culture
     */
    public record Matrix(List<String> notes, List<MatrixColumn> columns) {}

    /**
     * One domain of the problem matrix.
     *
     * @param empty       the wave has no construct of this domain
     * @param top         the first problems and strengths, shown
     * @param rest        the others in the same order, folded
     * @param restSummary the fold's label ("the domain's other measures: 4")
     */
    public record MatrixColumn(String domain, boolean empty, List<MatrixCell> top, List<MatrixCell> rest,
                               String restSummary) {}

    /**
     * One construct in the matrix.
     *
     * @param markClass css class of the mark ({@code mark-problem}, ...); the word carries the meaning
     * @param mark      the symbol and word ("▼ problem")
     * @param detail    why: the verdicts against the partner and the wave's median, and g
     */
    public record MatrixCell(String title, String respondent, String markClass, String mark, String detail) {}

    /** One questionnaire: its level constructs in a table and a chart, its agreement constructs. */
    public record Block(String key, String title, String respondent, List<LevelRow> levels,
                        List<AgreementRow> agreements, List<GapRow> gaps, Chart chart) {}

    /**
     * One LEVEL construct.
     *
     * @param comparison "higher" / "lower" / "no clear difference", or null when either side is not shown
     */
    public record LevelRow(String title, Cell school, @Nullable Cell partner, @Nullable String comparison) {}

    /** One group's figures, or {@code suppressed} and empty strings. */
    public record Cell(boolean suppressed, String score, String interval, String raw, String n, String favourable,
                       String alpha) {

        static final Cell SUPPRESSED = new Cell(true, "", "", "", "", "", "");
    }

    /**
     * One AGREEMENT construct: rWG(J) and its band ({@code bandText}: "band" is an operator in the
     * templates' expression language), or suppressed; {@code icc} is ICC(1) of the
     * construct across the wave's schools ("—" when withheld), the same for every school.
     */
    public record AgreementRow(String title, boolean suppressed, String rwg, String bandText, String icc) {}

    /**
     * One GAP construct (real vs ideal) in scale points: the respondents' mean "as now" and "ideal"
     * over the same pairs, the gap ideal − now with its 95% interval, or suppressed.
     */
    public record GapRow(String title, boolean suppressed, String now, String ideal, String gap, String interval,
                         String n) {}

    /** A horizontal bar chart on 0–100, laid out on the server. */
    public record Chart(int width, int height, String label, List<Line> grid, List<Text> texts, List<Bar> bars) {}

    /** A grid line with its value label at the bottom. */
    public record Line(int x, int y1, int y2, String label, int labelY) {}

    /** A text placed on the chart (construct titles, "fewer than N answers"). */
    public record Text(int x, int y, String text, String cssClass) {}

    /** One bar with its 95% interval whisker and a label that names the group and the score. */
    public record Bar(String cssClass, String fill, int x, int y, int width, int height, int ciX1, int ciX2, int ciY,
                      int labelX, int labelY, String label) {}
}
