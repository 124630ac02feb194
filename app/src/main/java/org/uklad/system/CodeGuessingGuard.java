package org.uklad.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stops access-code guessing. Each client (network address, see {@link ClientAddresses}) may look up at most
 * {@code uklad.code-guard.max-failures} unknown codes within {@code window}; past that, every code
 * lookup from that client, known code or not, is answered 429 with Retry-After until the window
 * has moved on (answering known codes would tell a guesser which guesses were right).
 */
@ServerFilter({"/s/**", "/enter", "/api/v1/surveys/**"})
final class CodeGuessingGuard {

    /**
     * @param maxFailures unknown-code lookups allowed per client and window (default 30: a class
     *                    behind one school router mistyping now and then stays well below it)
     * @param window      length of the sliding window (default 10 minutes)
     */
    @ConfigurationProperties("uklad.code-guard")
    record Settings(@Nullable Integer maxFailures, @Nullable Duration window) {}

    private final ProblemResponder responder;
    private final ClientAddresses clients;
    private final FailureThrottle throttle;

    CodeGuessingGuard(Settings settings, ProblemResponder responder, ClientAddresses clients) {
        this.responder = responder;
        this.clients = clients;
        this.throttle = new FailureThrottle(settings.maxFailures() == null ? 30 : settings.maxFailures(),
                settings.window() == null ? Duration.ofMinutes(10) : settings.window(), Clock.systemUTC());
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseWhileThrottled(HttpRequest<?> request) {
        OptionalLong wait = throttle.blockedFor(clients.of(request));
        if (wait.isEmpty()) {
            return null;
        }
        return responder.respond(request, ErrorCode.TOO_MANY_REQUESTS, List.of())
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
    }

    @ResponseFilter
    void countUnknownCodes(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getStatus().getCode() == 404 && !request.getPath().endsWith("/done")) {
            throttle.fail(clients.of(request));
        }
    }
}
