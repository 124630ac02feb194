package org.uklad.identification;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;
import org.uklad.account.SchoolScope;
import org.uklad.school.Partnership;
import org.uklad.school.SchoolCategory;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * Identifying the schools as JSON (coordinators only; psychologists and directors get 403): every
 * school's proposed category with its evidence (places per subject and year, sums, percentiles,
 * family context, the matched rule, the "beats its context" verdict per model), the decision and
 * the proposed mentors; decisions and mentor confirmations. Session callers send
 * {@code X-CSRF-Token} on changes.
 */
@Controller("/api/v1/staff/identification")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
class IdentificationApiController {

    /** A decision: {@code category} one of SHNRO, SHRSSU, SHUVRO, OTHER; {@code reason} required to override. */
    record DecisionInput(Long schoolId, String category, @Nullable String reason) {}

    /** A mentor confirmation: one of the supported school's proposed mentors. */
    record MentorInput(Long supportedSchoolId, Long mentorSchoolId) {}

    private final Identification identification;
    private final SchoolScope scope;
    private final StrictJson json;

    IdentificationApiController(Identification identification, SchoolScope scope, StrictJson json) {
        this.identification = identification;
        this.scope = scope;
        this.json = json;
    }

    /**
     * The proposals: the years looked at, the wave whose family context is used, and per school its
     * evidence ({@code standings} per year: {@code places} per "assessment · subject", 1 = best,
     * ties sharing the mean place; {@code ranked} of {@code listed} subjects; {@code sum}, scaled to
     * all subjects as mean place × n when some are missing; {@code percentile} of the sum in the
     * group, low = good), its {@code proposed} category, its latest {@code decision} and its
     * proposed {@code mentors} (confirmed ШНРО only).
     */
    @Get
    Identification.Overview proposals(Authentication auth) {
        scope.requireIdentification(auth);
        return identification.overview();
    }

    /**
     * Confirms or overrides a school's proposed category: {@code {"schoolId": 3, "category":
     * "SHNRO", "reason": "..."}}. An override (a category other than the proposal) needs a reason
     * (1–1000 characters). Sets the school's category; audited.
     */
    @Post("/decisions")
    Identification.Decision decide(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        scope.requireIdentification(auth);
        DecisionInput in = json.read(request, raw, DecisionInput.class);
        List<FieldError> errors = new ArrayList<>();
        SchoolCategory category = IdentificationController.category(in.category(), errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        if (in.schoolId() == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return identification.decide(in.schoolId(), category, in.reason(), auth);
    }

    /**
     * Confirms a proposed mentor of a confirmed ШНРО: {@code {"supportedSchoolId": 3,
     * "mentorSchoolId": 4}}. Creates the partnership, or returns the existing one; audited.
     */
    @Post("/mentors")
    Partnership mentor(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        scope.requireIdentification(auth);
        MentorInput in = json.read(request, raw, MentorInput.class);
        if (in.supportedSchoolId() == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return identification.confirmMentor(in.supportedSchoolId(), in.mentorSchoolId());
    }
}
