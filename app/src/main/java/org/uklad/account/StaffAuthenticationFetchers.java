package org.uklad.account;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.account.AccountRepositories.StaffAccountRepository;
import org.uklad.system.AdminApiConfiguration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The three ways staff are recognised. Micronaut Security asks the fetchers in order and takes the
 * first answer: the administration bearer token (on the administration API), a personal API token
 * (on the staff API), then the session cookie. A request that
 * carries an {@code Authorization} header is judged by that header alone, so a wrong token never
 * falls back to a cookie.
 */
final class StaffAuthenticationFetchers {

    private StaffAuthenticationFetchers() {
    }

    /** {@code Authorization: Bearer <uklad.admin.api-token>} on {@code /api/v1/admin/**}: ADMIN. */
    @Singleton
    static final class ApiTokenFetcher implements AuthenticationFetcher<HttpRequest<?>> {

        private static final Logger LOG = LoggerFactory.getLogger(ApiTokenFetcher.class);
        /** The configured token, or null: then bearer access is off (a token is never invented and logged). */
        private final byte[] expected;

        ApiTokenFetcher(AdminApiConfiguration configuration) {
            String token = configuration.apiToken();
            if (token == null || token.isBlank()) {
                LOG.info("No uklad.admin.api-token configured: the administration API accepts signed-in coordinators only");
                this.expected = null;
            } else {
                this.expected = token.getBytes(StandardCharsets.UTF_8);
            }
        }

        @Override
        public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
            if (expected == null || !StaffPaths.isAdminApi(request.getPath())) {
                return Mono.empty();
            }
            String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(given, expected)) {
                    return Mono.just(StaffAuthentication.apiToken());
                }
            }
            return Mono.empty();
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }

    /**
     * {@code Authorization: Bearer uk_…} on {@code /api/v1/staff/**} only: the token's owner with
     * their role and schools ({@link ApiTokens}). Pages never accept it (a token lifted from a script
     * opens no browser session), nor does the administration API, which has its own token. A failed
     * token counts towards the client's lockout ({@link ApiTokenThrottle}).
     */
    @Singleton
    static final class PersonalTokenFetcher implements AuthenticationFetcher<HttpRequest<?>> {

        private final ApiTokens tokens;
        private final ApiTokenThrottle throttle;
        private final Scheduler blocking;

        PersonalTokenFetcher(ApiTokens tokens, ApiTokenThrottle throttle,
                             @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
            this.tokens = tokens;
            this.throttle = throttle;
            this.blocking = Schedulers.fromExecutorService(executor);
        }

        @Override
        public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
            String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
            if (!StaffPaths.isStaffApi(request.getPath()) || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Mono.empty();
            }
            String token = header.substring(7).trim();
            return Mono.fromCallable(() -> tokens.authenticate(token).orElseGet(() -> {
                        throttle.failed(request);
                        return null;
                    }))
                    .subscribeOn(blocking);
        }

        @Override
        public int getOrder() {
            return 5;
        }
    }

    /** The {@code UKLAD_SESSION} cookie on staff paths: the account's role and schools. */
    @Singleton
    static final class SessionFetcher implements AuthenticationFetcher<HttpRequest<?>> {

        private final Sessions sessions;
        private final StaffAccountRepository accounts;
        private final Accounts accountService;
        private final Scheduler blocking;

        SessionFetcher(Sessions sessions, StaffAccountRepository accounts, Accounts accountService,
                       @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
            this.sessions = sessions;
            this.accounts = accounts;
            this.accountService = accountService;
            this.blocking = Schedulers.fromExecutorService(executor);
        }

        @Override
        public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
            if (!StaffPaths.isStaff(request.getPath()) || request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
                return Mono.empty();
            }
            String token = request.getCookies().findCookie(Sessions.COOKIE).map(Cookie::getValue).orElse(null);
            if (token == null || token.isEmpty()) {
                return Mono.empty();
            }
            return Mono.fromCallable(() -> sessions.find(token)
                            .flatMap(s -> accounts.findById(s.accountId()).filter(StaffAccount::active).map(a -> {
                                request.setAttribute(StaffAuthentication.SESSION_ATTRIBUTE, s);
                                return StaffAuthentication.of(a, accountService.schoolsOf(a.id()));
                            }))
                            .orElse(null))
                    .subscribeOn(blocking);
        }

        @Override
        public int getOrder() {
            return 10;
        }
    }
}
