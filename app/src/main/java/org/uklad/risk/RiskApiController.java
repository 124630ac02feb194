package org.uklad.risk;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.List;
import org.uklad.account.SchoolScope;

/**
 * Schools' risk profiles as JSON (session or coordinator): a coordinator reads every school, a
 * psychologist or a director the schools they may read (a director also the partner school), as
 * on the dashboard. Each factor of the risk catalogue with its level (HIGH, MEDIUM, LOW,
 * NOT_ENOUGH_DATA) and the evidence behind it; a figure of a group under the minimum size is
 * never given (its evidence is NOT_ENOUGH_DATA with no value).
 */
@Controller("/api/v1/staff/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class RiskApiController {

    private final SchoolScope scope;
    private final RiskProfiles profiles;

    RiskApiController(SchoolScope scope, RiskProfiles profiles) {
        this.scope = scope;
        this.profiles = profiles;
    }

    /**
     * A school's risk profile in the wave: per factor its level and evidence (source, the figure,
     * n, the 95% interval of the group's mean on 0–100 for a construct, the level it gives and the
     * rule in words, ru and en); factors the instruments cannot measure with {@code measured: false}
     * and {@code why}. Rules: {@code questionnaires/catalogue/risks.yaml}, docs/risk-profiles.md.
     *
     * @param waveId   the wave
     * @param schoolId the school
     * @return the profile; 403 outside the caller's schools, 404 for an unknown wave
     */
    @Get("/schools/{schoolId}/risk-profile")
    HttpResponse<RiskProfile> profile(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        // scope first: a director must not learn from 404 versus 403 which school ids exist
        scope.requireRead(auth, schoolId);
        return HttpResponse.ok(profiles.of(waveId, schoolId));
    }

    /**
     * The risk profiles of the wave's schools the caller may read (every school for a coordinator),
     * in registry order.
     *
     * @param waveId the wave
     * @return the profiles; 404 for an unknown wave
     */
    @Get("/risk-profiles")
    HttpResponse<List<RiskProfile>> profiles(Authentication auth, @PathVariable long waveId) {
        return HttpResponse.ok(profiles.ofWave(waveId, scope.readableSchools(auth)));
    }
}
