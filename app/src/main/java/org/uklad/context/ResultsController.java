package org.uklad.context;

import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * {@code /staff/results}: the coordinator's external results over years — filter by municipality,
 * year and assessment; import a monitoring centre's CSV; add, correct and delete one row; choose
 * each wave's one-number outcome. Coordinators only (others 403); every change is a
 * Post/Redirect/Get.
 */
@Controller("/staff/results")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ResultsController {

    private static final List<String> ROW_FIELDS = List.of("schoolId", "year", "assessment", "subject", "meanScore",
            "participants", "belowPassShare");
    private static final List<String> OUTCOME_FIELDS = List.of("waveId", "year", "assessment", "subject");

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final SchoolScope scope;
    private final ExternalScores scores;
    private final ResultsPresenter presenter;
    private final long maxRequestSize;

    ResultsController(StaffPageSupport pages, StaffForms forms, SchoolScope scope, ExternalScores scores,
                      ResultsPresenter presenter, @Value("${uklad.request.max-size:262144}") long maxRequestSize) {
        this.pages = pages;
        this.forms = forms;
        this.scope = scope;
        this.scores = scores;
        this.presenter = presenter;
        this.maxRequestSize = maxRequestSize;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String municipality,
                         @QueryValue @Nullable String year, @QueryValue @Nullable String assessment,
                         @QueryValue @Nullable Long eSchool, @QueryValue @Nullable Integer eYear,
                         @QueryValue @Nullable String eAssessment, @QueryValue @Nullable String eSubject,
                         @QueryValue @Nullable String notice, @QueryValue @Nullable Integer added,
                         @QueryValue @Nullable Integer replaced) {
        scope.requireCoordinator(auth);
        Locale locale = pages.locale(request);
        Map<String, String> row = blank(ROW_FIELDS);
        if (eSchool != null && eYear != null && eAssessment != null && eSubject != null) {
            row = presenter.form(new ExternalScore.Key(eSchool, eYear, eAssessment, eSubject), locale);
        }
        String shown = notice == null || !notice.matches("saved|deleted|outcome|imported") ? ""
                : notice.equals("imported") ? pages.text("results.notice.imported", locale, n(added), n(replaced))
                : pages.text("results.notice." + notice, locale);
        return page("staff/results", model(request, auth, new ResultsPresenter.Request(text(municipality), text(year),
                text(assessment), row, Map.of(), "", List.of(), blank(OUTCOME_FIELDS), Map.of(), shown)), HttpStatus.OK);
    }

    @Post("/rows")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> save(HttpRequest<?> request, Authentication auth) {
        scope.requireCoordinator(auth);
        Map<String, String> f = fields(request, ROW_FIELDS);
        return forms.submit(request, () -> {
            scores.save(f.get("schoolId"), f.get("year"), f.get("assessment"), f.get("subject"), f.get("meanScore"),
                    f.get("participants"), f.get("belowPassShare"));
            return HttpResponse.seeOther(URI.create("/staff/results?notice=saved#scores"));
        }, refused -> new ModelAndView<>("staff/results", model(request, auth, new ResultsPresenter.Request("", "", "",
                StaffForms.echo(f, 200), refused.shown(), "", List.of(), blank(OUTCOME_FIELDS), Map.of(), ""))));
    }

    @Post("/rows/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> delete(HttpRequest<?> request, Authentication auth) {
        scope.requireCoordinator(auth);
        Map<String, String> f = fields(request, ROW_FIELDS);
        if (!f.get("schoolId").matches("\\d{1,18}") || !f.get("year").matches("\\d{4}")) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        scores.delete(new ExternalScore.Key(Long.parseLong(f.get("schoolId")), Integer.parseInt(f.get("year")),
                f.get("assessment"), f.get("subject")));
        return HttpResponse.seeOther(URI.create("/staff/results?notice=deleted#scores"));
    }

    @Post("/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> importCsv(HttpRequest<?> request, Authentication auth) {
        scope.requireCoordinator(auth);
        String csv = StaffPageSupport.field(StaffPageSupport.form(request), "csv");
        return forms.submit(request, () -> {
            ExternalScores.ImportReport report = scores.importCsv(csv);
            return HttpResponse.seeOther(URI.create("/staff/results?notice=imported&added=" + report.added()
                    + "&replaced=" + report.replaced() + "#scores"));
        }, refused -> new ModelAndView<>("staff/results", model(request, auth, new ResultsPresenter.Request("", "", "",
                blank(ROW_FIELDS), Map.of(), csv, refused.errors(), blank(OUTCOME_FIELDS), Map.of(), ""))));
    }

    @Post("/outcomes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> outcome(HttpRequest<?> request, Authentication auth) {
        scope.requireCoordinator(auth);
        Map<String, String> f = fields(request, OUTCOME_FIELDS);
        return forms.submit(request, () -> {
            if (!f.get("waveId").matches("\\d{1,18}")) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(org.uklad.system.FieldError.of("waveId",
                        org.uklad.system.FieldCode.REQUIRED)));
            }
            scores.chooseOutcome(Long.parseLong(f.get("waveId")), f.get("year"), f.get("assessment"), f.get("subject"));
            return HttpResponse.seeOther(URI.create("/staff/results?notice=outcome#outcomes"));
        }, refused -> new ModelAndView<>("staff/results", model(request, auth, new ResultsPresenter.Request("", "", "",
                blank(ROW_FIELDS), Map.of(), "", List.of(), StaffForms.echo(f, 200), refused.shown(), ""))));
    }

    private ResultsPage model(HttpRequest<?> request, Authentication auth, ResultsPresenter.Request r) {
        return presenter.present(pages.chrome(request, auth), pages.locale(request), r, maxRequestSize);
    }

    private static Map<String, String> fields(HttpRequest<?> request, List<String> names) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, StaffPageSupport.field(form, n)));
        return out;
    }

    private static Map<String, String> blank(List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        names.forEach(n -> out.put(n, ""));
        return out;
    }

    private static String text(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    private static String n(@Nullable Integer n) {
        return String.valueOf(n == null ? 0 : n);
    }
}
