package org.uklad.account;

import org.uklad.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sign-in and sign-out. The sign-in form is protected against login CSRF by a double-submit token:
 * GET puts a random value both in a short-lived {@code SameSite=Strict}, HttpOnly cookie scoped to
 * {@code /staff/login} and in a hidden field; POST must bring both, equal. A successful sign-in
 * always starts a new session (the old one, if any, ends), so a session id planted before sign-in
 * is worthless. The attempt itself (throttle, password check, session, device cookie) is
 * {@link SignIns}'; this turns its outcome into the page or the redirect.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class StaffLoginController {

    static final String LOGIN_CSRF_COOKIE = "UKLAD_LOGIN_CSRF";
    private static final Pattern NEXT = Pattern.compile("^/staff(/[A-Za-z0-9_.-]+)*/?$");
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    /** A sign-in that found no hashing slot free comes back after this long. */
    private static final int BUSY_RETRY_AFTER_SECONDS = 5;

    private final SignIns signIns;
    private final Sessions sessions;
    private final StaffPageSupport pages;
    private final AuditLog audit;

    StaffLoginController(SignIns signIns, Sessions sessions, StaffPageSupport pages, AuditLog audit) {
        this.signIns = signIns;
        this.sessions = sessions;
        this.pages = pages;
        this.audit = audit;
    }

    static String safeNext(@Nullable String next) {
        return next != null && NEXT.matcher(next).matches() && !next.contains("..") ? next : StaffPaths.HOME;
    }

    @Get(StaffPaths.LOGIN)
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> form(HttpRequest<?> request, @QueryValue @Nullable String next) {
        String token = request.getCookies().findCookie(LOGIN_CSRF_COOKIE).map(Cookie::getValue)
                .filter(v -> TOKEN.matcher(v).matches()).orElseGet(sessions::randomToken);
        return page(request, HttpStatus.OK, "", null, token, safeNext(next));
    }

    private MutableHttpResponse<?> page(HttpRequest<?> request, HttpStatus status, String login, @Nullable String error,
                                        String token, String next) {
        String lang = pages.locale(request).getLanguage();
        return HttpResponse.status(status)
                .body(new ModelAndView<>("staff/login", new StaffPages.LoginPage(lang, StaffPageSupport.other(lang),
                        login, error, token, next)))
                .cookie(Cookie.of(LOGIN_CSRF_COOKIE, token).path(StaffPaths.LOGIN).httpOnly(true)
                        .sameSite(SameSite.Strict).secure(sessions.secureCookies()).maxAge(Duration.ofHours(2)));
    }

    @Post(StaffPaths.LOGIN)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> login(HttpRequest<?> request) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String login = StaffPageSupport.field(form, "login");
        String password = StaffPageSupport.field(form, "password");
        String next = safeNext(StaffPageSupport.field(form, "next"));
        Locale locale = pages.locale(request);
        String cookie = request.getCookies().findCookie(LOGIN_CSRF_COOKIE).map(Cookie::getValue).orElse(null);
        String given = StaffPageSupport.field(form, StaffGuards.CSRF_FIELD);
        String shownLogin = login.length() > 64 ? "" : login.strip();
        if (cookie == null || !TOKEN.matcher(cookie).matches() || !StaffGuards.constantTimeEquals(given, cookie)) {
            return page(request, HttpStatus.FORBIDDEN, shownLogin, pages.text("staff.login.expired", locale),
                    sessions.randomToken(), next);
        }
        return switch (signIns.attempt(request, login, password)) {
            case SignIns.Throttled throttled -> page(request, HttpStatus.TOO_MANY_REQUESTS, shownLogin,
                    pages.text("staff.login.throttled", locale, Math.max(1, (throttled.retryAfterSeconds() + 59) / 60)),
                    cookie, next).header(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
            case SignIns.Busy busy -> page(request, HttpStatus.SERVICE_UNAVAILABLE, shownLogin,
                    pages.text("staff.login.busy", locale), cookie, next)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(BUSY_RETRY_AFTER_SECONDS));
            case SignIns.Failed failed -> page(request, HttpStatus.UNAUTHORIZED, shownLogin,
                    pages.text("staff.login.failed", locale), cookie, next);
            case SignIns.SignedIn signedIn -> HttpResponse.seeOther(URI.create(
                            signedIn.account().mustChangePassword() ? StaffPaths.PASSWORD : next))
                    .cookie(sessions.cookie(signedIn.sessionToken()))
                    .cookie(signedIn.device())
                    .cookie(Cookie.of(LOGIN_CSRF_COOKIE, "").path(StaffPaths.LOGIN).httpOnly(true)
                            .sameSite(SameSite.Strict).secure(sessions.secureCookies()).maxAge(0));
        };
    }

    /** Ends this browser's session (CSRF-checked by {@link StaffGuards.SessionFilter}). */
    @Post(StaffPaths.LOGOUT)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> logout(HttpRequest<?> request) {
        audit.record(AuditLog.Action.SIGN_OUT, "", "");
        request.getCookies().findCookie(Sessions.COOKIE).map(Cookie::getValue).ifPresent(sessions::end);
        return HttpResponse.seeOther(URI.create(StaffPaths.LOGIN)).cookie(sessions.expiredCookie());
    }
}
