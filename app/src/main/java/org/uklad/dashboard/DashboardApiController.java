package org.uklad.dashboard;

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
import org.uklad.indices.Comparisons;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.SchoolComparisons;

/**
 * The staff JSON of a school's dashboard comparisons (session or coordinator; every role within its
 * school scope, as the dashboard page: a director reads the own school and its partner).
 * Constructs below the threshold on either side are {@code TOO_FEW_ANSWERS} with no number. The
 * partner comparison is left out for a caller who may not read the partner school (a psychologist
 * of this school only; a director looking at their partner school, whose own partner is a third
 * school), as on the page and in the PDF.
 */
@Controller("/api/v1/staff/waves/{waveId}/schools/{schoolId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class DashboardApiController {

    private final SchoolScope scope;
    private final Comparisons comparisons;

    DashboardApiController(SchoolScope scope, Comparisons comparisons) {
        this.scope = scope;
        this.comparisons = comparisons;
    }

    /**
     * The school against its partner school in the wave and against itself in each earlier wave
     * (oldest first): per construct the 0–100 difference with its Welch 95% interval, Welch and
     * Mann–Whitney p, Hedges' g with its interval, the Benjamini–Hochberg adjusted p and the verdict
     * (HIGHER, LOWER, NO_CLEAR_DIFFERENCE: clear when adjusted p &lt; 0.05 and |g| ≥ 0.2;
     * TOO_FEW_ANSWERS when either side is below the threshold).
     *
     * @param waveId   the wave
     * @param schoolId the school
     * @return the comparisons; 403 outside the caller's schools, 404 for an unknown wave
     */
    @Get("/comparisons")
    HttpResponse<SchoolComparisons> comparisons(Authentication auth, @PathVariable long waveId,
                                                @PathVariable long schoolId) {
        // scope first: a director must not learn from 404 versus 403 which school ids exist
        scope.requireRead(auth, schoolId);
        return HttpResponse.ok(comparisons.of(waveId, schoolId, partnerReadable(auth, schoolId)));
    }

    /**
     * The problem matrix: per domain (management, teaching, school culture) each construct as each
     * respondent group rates it, marked PROBLEM (clearly below the partner or the wave's median
     * school), STRENGTH (clearly above either, below neither), TYPICAL, UNRELIABLE (the school's scale has
     * alpha below 0.6 or none: never a problem or a strength; its alpha beside it) or TOO_FEW_ANSWERS.
     *
     * @param waveId   the wave
     * @param schoolId the school
     * @return the matrix; 403 outside the caller's schools, 404 for an unknown wave
     */
    @Get("/problem-matrix")
    HttpResponse<ProblemMatrix> problemMatrix(Authentication auth, @PathVariable long waveId,
                                              @PathVariable long schoolId) {
        scope.requireRead(auth, schoolId);
        return HttpResponse.ok(comparisons.matrix(waveId, schoolId, partnerReadable(auth, schoolId)));
    }

    /** The partner's figures by the one partner rule of page, API and PDF ({@link SchoolScope#mayReadPartner}). */
    private boolean partnerReadable(Authentication auth, long schoolId) {
        return scope.mayReadPartner(auth, schoolId);
    }
}
