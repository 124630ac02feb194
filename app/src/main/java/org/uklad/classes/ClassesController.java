package org.uklad.classes;

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
import java.nio.charset.StandardCharsets;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * A school's results per class in a wave: page, staff JSON and CSV. For those who work on the
 * school's data ({@link SchoolScope#requireEdit}: its psychologist, a coordinator); a director
 * reads the whole school on the dashboard, not class by class.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ClassesController {

    private static final String CSV = "text/csv;charset=utf-8";

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Waves waves;
    private final Schools schools;
    private final ClassResultsService results;
    private final ClassesPresenter presenter;

    ClassesController(StaffPageSupport pages, SchoolScope scope, Waves waves, Schools schools, ClassResultsService results,
                      ClassesPresenter presenter) {
        this.pages = pages;
        this.scope = scope;
        this.waves = waves;
        this.schools = schools;
        this.results = results;
        this.presenter = presenter;
    }

    @Get("/staff/waves/{waveId}/schools/{schoolId}/classes")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        // scope first: nobody learns from 404 versus 403 which school ids exist
        scope.requireEdit(auth, schoolId);
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return HttpResponse.ok(new ModelAndView<>("staff/classes", presenter.page(pages.chrome(request, auth), wave, school,
                results.of(waveId, schoolId), pages.locale(request))));
    }

    /**
     * The school's construct scores per class (group label) in the wave, with ICC(1) of the classes
     * per construct. Classes with fewer than k published responses are merged into
     * {@code "(other groups)"} ({@code merged: true}); a class's construct with fewer than k scores is
     * {@code suppressed}, with no number.
     *
     * @return 403 unless the caller works on the school's data, 404 for an unknown wave or school
     */
    @Get("/api/v1/staff/waves/{waveId}/schools/{schoolId}/classes")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<ClassResults> api(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        scope.requireEdit(auth, schoolId);
        return HttpResponse.ok(results.of(waveId, schoolId));
    }

    /**
     * The same as CSV, one row per questionnaire, construct and class (UTF-8 with BOM, RFC 4180,
     * decimal point; empty cells for a suppressed score).
     */
    @Get(value = "/api/v1/staff/waves/{waveId}/schools/{schoolId}/classes.csv", produces = CSV)
    HttpResponse<byte[]> csv(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        scope.requireEdit(auth, schoolId);
        byte[] body = ClassesCsv.write(results.of(waveId, schoolId)).getBytes(StandardCharsets.UTF_8);
        return HttpResponse.ok(body).contentType(CSV).header("Content-Disposition",
                "attachment; filename=\"classes-wave" + waveId + "-school" + schoolId + ".csv\"");
    }
}
