package org.uklad.identification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.questionnaires.IdentificationRules;
import org.uklad.school.SchoolCategory;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * Builds the identification page ({@link IdentificationPage}) from {@link Identification.Overview}:
 * the rows in the chosen order, each school's evidence in words, the mentors with their reasons, the
 * chart and the model comparison. Also says a school's proposal and decision in one line for the
 * registry and the municipal summary PDF ({@link #categoryLine}).
 */
@Singleton
public class IdentificationPresenter {

    /** The sort orders of the table. */
    static final List<String> SORTS = List.of("municipality", "category", "status");

    private final StaffPageSupport pages;
    private final ReportFormats formats;
    private final Identification identification;

    IdentificationPresenter(StaffPageSupport pages, ReportFormats formats, Identification identification) {
        this.pages = pages;
        this.formats = formats;
        this.identification = identification;
    }

    private String t(Locale locale, String key, Object... args) {
        return pages.text(key, locale, args);
    }

    IdentificationPage page(HttpRequest<?> request, Authentication auth, @Nullable String sort, String notice,
                            Map<String, String> form, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        ReportFormat f = formats.of(locale);
        Identification.Overview o = identification.overview();
        String order = sort != null && SORTS.contains(sort) ? sort : "municipality";
        List<Identification.Row> rows = new ArrayList<>(o.rows());
        Map<Long, Integer> numbers = new java.util.HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            numbers.put(rows.get(i).school().id(), i + 1); // the registry's order numbers the schools, whatever the sort
        }
        rows.sort(switch (order) {
            case "category" -> Comparator.comparing((Identification.Row r) -> r.evidence().proposed().ordinal());
            case "status" -> Comparator.comparing((Identification.Row r) -> statusRank(status(r)));
            default -> Comparator.comparing((Identification.Row r) -> r.school().municipality());
        });
        Map<Long, String> names = o.rows().stream().collect(Collectors.toMap(r -> r.school().id(), r -> r.school().name()));
        List<IdentificationPage.Row> out = rows.stream().map(r -> row(r, numbers.get(r.school().id()), names, o, locale, f,
                form)).toList();
        List<IdentificationChart.Input> inputs = o.rows().stream().filter(r -> r.evidence().context() != null
                        && !r.evidence().context().suppressed() && !r.evidence().outcomes().isEmpty())
                .map(r -> new IdentificationChart.Input(numbers.get(r.school().id()), r.school().name(),
                        r.evidence().context().index(), r.evidence().outcomes())).toList();
        IdentificationChart.Chart chart = inputs.isEmpty() ? null : IdentificationChart.layout(inputs, o.years(), f,
                t(locale, "identification.chart.x"), t(locale, "identification.chart.y"),
                t(locale, "identification.chart.label"));
        List<Option> sorts = SORTS.stream().map(s -> new Option(s, t(locale, "identification.sort." + s), s.equals(order)))
                .toList();
        List<String> heads = Proposer.MODELS.stream().map(m -> t(locale, "identification.model." + m)).toList();
        return new IdentificationPage(pages.chrome(request, auth), lead(o, locale), notice, sorts, out, chart, heads, form,
                errors);
    }

    private String lead(Identification.Overview o, Locale locale) {
        IdentificationRules rules = identification.rules();
        String subjects = rules.subjects().isEmpty() ? t(locale, "identification.subjects.all")
                : rules.subjects().stream().map(s -> s.assessment() + " · " + s.subject()).collect(Collectors.joining(", "));
        String years = o.years().isEmpty() ? t(locale, "identification.noYears")
                : o.years().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String context = o.contextWave() == null ? t(locale, "identification.noContext")
                : t(locale, "identification.contextWave", o.contextWave());
        return t(locale, "identification.lead", t(locale, "identification.scope." + o.scope()), subjects, years, context);
    }

    static String status(Identification.Row r) {
        if (r.decision() == null) {
            return "open";
        }
        return r.decision().decided() == r.evidence().proposed() ? "agrees" : "differs";
    }

    private static int statusRank(String status) {
        return switch (status) {
            case "differs" -> 0;
            case "open" -> 1;
            default -> 2;
        };
    }

    private String category(SchoolCategory c, Locale locale) {
        return t(locale, "school.category." + c.name());
    }

    /** What the rule that proposed the category says, in words. */
    String because(Evidence e, Locale locale) {
        if (e.rule() < 0) {
            return t(locale, "identification.because.none");
        }
        IdentificationRules.Rule rule = identification.rules().categories().get(e.rule());
        ReportFormat f = formats.of(locale);
        if (rule.results() != null) {
            return t(locale, rule.results().top() ? "identification.because.top" : "identification.because.bottom",
                    rule.results().years(), f.decimals(rule.results().percent(), 0));
        }
        IdentificationRules.ContextRule c = rule.context();
        return t(locale, "identification.because.context",
                c.indexBottomPercent() == null ? "—" : f.decimals(c.indexBottomPercent(), 0),
                c.bottomThirdShareAbove() == null ? "—" : f.percent(c.bottomThirdShareAbove()));
    }

    private String context(@Nullable Evidence.Context c, Locale locale, ReportFormat f) {
        if (c == null) {
            return t(locale, "identification.context.none");
        }
        if (c.suppressed()) {
            return t(locale, "identification.context.suppressed");
        }
        return t(locale, "identification.context.value", f.coefficient(c.index()), f.percent(c.bottomThirdShare()),
                f.decimals(c.indexPercentile(), 0));
    }

    private IdentificationPage.Row row(Identification.Row r, int number, Map<Long, String> names,
                                       Identification.Overview o, Locale locale, ReportFormat f, Map<String, String> form) {
        Evidence e = r.evidence();
        List<IdentificationPage.Year> years = new ArrayList<>();
        for (int i = 0; i < o.years().size(); i++) {
            Evidence.Standing st = e.standings().get(i);
            String year = String.valueOf(o.years().get(i));
            if (st == null) {
                years.add(new IdentificationPage.Year(year, List.of(), "—", "—", t(locale, "identification.noResults")));
                continue;
            }
            years.add(new IdentificationPage.Year(year, st.places().entrySet().stream()
                    .map(p -> new IdentificationPage.Place(p.getKey(), f.decimals(p.getValue(), p.getValue() % 1 == 0 ? 0 : 1)))
                    .toList(), f.decimals(st.sum(), 1), f.decimals(st.percentile(), 1),
                    t(locale, "identification.coverage", st.ranked(), st.listed(), st.groupSize())));
        }
        Evidence.Standing latest = e.standings().isEmpty() ? null : e.standings().getLast();
        String status = status(r);
        boolean refused = String.valueOf(r.school().id()).equals(form.get("schoolId"));
        String selected = refused ? form.get("category") : (r.decision() == null ? e.proposed() : r.decision().decided()).name();
        List<Option> categories = Arrays.stream(SchoolCategory.values())
                .map(c -> new Option(c.name(), category(c, locale), c.name().equals(selected))).toList();
        List<IdentificationPage.MentorRow> mentors = r.mentors().stream().map(m -> new IdentificationPage.MentorRow(
                m.schoolId(), m.name(), t(locale, "identification.mentor.reason", f.coefficient(m.contextIndex()),
                        f.coefficient(e.context().index()), f.coefficient(m.difference()),
                        m.sameMunicipality() ? t(locale, "identification.mentor.same")
                                : t(locale, "identification.mentor.other", m.municipality())), m.paired())).toList();
        List<String> models = e.models().stream().map(m -> m.beats() == null ? t(locale, "identification.model.none")
                : t(locale, m.beats() ? "identification.model.beats" : "identification.model.not", m.yearsAbove(),
                m.yearsFitted())).toList();
        return new IdentificationPage.Row(r.school().id(), number, r.school().name(), r.school().municipality(),
                category(r.school().category(), locale), category(e.proposed(), locale), because(e, locale),
                r.decision() == null ? "—" : category(r.decision().decided(), locale) + " · "
                        + f.dateTime(r.decision().decidedAt()),
                r.decision() == null || r.decision().reason() == null ? "" : r.decision().reason(), status,
                t(locale, "identification.status." + status),
                latest == null ? "—" : t(locale, "identification.latest", f.decimals(latest.sum(), 1),
                        f.decimals(latest.percentile(), 1)),
                latest == null || latest.ranked() == latest.listed() ? ""
                        : t(locale, "identification.coverage.short", latest.ranked(), latest.listed()),
                context(e.context(), locale, f), years, categories, mentors,
                r.mentorsPaired().stream().map(id -> names.getOrDefault(id, "#" + id)).toList(),
                r.decision() != null && r.decision().decided() == SchoolCategory.SHNRO, models);
    }

    /**
     * A school's proposal and decision in one line ("proposed ШНРО · decided ШНРО"), for the registry
     * and the municipal summary; school id → line.
     */
    public Map<Long, String> categoryLines(Locale locale) {
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        identification.overview().rows().forEach(r -> out.put(r.school().id(), categoryLine(r, locale)));
        return out;
    }

    /** One school in the municipal summary's identification table. */
    public record SummaryLine(String school, String municipality, String proposed, String because, String decided,
                              String latest) {}

    /** Every school's proposal, its reason, the decision and the latest standing, for the municipal summary. */
    public List<SummaryLine> summary(Locale locale) {
        ReportFormat f = formats.of(locale);
        return identification.overview().rows().stream().map(r -> {
            Evidence.Standing latest = r.evidence().standings().isEmpty() ? null : r.evidence().standings().getLast();
            return new SummaryLine(r.school().name(), r.school().municipality(), category(r.evidence().proposed(), locale),
                    because(r.evidence(), locale), r.decision() == null ? "—" : category(r.decision().decided(), locale),
                    latest == null ? "—" : t(locale, "identification.latest", f.decimals(latest.sum(), 1),
                            f.decimals(latest.percentile(), 1)));
        }).toList();
    }

    String categoryLine(Identification.Row r, Locale locale) {
        String proposed = category(r.evidence().proposed(), locale);
        return r.decision() == null ? t(locale, "identification.line.open", proposed)
                : t(locale, "identification.line.decided", proposed, category(r.decision().decided(), locale));
    }
}
