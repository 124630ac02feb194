package org.uklad.programme;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.uklad.account.SchoolScope;

/**
 * The measured effect of every measure of a programme as JSON (rules: {@link MeasuredEffects}):
 * a coordinator any programme, a psychologist or director of either school of the pair (403
 * otherwise, 404 for an unknown programme). A step below k carries its verdict and no number.
 */
@Controller("/api/v1/staff/programmes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class EffectApiController {

    private final SchoolScope scope;
    private final MeasuredEffects effects;

    EffectApiController(SchoolScope scope, MeasuredEffects effects) {
        this.scope = scope;
        this.effects = effects;
    }

    /**
     * The measured effect of each measure of the programme: per later wave (or year) the school's
     * change, the comparison schools' change, their difference with a 95% Welch interval and the
     * verdict (docs/measured-effect.md).
     */
    @Get("/{id}/effects")
    HttpResponse<MeasuredEffects.ProgrammeEffects> effects(Authentication auth, @PathVariable long id) {
        MeasuredEffects.Pair pair = effects.pair(id);
        scope.requireReadProgramme(auth, pair.supportedSchoolId(), pair.mentorSchoolId());
        return HttpResponse.ok(effects.of(id));
    }
}
