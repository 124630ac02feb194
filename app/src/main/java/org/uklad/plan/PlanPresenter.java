package org.uklad.plan;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * Builds the plan pages ({@link PlanPages}) and the texts the PDF prints from the same {@link
 * Plan.Table}: names (a standard indicator in the page's language), plan and fact with their unit,
 * the status in symbol and word, what is behind each figure.
 */
@Singleton
class PlanPresenter {

    private final StaffPageSupport pages;
    private final Messages messages;
    private final ReportFormats formats;
    private final Schools schools;

    PlanPresenter(StaffPageSupport pages, Messages messages, ReportFormats formats, Schools schools) {
        this.pages = pages;
        this.messages = messages;
        this.formats = formats;
        this.schools = schools;
    }

    PlanPages.PlanPage planPage(HttpRequest<?> request, Authentication auth, Plan.Table table, Map<String, String> factForm,
                                Map<String, String> factErrors, Map<String, String> indicatorValues,
                                Map<String, String> indicatorErrors, String notice) {
        Locale locale = pages.locale(request);
        List<PlanPages.LineView> lines = lines(table, locale);
        List<Option> entered = new ArrayList<>();
        for (Plan.Line l : table.lines()) {
            if (l.indicator().entered()) {
                String id = String.valueOf(l.indicator().id());
                entered.add(new Option(id, name(l.indicator(), locale) + " (" + t(locale, "plan.level." + l.indicator().level())
                        + ")", id.equals(factForm.get("indicatorId"))));
            }
        }
        List<Option> municipalities = schools.municipalities().stream().map(m -> new Option(m.name(), m.name(),
                m.name().equals(factForm.get("municipality")))).toList();
        List<Option> identified = schools.all().stream()
                .filter(s -> s.category() == SchoolCategory.SHNRO || s.category() == SchoolCategory.SHRSSU)
                .map(s -> new Option(String.valueOf(s.id()), s.label(), String.valueOf(s.id()).equals(factForm.get("schoolId"))))
                .toList();
        return new PlanPages.PlanPage(pages.chrome(request, auth), formats.of(locale).date(table.today()), lines, entered,
                municipalities, identified, factForm, factErrors, indicatorForm(locale, indicatorValues, indicatorErrors),
                notice);
    }

    PlanPages.IndicatorPage indicatorPage(HttpRequest<?> request, Authentication auth, long id, Map<String, String> values,
                                          Map<String, String> errors) {
        return new PlanPages.IndicatorPage(pages.chrome(request, auth), id,
                indicatorForm(pages.locale(request), values, errors));
    }

    private PlanPages.IndicatorForm indicatorForm(Locale locale, Map<String, String> values, Map<String, String> errors) {
        List<Option> units = Arrays.stream(Plan.Unit.values()).map(u -> new Option(u.name(), t(locale, "plan.unit." + u),
                u.name().equals(values.get("unit")))).toList();
        List<Option> levels = Arrays.stream(Plan.Level.values()).map(l -> new Option(l.name(), t(locale, "plan.level." + l),
                l.name().equals(values.get("level")))).toList();
        List<Option> sources = new ArrayList<>();
        sources.add(new Option(Metric.ENTERED, t(locale, "plan.source.ENTERED"), Metric.ENTERED.equals(values.get("source"))));
        for (Metric m : Metric.values()) {
            sources.add(new Option(m.name(), t(locale, "plan.source." + m), m.name().equals(values.get("source"))));
        }
        return new PlanPages.IndicatorForm(units, levels, sources, values, errors);
    }

    /** Every indicator's row in the page's language (the page and the PDF print these). */
    List<PlanPages.LineView> lines(Plan.Table table, Locale locale) {
        ReportFormat f = formats.of(locale);
        List<PlanPages.LineView> out = new ArrayList<>();
        for (Plan.Line l : table.lines()) {
            Plan.Indicator i = l.indicator();
            String fact = l.parts().isEmpty() ? figure(l.fact(), i.unit(), f, locale)
                    : t(locale, "plan.fact.places", f.count(l.fact().part()), f.count(l.fact().whole()));
            List<PlanPages.PartView> parts = l.parts().stream().map(p -> new PlanPages.PartView(p.place(),
                    figure(p.fact(), i.unit(), f, locale), status(p.status(), locale), behind(p.fact(), f, locale))).toList();
            out.add(new PlanPages.LineView(i.id(), name(i, locale), t(locale, "plan.unit." + i.unit()),
                    t(locale, "plan.level." + i.level()), t(locale, "plan.source." + i.source()),
                    value(i.planValue(), i.unit(), f, locale), f.date(i.dueOn()), i.note(), fact,
                    status(l.status(), locale), behind(l.fact(), f, locale), parts));
        }
        return out;
    }

    /** A standard indicator not renamed is named in the page's language; any other as typed. */
    String name(Plan.Indicator i, Locale locale) {
        if (i.standardRow() != null && StandardSet.ROWS.stream()
                .anyMatch(r -> r.row() == i.standardRow() && r.nameRu().equals(i.name()))) {
            return t(locale, "plan.standard." + i.standardRow());
        }
        return i.name();
    }

    PlanPages.StatusView status(Plan.Status s, Locale locale) {
        return new PlanPages.StatusView(s.name(), s.symbol(), t(locale, "plan.status." + s));
    }

    private String value(double v, Plan.Unit unit, ReportFormat f, Locale locale) {
        String number = v == Math.rint(v) ? f.decimals(v, 0) : f.decimals(v, 1);
        return unit == Plan.Unit.COUNT ? number : number + "\u00a0%";   // the same in both languages
    }

    private String figure(Plan.Figure fig, Plan.Unit unit, ReportFormat f, Locale locale) {
        if (fig.value() == null) {
            return t(locale, "plan.fact.none");
        }
        String v = value(fig.value(), unit, f, locale);
        return fig.whole() == null ? v : t(locale, "plan.fact.share", v, f.count(fig.part()), f.count(fig.whole()));
    }

    private List<String> behind(Plan.Figure fig, ReportFormat f, Locale locale) {
        if (!fig.entries().isEmpty()) {
            return fig.entries().stream().map(e -> t(locale, e.note().isBlank() ? "plan.behind.entry" : "plan.behind.entryNote",
                    f.date(e.notedOn()), Plans.number(e.value()).replace('.', f.russian() ? ',' : '.'), e.note())).toList();
        }
        return fig.behind();
    }

    String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }
}
