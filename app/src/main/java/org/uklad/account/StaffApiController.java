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
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.List;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * The signed-in staff member's view of themselves and of the schools in their scope. Scripts of
 * the staff pages read {@code csrfToken} here and send it as {@code X-CSRF-Token}; a script with a
 * personal API token gets no CSRF token and needs none. The OpenAPI description's {@code staffToken}
 * scheme is declared here for the whole staff API.
 */
@SecurityScheme(name = "staffToken", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "uk_<id>_<secret>",
        description = "A staff member's personal API token, made and revoked on /staff/account and shown once. Accepted as "
                + "'Authorization: Bearer <token>' on /api/v1/staff/** only (not on pages, not on /api/v1/admin/**), with "
                + "its owner's role and schools as they are at each request; no CSRF token is needed. An unknown, revoked or "
                + "expired token, or one of a deactivated account, is answered 401 (application/problem+json); after 30 "
                + "refused tokens from one address within 15 minutes, 429 with Retry-After. A request with this header is "
                + "judged by it alone, never by a session cookie sent with it.")
@SecurityScheme(name = "staffSession", type = SecuritySchemeType.APIKEY, in = io.swagger.v3.oas.annotations.enums.SecuritySchemeIn.COOKIE,
        paramName = "UKLAD_SESSION", description = "The staff sign-in session of a browser; state-changing requests also send "
                + "the session's CSRF token as the X-CSRF-Token header (read it from GET /api/v1/staff/me).")
@SecurityRequirement(name = "staffToken")
@SecurityRequirement(name = "staffSession")
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
