package org.uklad.overview;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.overview.OverviewView.CellView;
import org.uklad.system.ReportFormat;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormats;

/**
 * Formats a {@link WaveOverview} for people: scores with one decimal (decimal comma in Russian),
 * silhouettes, context indices and coefficients with two, the documented words for suppressed and
 * missing figures. The page and the PDF both print what this returns.
 */
@Singleton
class OverviewPresenter {

    /** A cluster centre this many SDs from the average reads "above" or "below" average. */
    static final double POSITION = 0.5;

    private final Messages messages;
    private final Schools schools;
    private final ReportFormats formats;

    OverviewPresenter(Messages messages, Schools schools,
                      ReportFormats formats) {
        this.messages = messages;
        this.schools = schools;
        this.formats = formats;
    }

    ReportFormat format(Locale locale) {
        return formats.of(locale);
    }

    String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }

    OverviewView present(WaveOverview o, Locale locale) {
        ReportFormat f = format(locale);
        boolean en = "en".equals(locale.getLanguage());
        String suppressed = t(locale, "report.suppressed", f.count(o.minGroupSize()));
        String noData = t(locale, "overview.noData");
        Map<String, Integer> perRespondent = new LinkedHashMap<>();
        List<OverviewView.ColumnView> columns = o.columns().stream().map(c -> {
            String title = en ? c.title().en() : c.title().ru();
            String respondent = c.respondent().name().toLowerCase(Locale.ROOT);
            String role = t(locale, "report.role." + respondent);
            // short codes numbered per respondent group: "У1", "У2", "Р1" (S1, P1 in English)
            int n = perRespondent.merge(respondent, 1, Integer::sum);
            String code = t(locale, "overview.code." + respondent) + n;
            String questionnaire = en ? c.questionnaireTitle().en() : c.questionnaireTitle().ru();
            return new OverviewView.ColumnView(c.key(), code, role + " · " + title, title + " · " + questionnaire);
        }).toList();
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Integer> numbers = new LinkedHashMap<>();
        List<OverviewView.RowView> rows = new ArrayList<>();
        for (WaveOverview.SchoolRow r : o.schools()) {
            numbers.put(r.schoolId(), rows.size() + 1);
            names.put(r.schoolId(), r.name());
            rows.add(new OverviewView.RowView(rows.size() + 1, r.name(), r.municipality(),
                    r.cells().stream().map(c -> cell(c, f, suppressed, noData, locale)).toList()));
        }
        return new OverviewView(o.waveId(), o.waveName(), columns, t(locale, WaveOverviewService.ROW_ORDER),
                bands(f, locale), rows, clusters(o, columns, names, f, locale),
                context(o.context(), names, numbers, f, locale, suppressed),
                pairs(o, columns, f, suppressed, noData, locale));
    }

    /** The legend's bands, low to high, with the cut points of {@link HeatBand}. */
    List<OverviewView.BandView> bands(ReportFormat f, Locale locale) {
        String low = f.count(Math.round(HeatBand.LOW_BELOW));
        String high = f.count(Math.round(HeatBand.HIGH_FROM));
        return java.util.Arrays.stream(HeatBand.values()).map(b -> new OverviewView.BandView(b.id(), b.symbol(),
                t(locale, "overview.band." + b.id()), t(locale, "overview.band.range." + b.id(), low, high))).toList();
    }

    CellView cell(WaveOverview.Cell c, ReportFormat f, String suppressed, String noData, Locale locale) {
        return switch (c.status()) {
            case SHOWN -> {
                HeatBand b = HeatBand.of(c.score100());
                yield new CellView("shown", f.score(c.score100()), b.id(), b.symbol(),
                        t(locale, "overview.band." + b.id()));
            }
            case SUPPRESSED -> new CellView("suppressed", suppressed, null, "", "");
            case NO_DATA -> new CellView("none", noData, null, "", "");
        };
    }

    private String name(Map<Long, String> names, long id) {
        String n = names.get(id);
        return n != null ? n : schools.find(id).map(School::name).orElse("#" + id);
    }

    private OverviewView.ClustersView clusters(WaveOverview o, List<OverviewView.ColumnView> columns,
                                               Map<Long, String> names, ReportFormat f, Locale locale) {
        WaveOverview.Clusters c = o.clusters();
        List<String> used = c.columns().stream().map(k -> columns.stream().filter(col -> col.key().equals(k))
                .findFirst().orElseThrow().heading()).toList();
        List<String> leftOut = c.leftOut().stream().map(l -> t(locale, "overview.clusters.leftOutSchool",
                name(names, l.schoolId()), f.count(l.shown()), f.count(l.needed()))).toList();
        if (!c.available()) {
            return new OverviewView.ClustersView(false, t(locale, "overview.clusters.unavailable." + c.reason().name(),
                    f.count(c.minimumSchools())), used, List.of(), leftOut);
        }
        List<OverviewView.ClusterView> clusters = new ArrayList<>();
        for (WaveOverview.Cluster cl : c.clusters()) {
            List<OverviewView.MemberView> members = cl.members().stream().map(m -> new OverviewView.MemberView(
                    name(names, m.schoolId()), f.coefficient(m.silhouette()),
                    m.filled() == 0 ? null : t(locale, "overview.clusters.filled", f.count(m.filled())))).toList();
            List<OverviewView.ProfileCell> profile = new ArrayList<>();
            for (int u = 0; u < cl.profile().size(); u++) {
                Double p = cl.profile().get(u);
                double z = cl.centre().get(u);
                String position = z >= POSITION ? "above" : z <= -POSITION ? "below" : "average";
                profile.add(new OverviewView.ProfileCell(p == null ? "—" : f.score(p),
                        t(locale, "overview.clusters.position." + position)));
            }
            clusters.add(new OverviewView.ClusterView(cl.number(),
                    t(locale, "overview.clusters.cluster", f.count(cl.number()), f.count(cl.members().size())),
                    members, profile));
        }
        String message = t(locale, "overview.clusters.summary", f.count(c.k()), f.coefficient(c.meanSilhouette()),
                f.count(c.clusters().stream().mapToInt(x -> x.members().size()).sum()));
        return new OverviewView.ClustersView(true, message, used, clusters, leftOut);
    }

    private OverviewView.ContextView context(WaveOverview.Context c, Map<Long, String> names, Map<Long, Integer> numbers,
                                             ReportFormat f, Locale locale, String suppressed) {
        List<OverviewView.ContextRow> rows = new ArrayList<>();
        List<String> beating = new ArrayList<>();
        for (WaveOverview.ContextSchool s : c.schools()) {
            String context = s.contextSuppressed() ? suppressed
                    : s.contextIndex() == null ? "—" : f.coefficient(s.contextIndex());
            String bottomThird = s.contextSuppressed() ? suppressed
                    : s.bottomThirdShare() == null ? "—" : t(locale, "report.rate", f.percent(100 * s.bottomThirdShare()));
            String verdict = s.resilience() == null ? "—" : s.beatsContext() ? t(locale, "overview.context.beats")
                    : s.lowResult() ? t(locale, "overview.context.low") : t(locale, "overview.context.typical");
            if (s.beatsContext()) {
                beating.add(name(names, s.schoolId()));
            }
            rows.add(new OverviewView.ContextRow(numbers.getOrDefault(s.schoolId(), 0), name(names, s.schoolId()),
                    context, bottomThird, s.result() == null ? "—" : f.coefficient(s.result()),
                    s.predicted() == null ? "—" : f.coefficient(s.predicted()),
                    s.resilience() == null ? "—" : f.signedCoefficient(s.resilience()), verdict,
                    String.join("; ", s.suggestedPartners().stream().map(id -> name(names, id)).toList())));
        }
        String labels = c.resultLabels().isEmpty() ? "" : t(locale, c.resultLabels().size() == 1
                ? "overview.context.label" : "overview.context.labels", String.join("; ", c.resultLabels()));
        String chartLabel = t(locale, "overview.context.chart");
        if (!c.available()) {
            return new OverviewView.ContextView(false, t(locale, "overview.context.unavailable." + c.reason().name(),
                    f.count(c.minimumSchools()), f.count(c.schoolsWithBoth())), labels, rows, beating, null, chartLabel);
        }
        String message = t(locale, "overview.context.fit", f.coefficient(c.intercept()), f.signedCoefficient(c.slope()),
                f.coefficient(c.rSquared()), f.coefficient(c.sigma()), f.count(c.schoolsWithBoth()), f.coefficient(c.lowBelow()),
                f.coefficient(c.highFrom()));
        return new OverviewView.ContextView(true, message, labels, rows, beating, chart(c, names, numbers, f, locale),
                chartLabel);
    }

    private OverviewView.Chart chart(WaveOverview.Context c, Map<Long, String> names, Map<Long, Integer> numbers,
                                     ReportFormat f, Locale locale) {
        OverviewScatter.Layout l = OverviewScatter.layout(c, numbers, names, f);
        List<OverviewView.ChartPoint> points = new ArrayList<>();
        for (OverviewScatter.Point p : l.points()) {
            int x = (int) Math.round(p.x());
            int y = (int) Math.round(p.y());
            String path = switch (p.shape()) {
                case TRIANGLE -> "M" + x + " " + (y - 7) + " L" + (x + 7) + " " + (y + 5) + " L" + (x - 7) + " " + (y + 5) + " Z";
                case SQUARE -> "M" + (x - 5) + " " + (y - 5) + " h10 v10 h-10 Z";
                case CIRCLE -> "M" + (x - 5) + " " + y + " a5 5 0 1 0 10 0 a5 5 0 1 0 -10 0 Z";
            };
            points.add(new OverviewView.ChartPoint(path, "point point-" + p.shape().name().toLowerCase(Locale.ROOT),
                    x, y, (int) Math.round(p.labelX()), (int) Math.round(p.labelY()), p.label(), p.description()));
        }
        List<OverviewView.KeyEntry> key = l.points().stream()
                .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.label())))
                .map(p -> new OverviewView.KeyEntry(p.label(), p.name())).toList();
        String line = "M" + Math.round(l.lineX1()) + " " + Math.round(l.lineY1()) + " L" + Math.round(l.lineX2()) + " "
                + Math.round(l.lineY2());
        int left = OverviewScatter.LEFT;
        int right = OverviewScatter.WIDTH - OverviewScatter.RIGHT;
        int top = OverviewScatter.TOP;
        int bottom = OverviewScatter.HEIGHT - OverviewScatter.BOTTOM;
        List<OverviewView.ChartTick> ticks = new ArrayList<>();
        for (OverviewScatter.Tick tk : l.xTicks()) {
            int x = (int) Math.round(tk.at());
            ticks.add(new OverviewView.ChartTick(x, top, x, bottom, x, bottom + 16, "middle", tk.label()));
        }
        for (OverviewScatter.Tick tk : l.yTicks()) {
            int y = (int) Math.round(tk.at());
            ticks.add(new OverviewView.ChartTick(left, y, right, y, left - 4, y + 4, "end", tk.label()));
        }
        return new OverviewView.Chart(OverviewScatter.WIDTH, OverviewScatter.HEIGHT, left, right, top, bottom, ticks,
                points, line, t(locale, "overview.context.axis.x"), (left + right) / 2, OverviewScatter.HEIGHT - 8,
                c.resultLabels().size() == 1 ? c.resultLabels().getFirst() : t(locale, "overview.context.axis.y"),
                left + 4, top - 4, key);
    }

    private List<OverviewView.PairView> pairs(WaveOverview o, List<OverviewView.ColumnView> columns, ReportFormat f,
                                              String suppressed, String noData, Locale locale) {
        Map<Long, String> names = new LinkedHashMap<>();
        o.schools().forEach(r -> names.put(r.schoolId(), r.name()));
        List<OverviewView.PairView> out = new ArrayList<>();
        for (WaveOverview.Pair p : o.pairs()) {
            List<OverviewView.PairRow> rows = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) {
                Double d = p.difference().get(j);
                rows.add(new OverviewView.PairRow(columns.get(j).heading(), cell(p.supported().get(j), f, suppressed, noData, locale),
                        cell(p.mentor().get(j), f, suppressed, noData, locale), d == null ? "—" : f.signedScore(d)));
            }
            out.add(new OverviewView.PairView(name(names, p.supportedSchoolId()), name(names, p.mentorSchoolId()), rows));
        }
        return out;
    }
}
