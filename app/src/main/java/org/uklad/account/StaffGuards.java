package org.uklad.account;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import io.micronaut.security.filters.SecurityFilter;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.micronaut.http.filter.FilterPatternStyle;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemResponder;
import org.uklad.system.UrlEncodedForm;

/** What happens around staff requests once Micronaut Security has recognised (or not) the user. */
final class StaffGuards {

    static final String CSRF_FIELD = "csrfToken";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private StaffGuards() {
    }

    static boolean constantTimeEquals(@Nullable String a, @Nullable String b) {
        if (a == null || b == null || a.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A refused request, in the catalogue's shape: nobody signed in → pages go to the sign-in form
     * (coming back afterwards), the API answers 401; signed in without the right role → 403.
     */
    @Singleton
    @Produces
    @Replaces(DefaultAuthorizationExceptionHandler.class)
    static final class AuthorizationHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

        private final ProblemResponder responder;

        AuthorizationHandler(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
            String path = request.getPath();
            if (exception.isForbidden()) {
                return responder.respond(request, ErrorCode.FORBIDDEN, List.of());
            }
            if (!StaffPaths.isApi(path)) {
                String target = StaffPaths.LOGIN;
                if (request.getMethod() == HttpMethod.GET && !path.equals(StaffPaths.HOME)) {
                    target += "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8);
                }
                return HttpResponse.seeOther(URI.create(target));
            }
            MutableHttpResponse<?> response = responder.respond(request, ErrorCode.UNAUTHORIZED, List.of());
            if (StaffPaths.isAdminApi(path) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return response;
        }
    }

    /**
     * CSRF, right after the security filter: every state-changing request (POST, PUT, PATCH,
     * DELETE) that a session authenticated must carry the session's token, compared in constant
     * time; otherwise 403 and nothing runs. Requests authenticated by the bearer token carry no
     * ambient credentials and need none. The sign-in form has its own pre-session token (see
     * {@link StaffLoginController}).
     */
    static HttpResponse<?> verify(ProblemResponder responder, HttpRequest<?> request, @Nullable String formToken) {
        return csrfHolds(request, formToken) ? null : responder.respond(request, ErrorCode.CSRF_INVALID, List.of());
    }

    /** Whether a request may change state: not a session's, or carrying the session's token (header first). */
    static boolean csrfHolds(HttpRequest<?> request, @Nullable String formToken) {
        Authentication auth = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class).orElse(null);
        Optional<StaffSession> session = StaffAuthentication.session(request);
        if (!StaffAuthentication.viaSession(auth) || session.isEmpty() || request.getPath().equals(StaffPaths.LOGIN)) {
            return true;
        }
        String header = request.getHeaders().get(CSRF_HEADER);
        String given = header != null ? header : formToken;
        return constantTimeEquals(given, session.get().csrfToken());
    }

    /**
     * Staff pages: the token comes as the hidden form field {@value #CSRF_FIELD} (or the header).
     * This filter is the one reader of a staff form's body: it decodes it once and hands it to the
     * controller as a request attribute ({@link StaffPageSupport#form(HttpRequest)}), because
     * reading a streamed body both here and in the controller is not supported by the server.
     * Every staff path but the upload of an import's file ({@link CsrfUploadFilter}), whose body
     * (up to 100 MB) must stream past it unread.
     */
    @ServerFilter(value = "^/staff(?!/waves/[^/]+/schools/[^/]+/imports/?$)(/.*)?$", patternStyle = FilterPatternStyle.REGEX,
            methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
    static final class CsrfFormFilter implements Ordered {

        private final ProblemResponder responder;

        CsrfFormFilter(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.after();
        }

        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request, @Body @Nullable String body) {
            boolean isForm = request.getContentType()
                    .map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
            Optional<Map<String, List<String>>> decoded = isForm ? UrlEncodedForm.decode(body) : Optional.of(Map.of());
            if (decoded.isEmpty()) {
                return responder.respond(request, ErrorCode.MALFORMED_FORM, List.of());
            }
            var form = decoded.get();
            request.setAttribute(StaffPageSupport.FORM_ATTRIBUTE, form);
            return verify(responder, request, StaffPageSupport.field(form, CSRF_FIELD));
        }
    }

    /**
     * The upload of an import's file ({@code multipart/form-data}, up to 100 MB): its body is never
     * read here. The header token is checked when sent (the page's script sends it); otherwise the
     * route reads the token from the form's first part and checks it with
     * {@link StaffPageSupport#requireCsrf} before it reads the file. Any other body is refused
     * without the header.
     */
    @ServerFilter(value = {"/staff/waves/*/schools/*/imports", "/staff/waves/*/schools/*/imports/"},
            methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
    static final class CsrfUploadFilter implements Ordered {

        private final ProblemResponder responder;

        CsrfUploadFilter(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.after();
        }

        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request) {
            request.setAttribute(StaffPageSupport.FORM_ATTRIBUTE, Map.of());
            boolean multipart = request.getContentType().map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false);
            return multipart && !request.getHeaders().contains(CSRF_HEADER) ? null : verify(responder, request, null);
        }
    }

    /** The staff and administration API: the token comes as the header {@value #CSRF_HEADER}. */
    @ServerFilter(value = {"/api/v1/staff/**", "/api/v1/admin/**"},
            methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE})
    static final class CsrfHeaderFilter implements Ordered {

        private final ProblemResponder responder;

        CsrfHeaderFilter(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.after();
        }

        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request) {
            return verify(responder, request, null);
        }
    }

    /**
     * An account that must change its password (the bootstrap administrator, accounts made by an
     * administrator) can only reach the password page and sign out.
     */
    @ServerFilter(value = {"/staff", "/staff/**", "/api/v1/staff/**", "/api/v1/admin/**"})
    static final class PasswordChangeFilter implements Ordered {

        private final ProblemResponder responder;

        PasswordChangeFilter(ProblemResponder responder) {
            this.responder = responder;
        }

        @Override
        public int getOrder() {
            return ServerFilterPhase.SECURITY.after() + 1;
        }

        @RequestFilter
        @Nullable
        HttpResponse<?> check(HttpRequest<?> request) {
            Authentication auth = request.getAttribute(SecurityFilter.AUTHENTICATION, Authentication.class).orElse(null);
            // a personal API token of such an account is held back too: its password was reset for a reason
            if (!StaffAuthentication.mustChangePassword(auth)) {
                return null;
            }
            String path = request.getPath();
            if (path.equals(StaffPaths.PASSWORD) || path.equals(StaffPaths.LOGOUT) || path.equals(StaffPaths.LOGIN)) {
                return null;
            }
            if (StaffPaths.isApi(path)) {
                return responder.respond(request, ErrorCode.PASSWORD_CHANGE_REQUIRED, List.of());
            }
            return HttpResponse.seeOther(URI.create(StaffPaths.PASSWORD));
        }
    }
}
