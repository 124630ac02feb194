package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import org.uklad.account.SchoolScope;
import org.uklad.school.School;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * School profiles and mentor resources as JSON, with the pages' access rules: a profile is read by
 * whoever may read the school and written by its director or psychologist or a coordinator; the
 * year's list and the matrix of resources are the coordinator's. Bodies are strict JSON
 * ({@link StrictJson}); refusals are problem+json naming each field. Session callers send
 * {@code X-CSRF-Token} on every change.
 */
@Controller("/api/v1/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ProfileApiController {

    private final SchoolProfiles profiles;
    private final MentorResources mentors;
    private final SchoolScope scope;
    private final StrictJson json;

    ProfileApiController(SchoolProfiles profiles, MentorResources mentors, SchoolScope scope, StrictJson json) {
        this.profiles = profiles;
        this.mentors = mentors;
        this.scope = scope;
        this.json = json;
    }

    /** A school's profile of a year with the facts computed from it (shares 0–1; keys as {@link SchoolProfiles#facts}). */
    @Serdeable
    record ProfileView(SchoolProfile profile, Map<String, Double> facts) {}

    /** One school of the year's list: its profile and facts, or {@code profile: null} when it is missing. */
    @Serdeable
    record YearEntry(School school, @Nullable SchoolProfile profile, Map<String, Double> facts) {}

    /** Body of a mark: is the school mentor-capable? */
    record MarkBody(@Nullable Boolean marked) {}

    /** An offer with the pairs the school mentors today. */
    @Serdeable
    record OfferView(School school, MentorResource resource, int currentPairs) {
        static OfferView of(MentorResources.Offer o) {
            return new OfferView(o.school(), o.resource(), o.currentPairs());
        }
    }

    /**
     * The school's profile of the school year starting in {@code year} (2026 for 2026/27); 404 when
     * it has none.
     */
    @Get("/schools/{id}/profiles/{year}")
    ProfileView profile(Authentication auth, @PathVariable long id, @PathVariable int year) {
        scope.requireRead(auth, id);
        SchoolProfiles.requireYear(year);
        SchoolProfile p = profiles.find(id, year).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return new ProfileView(p, SchoolProfiles.facts(p));
    }

    /**
     * Sets (or replaces) the school's profile of the year. Every count is a whole number, required:
     * {@code students} 0–100000, {@code senStudents} and {@code otherLanguageStudents} 0–students,
     * {@code teachers}, {@code teacherVacancies}, {@code staffTrained} 0–10000, {@code psychologists},
     * {@code speechTherapists}, {@code specialNeedsTeachers}, {@code socialPedagogues}, {@code tutors}
     * 0–1000 (staff in the post); {@code equipment}: the items the school has, of INTERACTIVE_BOARDS,
     * COMPUTER_CLASS, BROADBAND, LIBRARY, SPORTS_HALL, PSYCHOLOGIST_OFFICE, ACCESSIBLE_ENVIRONMENT;
     * {@code comment}: up to 1000 characters about the school, never about a person.
     */
    @Put("/schools/{id}/profiles/{year}")
    ProfileView save(HttpRequest<?> request, Authentication auth, @PathVariable long id, @PathVariable int year,
                     @Body @Nullable byte[] raw) {
        scope.requireProfileEdit(auth, id);
        SchoolProfile p = profiles.save(id, year, json.read(request, raw, SchoolProfiles.Input.class));
        return new ProfileView(p, SchoolProfiles.facts(p));
    }

    /** Every school's profile of the year, schools without one included ({@code profile: null}); coordinators. */
    @Get("/profiles{?year}")
    @Secured("ADMIN")
    List<YearEntry> year(@QueryValue @Nullable Integer year) {
        int y = year == null ? profiles.currentYear() : year;
        SchoolProfiles.requireYear(y);
        return profiles.year(y).stream().map(e -> new YearEntry(e.school(), e.profile().orElse(null),
                e.profile().map(SchoolProfiles::facts).orElse(Map.of()))).toList();
    }

    /** What a mentor-capable school offers; 404 for a school that is not mentor-capable. */
    @Get("/schools/{id}/mentor-resources")
    OfferView offer(Authentication auth, @PathVariable long id) {
        scope.requireRead(auth, id);
        return mentors.of(id).map(OfferView::of).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /**
     * States what a mentor-capable school offers: {@code subjects}, {@code methods}, {@code practices}
     * (lists of up to 20 tags of up to 100 characters), {@code mentors} (0–1000) and
     * {@code capacityPairs} (0–100, the schools it can mentor at once).
     */
    @Put("/schools/{id}/mentor-resources")
    OfferView saveOffer(HttpRequest<?> request, Authentication auth, @PathVariable long id, @Body @Nullable byte[] raw) {
        scope.requireProfileEdit(auth, id);
        mentors.save(id, json.read(request, raw, MentorResources.Input.class));
        return mentors.of(id).map(OfferView::of).orElseThrow();
    }

    /** The matrix of resources: every mentor-capable school, its offer, current pairs against capacity; coordinators. */
    @Get("/mentor-resources")
    @Secured("ADMIN")
    List<OfferView> matrix() {
        return mentors.all().stream().map(OfferView::of).toList();
    }

    /**
     * Names a school mentor-capable ({@code {"marked": true}}) or takes the mark back; coordinators.
     * Answers the school's offer, or 204 when it is no longer mentor-capable.
     */
    @Put("/schools/{id}/mentor-capable")
    @Secured("ADMIN")
    HttpResponse<OfferView> mark(HttpRequest<?> request, @PathVariable long id, @Body @Nullable byte[] raw) {
        MarkBody body = json.read(request, raw, MarkBody.class);
        if (body.marked() == null) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED,
                    List.of(FieldError.of("marked", FieldCode.REQUIRED)));
        }
        mentors.mark(id, body.marked());
        return mentors.of(id).map(o -> HttpResponse.ok(OfferView.of(o))).orElseGet(HttpResponse::noContent);
    }
}
