package org.uklad.dashboard;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import org.uklad.account.StaffPages;
import org.uklad.report.ComparisonText;
import org.uklad.risk.RiskSection;
import org.uklad.statements.SafetyView;

/**
 * The view model of a school's dashboard in a wave, director first: the clearest problems and
 * strengths ({@link Top}), then every construct as percent favourable with its band beside the
 * reference and the previous wave ({@link ConstructCard}), then, folded, the statistics for the
 * psychologist. Every figure is already formatted in the page's language; suppressed groups carry
 * no number at all.
 *
 * @param chrome          signed-in page chrome
 * @param waveId          the wave
 * @param waveName        its name
 * @param schoolName      the school shown
 * @param partnerName     the partner school compared with, or null when there is none the reader may see
 * @param referenceName   what the school is set beside: the partner school, or all schools of the wave
 * @param suppressedText  "fewer than N answers" with the threshold in force
 * @param publicationRule how answers reach the figures: in blocks of at least N per group
 * @param top             the problems and strengths at the top
 * @param bandLegend      the one-line legend of the bands and their cut points
 * @param previousWave    the name of the previous wave compared, or null when there is none
 * @param questionnaires  one block per questionnaire (respondent group) of the wave
 * @param comparisons     the comparison with the partner school (when there is one), then those with
 *                        the school's earlier waves, oldest first
 * @param matrix          the problem matrix: management, teaching, school culture, in order of priority
 * @param partnerHidden   the school has a partner whose figures the reader may not see
 * @param summaryPath     the school's PDF summary, or null when the user may not download it
 * @param freeTextLink    the free-text answers page, or null for a director (who never sees free text)
 * @param safety          the safety section under the top findings (statements/SafetyPresenter)
 * @param risk            the school's risk profile (risk/RiskPresenter)
 * @param needs           the team's training needs ({@link TeamNeedsPresenter}), or null when the wave
 *                        has no teachers' needs questionnaire
 */
@Introspected
public record DashboardPage(StaffPages.Chrome chrome, long waveId, String waveName, String schoolName,
                            @Nullable String partnerName, String referenceName, String suppressedText,
                            String publicationRule, Top top, String bandLegend, @Nullable String previousWave,
                            List<Block> questionnaires, List<ComparisonTable> comparisons,
                            Matrix matrix, boolean partnerHidden,
                            @Nullable String summaryPath, @Nullable String freeTextLink, SafetyView safety,
                            RiskSection risk, @Nullable TeamNeeds needs) {

    /**
     * The top of the page ({@link org.uklad.report.Headlines}): at most three problems and two
     * strengths, each one sentence; {@code nothing} when no clear difference was found.
     *
     * @param basis     what the findings compare with and by which rule
     * @param nothing   the sentence for "no clear problem or strength", or null
     * @param more      "N more clear differences in the details", or null
     * @param untrusted "left out: scales with low reliability …", or null
     */
    public record Top(String basis, List<Headline> problems, List<Headline> strengths, @Nullable String nothing,
                      @Nullable String more, @Nullable String untrusted) {}

    /** One problem or strength: its symbol and word (never colour alone) and its sentence. */
    public record Headline(String mark, String sentence, String effect) {}

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
    public record MatrixCell(String title, String respondent, String markClass, String mark, String detail) {

        /** The construct with its respondent group, unless its name already names the group. */
        public String label() {
            return ComparisonText.withGroup(title, respondent);
        }
    }

    /**
     * One questionnaire: its response rate, its constructs as cards, and for the psychologist its
     * level constructs in a table and a chart, its agreement and gap constructs.
     *
     * @param rate        "42 of 60 answered (70 %)" or the withheld / unknown wording
     * @param rateCaveat  the caveat of a low rate or of a rate over 100 %, or null
     */
    public record Block(String key, String title, String respondent, String rate, @Nullable String rateCaveat,
                        List<ConstructCard> cards, List<LevelRow> levels, List<AgreementRow> agreements,
                        List<GapRow> gaps, Chart chart) {}

    /**
     * One construct for the director: percent favourable and its band first.
     *
     * @param suppressed     fewer answers than the threshold: no figure, only {@code suppressedText}
     * @param favourable     "62 %"
     * @param levelClass     css class of the band ({@code band-high}); the words carry the meaning
     * @param levelText      "▲ высокий уровень" ("band" is an operator in the templates' expression language)
     * @param reference      the reference's percent favourable, or "—"
     * @param previous       the previous wave's, or "—"
     * @param caveat         the reliability caveat (alpha below 0.6, or not computable), or null
     * @param trend          the trend across the school's waves, or null with only this wave
     */
    public record ConstructCard(String title, boolean suppressed, String favourable, String levelClass, String levelText,
                                String reference, String previous, @Nullable String caveat, @Nullable Trend trend) {}

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

    /** A text placed on a chart (construct titles, "fewer than N answers", values, waves). */
    public record Text(int x, int y, String text, String cssClass) {}

    /** One bar with its 95% interval whisker and a label that names the group and the score. */
    public record Bar(String cssClass, String fill, int x, int y, int width, int height, int ciX1, int ciX2, int ciY,
                      int labelX, int labelY, String label) {}

    /**
     * The small trend chart of one construct across the school's waves.
     *
     * @param cuts  dashed lines at the band cut points, labelled
     * @param lines polyline point lists ("x,y x,y"), one per unbroken run of shown waves
     */
    public record Trend(int width, int height, String label, List<Cut> cuts, List<Text> texts, List<Dot> dots,
                        List<String> lines) {}

    /** A horizontal dashed line across the trend chart at a band cut point. */
    public record Cut(int x1, int x2, int y, String label) {}

    /** A point of the trend. */
    public record Dot(int x, int y) {}
}
