package org.uklad.dashboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.indices.Comparison;
import org.uklad.indices.Comparisons;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.SchoolComparisons;
import org.uklad.indices.Verdict;
import org.uklad.report.ComparisonText;
import org.uklad.system.Messages;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.WaveIndices;
import org.uklad.questionnaires.IndexKind;
import org.uklad.report.Findings;
import org.uklad.system.ReportFormat;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * A school's dashboard in a wave: per questionnaire and LEVEL construct the 0–100 score with its
 * 95% interval beside the partner school's with the words of {@link Verdict}; the comparisons with
 * the partner and with the school's earlier waves (difference with its 95% interval, Hedges' g,
 * BH-adjusted p) and the problem matrix ({@link Comparisons}); rWG(J) for AGREEMENT constructs; a
 * bar chart drawn on the server. Every staff role, within the schools it may read
 * ({@link SchoolScope#requireRead}).
 */
@Controller("/staff/waves/{waveId}/schools/{schoolId}/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class DashboardController {

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final IndicesService indices;
    private final Comparisons comparisons;
    private final Messages messages;
    private final ReportFormats formats;

    DashboardController(StaffPageSupport pages, SchoolScope scope, Schools schools, Waves waves,
                        IndicesService indices, Comparisons comparisons, Messages messages,
                        ReportFormats formats) {
        this.comparisons = comparisons;
        this.messages = messages;
        this.formats = formats;
        this.pages = pages;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.indices = indices;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                         @PathVariable long schoolId) {
        // scope first: a director must not learn from 404 versus 403 which school ids exist
        scope.requireRead(auth, schoolId);
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        // the partner's figures by the one partner rule of the page, the API and the PDF: a psychologist of
        // this school only, or a director looking at their partner school (whose partner is a third), sees none
        Optional<School> paired = schools.partnerOf(schoolId).map(Schools.Partner::school);
        Optional<School> partner = paired.filter(p -> scope.mayReadPartner(auth, schoolId));
        Locale locale = pages.locale(request);
        WaveIndices all = indices.compute(waveId);
        SchoolComparisons compared = comparisons.of(waveId, schoolId, partner.isPresent());
        DashboardPage page = build(request, auth, wave, school, partner.orElse(null), all, compared,
                comparisons.matrix(waveId, schoolId, partner.isPresent()), paired.isPresent() && partner.isEmpty(),
                locale);
        return HttpResponse.ok(new ModelAndView<>("staff/dashboard", page));
    }

    private DashboardPage build(HttpRequest<?> request, Authentication auth, Wave wave, School school,
                                School partner, WaveIndices all, SchoolComparisons compared, ProblemMatrix matrix,
                                boolean partnerHidden, Locale locale) {
        ReportFormat f = formats.of(locale);
        boolean en = "en".equals(locale.getLanguage());
        String suppressed = pages.text("dashboard.suppressed", locale, f.count(all.minGroupSize()));
        String schoolLabel = pages.text("dashboard.chart.school", locale);
        String partnerLabel = pages.text("dashboard.chart.partner", locale);
        List<DashboardPage.Block> blocks = new ArrayList<>();
        for (QuestionnaireIndices q : all.questionnaires()) {
            List<DashboardPage.LevelRow> levels = new ArrayList<>();
            List<DashboardChart.Entry> entries = new ArrayList<>();
            List<DashboardPage.AgreementRow> agreements = new ArrayList<>();
            List<DashboardPage.GapRow> gaps = new ArrayList<>();
            for (ConstructIndex c : q.constructs()) {
                String title = en ? c.title().en() : c.title().ru();
                SchoolIndex mine = c.entryOf(school.id());
                if (c.indexKind() == IndexKind.LEVEL) {
                    SchoolIndex theirs = partner == null ? null : c.entryOf(partner.id());
                    String comparison = compared.partner() == null ? null
                            : compared.partner().find(q.versionId(), c.construct())
                            .map(v -> pages.text(v.verdict().messageKey(), locale)).orElse(null);
                    levels.add(new DashboardPage.LevelRow(title, cell(mine, c.scale(), f, locale),
                            partner == null ? null : cell(theirs, c.scale(), f, locale), comparison));
                    entries.add(new DashboardChart.Entry(title, mine, partner == null ? null : theirs));
                } else if (c.indexKind() == IndexKind.AGREEMENT) {
                    boolean hidden = mine == null || mine.suppressed() || mine.rwgJ() == null;
                    agreements.add(new DashboardPage.AgreementRow(title, hidden,
                            hidden ? "" : f.coefficient(mine.rwgJ()),
                            hidden ? "" : pages.text("report.agreement.band." + Findings.band(mine.rwgJ()), locale),
                            c.icc() == null || c.icc().icc1() == null ? "—" : f.coefficient(c.icc().icc1())));
                } else if (c.indexKind() == IndexKind.GAP) {
                    SchoolIndex.GapIndex g = shown(mine) ? mine.gap() : null;
                    gaps.add(g == null || g.mean() == null
                            ? new DashboardPage.GapRow(title, true, "", "", "", "", "")
                            : new DashboardPage.GapRow(title, false, number(g.nowMean(), f), number(g.idealMean(), f),
                                    number(g.mean(), f), g.ciLower() == null || g.ciUpper() == null ? "—"
                                    : f.coefficientInterval(g.ciLower(), g.ciUpper()), f.count(mine.n())));
                }
            }
            if (levels.isEmpty() && agreements.isEmpty() && gaps.isEmpty()) {
                continue;
            }
            String qTitle = en ? q.title().en() : q.title().ru();
            String role = pages.text("report.role." + q.respondent().name().toLowerCase(Locale.ROOT), locale);
            DashboardPage.Chart chart = DashboardChart.layout(entries, partner != null, f, schoolLabel, partnerLabel, suppressed,
                    pages.text("dashboard.chart.label", locale, qTitle));
            blocks.add(new DashboardPage.Block(q.key(), qTitle, role, levels, agreements, gaps, chart));
        }
        List<DashboardPage.ComparisonTable> tables = new ArrayList<>();
        if (compared.partner() != null && partner != null) {
            tables.add(table("compare-partner", pages.text("compare.partner.heading", locale, partner.name()),
                    compared.partner(), f, locale));
        }
        for (Comparison c : compared.earlierWaves()) {
            tables.add(table("compare-wave-" + c.referenceWaveId(),
                    pages.text("compare.wave.heading", locale, c.referenceWaveName(), f.date(c.referenceOpensAt())),
                    c, f, locale));
        }
        return new DashboardPage(pages.chrome(request, auth), wave.id(), wave.name(), school.name(),
                partner == null ? null : partner.name(), suppressed,
                pages.text("dashboard.publication", locale, f.count(all.minGroupSize())), blocks, tables, matrix(matrix, f, locale), partnerHidden,
                scope.canDownload(auth, school.id())
                        ? "/staff/waves/" + wave.id() + "/schools/" + school.id() + "/summary.pdf" : null,
                // free text: administrators and the school's psychologists only, never a director
                scope.canEdit(auth, school.id())
                        ? "/staff/waves/" + wave.id() + "/schools/" + school.id() + "/free-text" : null);
    }

    private DashboardPage.ComparisonTable table(String id, String heading, Comparison c, ReportFormat f,
                                                Locale locale) {
        return new DashboardPage.ComparisonTable(id, heading,
                c.constructs().stream().map(x -> ComparisonText.of(x, messages, locale, f)).toList());
    }

    /** The problem matrix in the page's words: its notes once, each domain's first problems and strengths, the rest folded. */
    private DashboardPage.Matrix matrix(ProblemMatrix matrix, ReportFormat f, Locale locale) {
        List<DashboardPage.MatrixColumn> out = new ArrayList<>();
        for (ProblemMatrix.Column column : matrix.domains()) {
            out.add(new DashboardPage.MatrixColumn(
                    pages.text("matrix.domain." + column.domain().name().toLowerCase(Locale.ROOT), locale),
                    column.cells().isEmpty(), matrixCells(column.top(), f, locale), matrixCells(column.rest(), f, locale),
                    pages.text("matrix.more.summary", locale, f.count(column.rest().size()))));
        }
        return new DashboardPage.Matrix(ComparisonText.matrixNotes(matrix, messages, locale, f), out);
    }

    private List<DashboardPage.MatrixCell> matrixCells(List<ProblemMatrix.Cell> cells, ReportFormat f, Locale locale) {
        boolean en = "en".equals(locale.getLanguage());
        return cells.stream().map(cell -> new DashboardPage.MatrixCell(en ? cell.title().en() : cell.title().ru(),
                pages.text("report.role." + cell.respondent().name().toLowerCase(Locale.ROOT), locale).toLowerCase(locale),
                "mark-" + cell.mark().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                ComparisonText.mark(cell.mark(), messages, locale),
                ComparisonText.markDetail(cell, messages, locale, f))).toList();
    }

    /** The school's entry of a construct; null when the school has none (no codes or answers: nothing shown). */

    static boolean shown(SchoolIndex s) {
        return s != null && !s.suppressed();
    }

    private static String number(@Nullable Double x, ReportFormat f) {
        return x == null ? "—" : f.coefficient(x);
    }

    private DashboardPage.Cell cell(SchoolIndex s, ConstructIndex.ScaleInfo scale, ReportFormat f, Locale locale) {
        if (!shown(s)) {
            return DashboardPage.Cell.SUPPRESSED;
        }
        SchoolIndex.Score100 p = s.score100();
        return new DashboardPage.Cell(false,
                p == null || p.mean() == null ? "—" : f.score(p.mean()),
                p == null || p.ciLower() == null || p.ciUpper() == null ? "—" : f.interval(p.ciLower(), p.ciUpper()),
                s.mean() == null ? "—" : pages.text("dashboard.raw.value", locale, f.coefficient(s.mean()),
                        Integer.toString(scale.min()), Integer.toString(scale.max())),
                s.n() == null ? "—" : f.count(s.n()),
                s.percentFavourable() == null ? "—" : pages.text("report.rate", locale, f.score(s.percentFavourable())),
                s.alpha() == null ? "—" : s.reliability() == null || s.reliability().standardizedAlpha() == null
                        ? f.coefficient(s.alpha())
                        : pages.text("dashboard.alpha.value", locale, f.coefficient(s.alpha()),
                                f.count(s.reliability().completeCases()), f.coefficient(s.reliability().standardizedAlpha())));
    }
}
