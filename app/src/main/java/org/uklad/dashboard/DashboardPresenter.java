package org.uklad.dashboard;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.uklad.account.StaffPages;
import org.uklad.indices.Comparison;
import org.uklad.indices.Comparisons;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.IndicesService;
import org.uklad.indices.LevelBand;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolComparisons;
import org.uklad.indices.ScaleTrust;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.indices.WaveIndices;
import org.uklad.indices.WaveSnapshot;
import org.uklad.indices.WaveSnapshots;
import org.uklad.questionnaires.IndexKind;
import org.uklad.risk.RiskPresenter;
import org.uklad.risk.RiskProfiles;
import org.uklad.report.ComparisonText;
import org.uklad.statements.SafetyPresenter;
import org.uklad.report.Findings;
import org.uklad.report.Headlines;
import org.uklad.report.ResponseRates;
import org.uklad.school.School;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;

/**
 * Builds the one view model of the school dashboard ({@link DashboardPage}), director first: the
 * problems and strengths of {@link Headlines} against the reference (the partner school when the
 * reader may see it, else the other schools of the wave pooled, as the PDF without a partner), then
 * per construct its percent favourable with the band of {@link LevelBand}, the reference's and the
 * previous wave's, and the trend across the school's waves ({@link Comparisons#earlierWaves}); the
 * statistics for the psychologist after that. Names from {@link ConstructLabels}.
 */
@Singleton
class DashboardPresenter {

    /** Up to this many constructs left out for an untrusted scale are named at the top; more are counted. */
    static final int UNTRUSTED_NAMED = 3;

    private final IndicesService indices;
    private final Comparisons comparisons;
    private final ConstructLabels labels;
    private final ResponseRates rates;
    private final Messages messages;
    private final ReportFormats formats;
    private final SafetyPresenter safety;
    private final RiskProfiles risks;
    private final RiskPresenter risk;
    private final TeamNeedsPresenter needs;

    DashboardPresenter(IndicesService indices, Comparisons comparisons, ConstructLabels labels, ResponseRates rates,
                       Messages messages, ReportFormats formats, SafetyPresenter safety, RiskProfiles risks,
                       RiskPresenter risk, TeamNeedsPresenter needs) {
        this.needs = needs;
        this.safety = safety;
        this.risks = risks;
        this.risk = risk;
        this.indices = indices;
        this.comparisons = comparisons;
        this.labels = labels;
        this.rates = rates;
        this.messages = messages;
        this.formats = formats;
    }

    /** What the reader may see and reach, decided by the controller from {@code SchoolScope}. */
    record Access(@Nullable School partner, boolean partnerHidden, @Nullable String summaryPath,
                  @Nullable String freeTextLink, boolean programmeLinks) {}

    /** An earlier wave of the school with its indices (for the trend and "previous wave"). */
    private record Earlier(Comparison comparison, WaveIndices indices) {}

    /**
     * A headline candidate: its name, its respondent group, and the name with the group for a list
     * ("Комфортность условий (родители)"; a name that carries its form already names the group).
     */
    private record Named(String title, String role, String listed) {}

    DashboardPage page(StaffPages.Chrome chrome, Wave wave, School school, Access access, Locale locale) {
        ReportFormat f = formats.of(locale);
        School partner = access.partner();
        // one snapshot of each wave for the whole page: no two parts show two states of a wave
        WaveSnapshots taken = new WaveSnapshots(indices);
        WaveSnapshot now = taken.of(wave.id());
        WaveIndices all = now.indices();
        int k = all.minGroupSize();
        SchoolComparisons compared = comparisons.of(taken, wave.id(), school.id(), partner != null);
        Comparison versus = partner != null && compared.partner() != null ? compared.partner()
                : comparisons.restOfWave(now, school.id());
        List<Earlier> earlier = compared.earlierWaves().stream()
                .map(c -> new Earlier(c, taken.of(c.referenceWaveId()).indices())).toList();
        Map<Long, ResponseRates.Rate> rateOf = rates.of(wave.id(), school.id(), k);
        String suppressed = t("dashboard.suppressed", locale, f.count(k));
        // a reader who may not see the partner gets no pooled reference either, as in the PDF: the rest of
        // the wave holds the partner's answers, and with few schools it would give them back
        boolean alone = access.partnerHidden();
        String referenceName = partner != null ? t("dashboard.card.partner", locale, partner.name())
                : alone ? t("dashboard.reference.hidden", locale) : t("report.reference.wave", locale);

        List<Headlines.Candidate<Named>> candidates = new ArrayList<>();
        List<DashboardPage.Block> blocks = new ArrayList<>();
        for (QuestionnaireIndices q : all.questionnaires()) {
            String role = t("report.role." + q.respondent().name().toLowerCase(Locale.ROOT), locale);
            List<DashboardPage.ConstructCard> cards = new ArrayList<>();
            List<DashboardPage.LevelRow> levels = new ArrayList<>();
            List<DashboardChart.Entry> entries = new ArrayList<>();
            List<DashboardPage.AgreementRow> agreements = new ArrayList<>();
            List<DashboardPage.GapRow> gaps = new ArrayList<>();
            for (ConstructIndex c : q.constructs()) {
                String title = ConstructLabels.local(labels.level(all, q, c), locale);
                SchoolIndex mine = c.entryOf(school.id());
                SchoolIndex reference = partner != null ? c.entryOf(partner.id()) : alone ? null : c.overall();
                if (c.indexKind() == IndexKind.LEVEL || c.indexKind() == IndexKind.AGREEMENT) {
                    var comparison = alone ? java.util.Optional.<org.uklad.indices.ConstructComparison>empty()
                            : versus.find(q.versionId(), c.construct());
                    String listed = labels.namesForm(all, q, c) ? title : title + " (" + role.toLowerCase(locale) + ")";
                    candidates.add(new Headlines.Candidate<>(new Named(title, role, listed), mine, reference,
                            comparison.orElse(null)));
                    cards.add(card(title, q, c, mine, reference, earlier, school.id(), suppressed, f, locale));
                    SchoolIndex theirs = partner == null ? null : c.entryOf(partner.id());
                    String word = compared.partner() == null ? null : compared.partner()
                            .find(q.versionId(), c.construct()).map(v -> t(v.verdict().messageKey(), locale)).orElse(null);
                    levels.add(new DashboardPage.LevelRow(title, cell(mine, c.scale(), f, locale),
                            partner == null ? null : cell(theirs, c.scale(), f, locale), word));
                    entries.add(new DashboardChart.Entry(title, mine, theirs));
                }
                if (c.indexKind() == IndexKind.AGREEMENT) {
                    boolean hidden = !shown(mine) || mine.rwgJ() == null;
                    agreements.add(new DashboardPage.AgreementRow(ConstructLabels.local(labels.agreement(all, q, c), locale),
                            hidden, hidden ? "" : f.coefficient(mine.rwgJ()),
                            hidden ? "" : t("report.agreement.band." + Findings.band(mine.rwgJ()), locale),
                            c.icc() == null || c.icc().icc1() == null ? "—" : f.coefficient(c.icc().icc1())));
                } else if (c.indexKind() == IndexKind.GAP) {
                    gaps.add(gap(title, mine, f));
                }
            }
            if (cards.isEmpty() && gaps.isEmpty()) {
                continue;
            }
            String qTitle = ConstructLabels.local(q.title(), locale);
            DashboardPage.Chart chart = DashboardChart.layout(entries, partner != null, f,
                    t("dashboard.chart.school", locale), t("dashboard.chart.partner", locale), suppressed,
                    t("dashboard.chart.label", locale, qTitle));
            ResponseRates.Rate rate = rateOf.get(q.versionId());
            blocks.add(new DashboardPage.Block(q.key(), qTitle, role, rateText(rate, k, f, locale),
                    rateCaveat(rate, locale), cards, levels, agreements, gaps, chart));
        }

        List<DashboardPage.ComparisonTable> tables = new ArrayList<>();
        if (compared.partner() != null && partner != null) {
            tables.add(table("compare-partner", t("compare.partner.heading", locale, partner.name()),
                    compared.partner(), all, f, locale));
        }
        for (Comparison c : compared.earlierWaves()) {
            tables.add(table("compare-wave-" + c.referenceWaveId(),
                    t("compare.wave.heading", locale, c.referenceWaveName(), f.date(c.referenceOpensAt())), c, all, f, locale));
        }
        String previous = earlier.isEmpty() ? null : earlier.getLast().comparison().referenceWaveName();
        return new DashboardPage(chrome, wave.id(), wave.name(), school.name(), partner == null ? null : partner.name(),
                referenceName, suppressed, t("dashboard.publication", locale, f.count(k)),
                top(Headlines.of(candidates), partner != null, alone, partner != null ? partner.name() : referenceName, k, f,
                        locale),
                t("dashboard.band.legend", locale, f.percent(LevelBand.HIGH_FROM), f.percent(LevelBand.MEDIUM_FROM)),
                previous, blocks, tables, matrix(comparisons.matrix(now, school.id(), partner != null), all, f, locale),
                access.partnerHidden(), access.summaryPath(), access.freeTextLink(),
                safety.view(wave.id(), school.id(), locale),
                risk.section(risks.of(now, school.id()), access.programmeLinks(), locale),
                needs.section(all, school.id(), locale));
    }

    private DashboardPage.Top top(Headlines.Result<Named> result, boolean partner, boolean alone, String referenceName,
                                  int k, ReportFormat f, Locale locale) {
        String in = t(partner ? "report.reference.partner.in" : "report.reference.wave.in", locale);
        List<DashboardPage.Headline> problems = new ArrayList<>();
        for (Headlines.Headline<Named> h : result.problems()) {
            problems.add(headline("dashboard.top.problem", h, in, f, locale));
        }
        List<DashboardPage.Headline> strengths = new ArrayList<>();
        for (Headlines.Headline<Named> h : result.strengths()) {
            strengths.add(headline("dashboard.top.strength", h, in, f, locale));
        }
        boolean compared = result.unclear() > 0 || !result.untrusted().isEmpty();
        String nothing = result.nothingClear()
                ? t(compared ? "dashboard.top.nothing" : "dashboard.top.nothing-compared", locale, f.count(k))
                : null;
        String more = result.moreClear() > 0 ? t("dashboard.top.more", locale, f.count(result.moreClear())) : null;
        // a few are named; many are counted, each card below carries its own caveat
        String untrusted = result.untrusted().isEmpty() ? null
                : result.untrusted().size() <= UNTRUSTED_NAMED
                ? t("dashboard.top.untrusted", locale, String.join("; ", result.untrusted().stream().map(Named::listed)
                        .toList()), f.coefficient(Headlines.MIN_ALPHA))
                : t("dashboard.top.untrusted.many", locale, f.count(result.untrusted().size()),
                        f.coefficient(Headlines.MIN_ALPHA));
        String basis = alone ? referenceName
                : t(partner ? "dashboard.top.basis.partner" : "dashboard.top.basis.wave", locale, referenceName);
        return new DashboardPage.Top(basis, problems, strengths, nothing, more, untrusted);
    }

    private DashboardPage.Headline headline(String markKey, Headlines.Headline<Named> h, String in, ReportFormat f,
                                            Locale locale) {
        return new DashboardPage.Headline(t(markKey, locale),
                Headlines.sentence(h, h.item().role(), h.item().title(), in, messages, locale, f),
                "g = " + f.coefficient(h.versus().hedgesG()));
    }

    /** One construct for the director: percent favourable, band, reference, previous wave, trend, caveat. */
    private DashboardPage.ConstructCard card(String title, QuestionnaireIndices q, ConstructIndex c, SchoolIndex mine,
                                             SchoolIndex reference, List<Earlier> earlier, long schoolId,
                                             String suppressed, ReportFormat f, Locale locale) {
        Function<Double, String> percent = x -> t("report.rate", locale, f.percent(x));
        List<TrendChart.Point> points = new ArrayList<>();
        for (Earlier e : earlier) {
            points.add(new TrendChart.Point(f.date(e.comparison().referenceOpensAt()),
                    favourable(Comparisons.match(e.indices(), q, c, schoolId)
                            .flatMap(then -> then.constructs().stream().filter(x -> x.construct().equals(c.construct()))
                                    .findFirst())
                            .map(x -> x.entryOf(schoolId)).orElse(null))));
        }
        Double now = favourable(mine);
        String previous = points.isEmpty() || points.getLast().percent() == null ? "—"
                : percent.apply(points.getLast().percent());
        Double ref = favourable(reference);
        String referenceText = ref == null ? "—" : percent.apply(ref);
        if (now == null) {
            return new DashboardPage.ConstructCard(title, true, "", "band-none", suppressed, referenceText, previous,
                    null, null);
        }
        points.add(new TrendChart.Point(t("dashboard.trend.now", locale), now));
        LevelBand band = LevelBand.of(now);
        return new DashboardPage.ConstructCard(title, false, percent.apply(now),
                "band-" + band.name().toLowerCase(Locale.ROOT), band.symbol() + " " + t(band.messageKey(), locale),
                referenceText, previous, caveat(mine, f, locale),
                TrendChart.layout(points, percent, t("dashboard.trend.label", locale, title)));
    }

    /** The reliability caveat of a shown scale (the rule of {@link ScaleTrust}), or null. */
    private String caveat(SchoolIndex s, ReportFormat f, Locale locale) {
        return switch (ScaleTrust.of(s)) {
            case TRUSTED -> null;
            case LOW_ALPHA -> t("dashboard.caveat.alpha", locale, f.coefficient(s.alpha()), f.coefficient(Headlines.MIN_ALPHA));
            case NO_ALPHA -> t("dashboard.caveat.no-alpha", locale);
        };
    }

    private static @Nullable Double favourable(@Nullable SchoolIndex s) {
        return shown(s) ? s.percentFavourable() : null;
    }

    private String rateText(@Nullable ResponseRates.Rate rate, int k, ReportFormat f, Locale locale) {
        if (rate == null || rate.responses() == null) {
            return t("dashboard.rate.withheld", locale, f.count(k));
        }
        if (rate.percent() == null) {
            return t("dashboard.rate.count", locale, f.count(rate.responses()));
        }
        if (rate.caveat() == ResponseRates.Caveat.OVER_EXPECTED) { // no rate over 100 % stated as a fact
            return t("dashboard.rate.over.count", locale, f.count(rate.responses()), f.count(rate.expected()));
        }
        return t("dashboard.rate.value", locale, f.count(rate.responses()), f.count(rate.expected()),
                f.percent(rate.percent()));
    }

    private @Nullable String rateCaveat(@Nullable ResponseRates.Rate rate, Locale locale) {
        if (rate == null) {
            return null;
        }
        return switch (rate.caveat()) {
            case LOW -> t("dashboard.rate.low", locale, formats.of(locale).percent(ResponseRates.LOW_BELOW));
            case OVER_EXPECTED -> t("dashboard.rate.over", locale);
            case NONE, UNKNOWN -> null;
        };
    }

    private DashboardPage.GapRow gap(String title, SchoolIndex mine, ReportFormat f) {
        SchoolIndex.GapIndex g = shown(mine) ? mine.gap() : null;
        return g == null || g.mean() == null
                ? new DashboardPage.GapRow(title, true, "", "", "", "", "")
                : new DashboardPage.GapRow(title, false, number(g.nowMean(), f), number(g.idealMean(), f),
                        number(g.mean(), f), g.ciLower() == null || g.ciUpper() == null ? "—"
                        : f.coefficientInterval(g.ciLower(), g.ciUpper()), f.count(mine.n()));
    }

    private DashboardPage.ComparisonTable table(String id, String heading, Comparison c, WaveIndices all, ReportFormat f,
                                                Locale locale) {
        return new DashboardPage.ComparisonTable(id, heading, c.constructs().stream()
                .map(x -> ComparisonText.of(x.titled(labels.level(all, x.versionId(), x.construct(), x.title())),
                        messages, locale, f))
                .toList());
    }

    /** The problem matrix in the page's words: its notes once, each domain's first problems and strengths, the rest folded. */
    private DashboardPage.Matrix matrix(ProblemMatrix matrix, WaveIndices all, ReportFormat f, Locale locale) {
        List<DashboardPage.MatrixColumn> out = new ArrayList<>();
        for (ProblemMatrix.Column column : matrix.domains()) {
            out.add(new DashboardPage.MatrixColumn(
                    t("matrix.domain." + column.domain().name().toLowerCase(Locale.ROOT), locale),
                    column.cells().isEmpty(), matrixCells(column.top(), all, f, locale),
                    matrixCells(column.rest(), all, f, locale),
                    t("matrix.more.summary", locale, f.count(column.rest().size()))));
        }
        return new DashboardPage.Matrix(ComparisonText.matrixNotes(matrix, messages, locale, f), out);
    }

    private List<DashboardPage.MatrixCell> matrixCells(List<ProblemMatrix.Cell> cells, WaveIndices all, ReportFormat f,
                                                       Locale locale) {
        return cells.stream().map(cell -> new DashboardPage.MatrixCell(
                ConstructLabels.local(labels.level(all, cell.versionId(), cell.construct(), cell.title()), locale),
                t("report.role." + cell.respondent().name().toLowerCase(Locale.ROOT), locale).toLowerCase(locale),
                "mark-" + cell.mark().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                ComparisonText.mark(cell.mark(), messages, locale),
                ComparisonText.markDetail(cell, messages, locale, f))).toList();
    }

    static boolean shown(@Nullable SchoolIndex s) {
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
                s.mean() == null ? "—" : t("dashboard.raw.value", locale, f.coefficient(s.mean()),
                        Integer.toString(scale.min()), Integer.toString(scale.max())),
                s.n() == null ? "—" : f.count(s.n()),
                s.percentFavourable() == null ? "—" : t("report.rate", locale, f.score(s.percentFavourable())),
                s.alpha() == null ? "—" : s.reliability() == null || s.reliability().standardizedAlpha() == null
                        ? f.coefficient(s.alpha())
                        : t("dashboard.alpha.value", locale, f.coefficient(s.alpha()),
                                f.count(s.reliability().completeCases()), f.coefficient(s.reliability().standardizedAlpha())));
    }

    private String t(String key, Locale locale, Object... args) {
        return messages.get(key, locale, args);
    }
}
