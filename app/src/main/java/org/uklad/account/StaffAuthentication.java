package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a staff {@link Authentication} carries besides its role: the account, its own schools (a
 * psychologist's assigned schools, a director's school) and how the request was authenticated.
 */
public final class StaffAuthentication {

    public static final String ACCOUNT_ID = "accountId";
    public static final String DISPLAY_NAME = "displayName";
    public static final String SCHOOLS = "schools";
    public static final String MUST_CHANGE_PASSWORD = "mustChangePassword";
    public static final String VIA = "via";
    public static final String VIA_SESSION = "session";
    public static final String VIA_TOKEN = "token";
    /** A staff member's personal API token ({@link ApiTokens}): the owner's role and schools, no session. */
    public static final String VIA_PERSONAL_TOKEN = "personal-token";
    /** The public id of the personal token a request came with. */
    public static final String TOKEN_ID = "tokenId";
    /** Request attribute holding the {@link StaffSession} of a session-authenticated request. */
    static final String SESSION_ATTRIBUTE = "uklad.staffSession";

    private StaffAuthentication() {
    }

    public static Authentication of(StaffAccount account, List<Long> schools) {
        return Authentication.build(account.login(), List.of(account.role().name()), Map.of(
                ACCOUNT_ID, account.id(), DISPLAY_NAME, account.displayName(), SCHOOLS, List.copyOf(schools),
                MUST_CHANGE_PASSWORD, account.mustChangePassword(), VIA, VIA_SESSION));
    }

    /** The owner of a personal API token, as a session would carry them, marked as coming by token. */
    static Authentication ofToken(StaffAccount account, List<Long> schools, String publicId) {
        return Authentication.build(account.login(), List.of(account.role().name()), Map.of(
                ACCOUNT_ID, account.id(), DISPLAY_NAME, account.displayName(), SCHOOLS, List.copyOf(schools),
                MUST_CHANGE_PASSWORD, account.mustChangePassword(), VIA, VIA_PERSONAL_TOKEN, TOKEN_ID, publicId));
    }

    static Authentication apiToken() {
        return Authentication.build("api-token", List.of(Role.ADMIN.name()), Map.of(VIA, VIA_TOKEN,
                DISPLAY_NAME, "API token", SCHOOLS, List.of()));
    }

    public static Optional<Long> accountId(Authentication auth) {
        Object v = auth == null ? null : auth.getAttributes().get(ACCOUNT_ID);
        return v instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
    }

    /** The account's own schools (empty for administrators, who see all). */
    public static List<Long> ownSchools(Authentication auth) {
        Object v = auth == null ? null : auth.getAttributes().get(SCHOOLS);
        if (v instanceof List<?> list) {
            return list.stream().filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).toList();
        }
        return List.of();
    }

    public static boolean viaSession(Authentication auth) {
        return auth != null && VIA_SESSION.equals(auth.getAttributes().get(VIA));
    }

    static boolean mustChangePassword(Authentication auth) {
        return auth != null && Boolean.TRUE.equals(auth.getAttributes().get(MUST_CHANGE_PASSWORD));
    }

    static Optional<StaffSession> session(HttpRequest<?> request) {
        return request.getAttribute(SESSION_ATTRIBUTE, StaffSession.class);
    }
}
