package org.uklad.dashboard;

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
import java.util.Optional;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * A school's dashboard in a wave, director first ({@link DashboardPresenter}): the clearest
 * problems and strengths, every construct as percent favourable with its band beside the reference
 * and the previous wave, then, folded, the statistics for the psychologist. Every staff role,
 * within the schools it may read ({@link SchoolScope#requireRead}); the partner's figures only for
 * a reader who may read the partner school.
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
    private final DashboardPresenter presenter;

    DashboardController(StaffPageSupport pages, SchoolScope scope, Schools schools, Waves waves,
                        DashboardPresenter presenter) {
        this.pages = pages;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.presenter = presenter;
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
        String base = "/staff/waves/" + wave.id() + "/schools/" + school.id();
        DashboardPresenter.Access access = new DashboardPresenter.Access(partner.orElse(null),
                paired.isPresent() && partner.isEmpty(),
                scope.canDownload(auth, school.id()) ? base + "/summary.pdf" : null,
                // free text: administrators and the school's psychologists only, never a director
                scope.canEdit(auth, school.id()) ? base + "/free-text" : null,
                scope.mayStartSupportProgramme(auth));
        DashboardPage page = presenter.page(pages.chrome(request, auth), wave, school, access, pages.locale(request));
        return HttpResponse.ok(new ModelAndView<>("staff/dashboard", page));
    }
}
