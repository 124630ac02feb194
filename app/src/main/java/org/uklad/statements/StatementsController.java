package org.uklad.statements;

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
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * A school's statements in a wave: every statement's answer distribution and the safety section,
 * as a page and as staff JSON. Every staff role within the schools it may read
 * ({@link SchoolScope#requireRead}): the figures are the school's aggregated, suppressed answers,
 * what its dashboard shows in more detail.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StatementsController {

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Waves waves;
    private final Schools schools;
    private final Statements statements;
    private final StatementsPresenter presenter;

    StatementsController(StaffPageSupport pages, SchoolScope scope, Waves waves, Schools schools, Statements statements,
                         StatementsPresenter presenter) {
        this.pages = pages;
        this.scope = scope;
        this.waves = waves;
        this.schools = schools;
        this.statements = statements;
        this.presenter = presenter;
    }

    /** The API's answer: the distributions and the safety section. */
    @Serdeable
    record StatementsJson(SchoolStatements statements, SafetyFigures safety) {}

    @Get("/staff/waves/{waveId}/schools/{schoolId}/statements")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        // scope first: a director must not learn from 404 versus 403 which school ids exist
        scope.requireRead(auth, schoolId);
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Statements.Read read = statements.read(waveId, schoolId);
        return HttpResponse.ok(new ModelAndView<>("staff/statements",
                presenter.page(pages.chrome(request, auth), wave, school, read, pages.locale(request))));
    }

    /**
     * Every statement's answer distribution of a school in a wave (per questionnaire, per construct,
     * then the other questions) and its safety section; nothing for a questionnaire or a statement
     * with fewer than k answers ({@code suppressed}, no number).
     *
     * @return 403 outside the caller's schools, 404 for an unknown wave or school
     */
    @Get("/api/v1/staff/waves/{waveId}/schools/{schoolId}/statements")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<StatementsJson> api(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        scope.requireRead(auth, schoolId);
        Statements.Read read = statements.read(waveId, schoolId);
        return HttpResponse.ok(new StatementsJson(read.statements(), read.safety()));
    }
}
