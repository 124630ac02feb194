package org.uklad.plan;

import static org.uklad.account.StaffForms.echo;
import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;

/**
 * The coordinator's plan-and-fact pages: {@code /staff/plan} (every indicator with plan, fact and
 * status, the form to enter a fact, the form to add an indicator, the standard set), one
 * indicator's edit page, and the PDF. Others get 403 ({@link Plans} asks {@code SchoolScope}).
 */
@Controller("/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class PlanController {

    private static final Set<String> NOTICES = Set.of("added", "updated", "entered", "standard");
    static final List<String> INDICATOR_FIELDS = List.of("name", "unit", "level", "source", "planValue", "dueOn",
            "note");
    static final List<String> FACT_FIELDS = List.of("indicatorId", "municipality", "schoolId", "value", "notedOn",
            "note");

    private final Plans plans;
    private final PlanPresenter presenter;
    private final PlanPdf pdf;
    private final StaffForms forms;
    private final StaffPageSupport pages;

    PlanController(Plans plans, PlanPresenter presenter, PlanPdf pdf, StaffForms forms, StaffPageSupport pages) {
        this.plans = plans;
        this.presenter = presenter;
        this.pdf = pdf;
        this.forms = forms;
        this.pages = pages;
    }

    private static HttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    /** The named fields of a posted form, each as typed (echoed only up to the longest a field may be). */
    private static Map<String, String> fields(HttpRequest<?> request, List<String> names) {
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, StaffPageSupport.field(raw, n)));
        return out;
    }

    private static Map<String, String> blank(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, ""));
        return out;
    }

    private ModelAndView<?> planPage(HttpRequest<?> request, Authentication auth, Map<String, String> fact,
                                     Map<String, String> factErrors, Map<String, String> indicator,
                                     Map<String, String> indicatorErrors) {
        return new ModelAndView<>("staff/plan", presenter.planPage(request, auth, plans.table(auth),
                echo(fact, Plans.MAX_NOTE), factErrors, echo(indicator, Plans.MAX_NOTE), indicatorErrors, ""));
    }

    @Get("/plan{?notice}")
    HttpResponse<?> plan(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        Map<String, String> indicator = blank(INDICATOR_FIELDS);
        indicator.put("source", Metric.ENTERED);
        return page("staff/plan", presenter.planPage(request, auth, plans.table(auth), blank(FACT_FIELDS), Map.of(),
                indicator, Map.of(), notice != null && NOTICES.contains(notice) ? notice : ""), HttpStatus.OK);
    }

    @Post("/plan/indicators")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(HttpRequest<?> request, Authentication auth) {
        Map<String, String> in = fields(request, INDICATOR_FIELDS);
        return forms.submit(request, List.of(), false,
                () -> redirect("/staff/plan?notice=added#indicator-" + plans.add(auth, indicatorInput(in)).id()),
                refused -> planPage(request, auth, blank(FACT_FIELDS), Map.of(), in, refused.shown()));
    }

    @Get("/plan/indicators/{id}")
    HttpResponse<?> indicator(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Plan.Indicator i = plans.indicator(auth, id);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", i.name());
        values.put("unit", i.unit().name());
        values.put("level", i.level().name());
        values.put("source", i.source());
        values.put("planValue", Plans.number(i.planValue()));
        values.put("dueOn", i.dueOn().toString());
        values.put("note", i.note());
        return page("staff/plan-indicator", presenter.indicatorPage(request, auth, id, values, Map.of()), HttpStatus.OK);
    }

    @Post("/plan/indicators/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Map<String, String> in = fields(request, INDICATOR_FIELDS);
        return forms.submit(request, List.of(), false, () -> {
            plans.update(auth, id, indicatorInput(in));
            return redirect("/staff/plan?notice=updated#indicator-" + id);
        }, refused -> new ModelAndView<>("staff/plan-indicator", presenter.indicatorPage(request, auth, id,
                echo(in, Plans.MAX_NOTE), refused.shown())));
    }

    @Post("/plan/facts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> enter(HttpRequest<?> request, Authentication auth) {
        Map<String, String> in = fields(request, FACT_FIELDS);
        return forms.submit(request, List.of(), false, () -> {
            Plan.Fact f = plans.enter(auth, factInput(in));
            return redirect("/staff/plan?notice=entered#indicator-" + f.indicatorId());
        }, refused -> planPage(request, auth, in, refused.shown(), blank(INDICATOR_FIELDS), Map.of()));
    }

    @Post("/plan/standard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> standard(Authentication auth) {
        plans.standardSet(auth);
        return redirect("/staff/plan?notice=standard");
    }

    /** The same table as a PDF, in the page's language ({@code ?lang=en}). */
    @Get(value = "/plan.pdf", produces = "application/pdf")
    HttpResponse<byte[]> pdf(HttpRequest<?> request, Authentication auth) {
        return pdf.download(plans.table(auth), pages.locale(request));
    }

    static Plans.IndicatorInput indicatorInput(Map<String, String> in) {
        return new Plans.IndicatorInput(in.get("name"), in.get("unit"), in.get("level"), in.get("source"),
                in.get("planValue"), in.get("dueOn"), in.get("note"));
    }

    static Plans.FactInput factInput(Map<String, String> in) {
        return new Plans.FactInput(in.get("indicatorId"), in.get("municipality"), in.get("schoolId"), in.get("value"),
                in.get("notedOn"), in.get("note"));
    }
}
