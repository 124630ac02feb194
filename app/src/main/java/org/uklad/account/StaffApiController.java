package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * The signed-in staff member's view of themselves and of the schools in their scope. Scripts of
 * the staff pages read {@code csrfToken} here and send it as {@code X-CSRF-Token}.
 */
@Controller("/api/v1/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffApiController {

    private final SchoolScope scope;
    private final Schools schools;

    StaffApiController(SchoolScope scope, Schools schools) {
        this.scope = scope;
        this.schools = schools;
    }

    @Serdeable
    record Me(String login, String displayName, String role, List<Long> schools, List<Long> readableSchools,
              String csrfToken) {}

    @Serdeable
    record ScopedSchool(long id, String name, String municipality, String category, boolean editable) {}

    @Get("/me")
    Me me(HttpRequest<?> request, Authentication auth) {
        return new Me(auth.getName(), String.valueOf(auth.getAttributes().get(StaffAuthentication.DISPLAY_NAME)),
                Role.of(auth).orElseThrow().name(), StaffAuthentication.ownSchools(auth), scope.readableSchools(auth),
                StaffAuthentication.session(request).map(StaffSession::csrfToken).orElse(""));
    }

    @Get("/schools")
    List<ScopedSchool> schools(Authentication auth) {
        return scope.readableSchoolRecords(auth).stream().map(s -> view(auth, s)).toList();
    }

    @Get("/schools/{id}")
    ScopedSchool school(Authentication auth, @PathVariable long id) {
        scope.requireRead(auth, id);
        return view(auth, schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND)));
    }

    private ScopedSchool view(Authentication auth, School s) {
        return new ScopedSchool(s.id(), s.name(), s.municipality(), s.category().name(), scope.canEdit(auth, s.id()));
    }
}
