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
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops access-code guessing. Each client (network address) may look up at most
 * {@code uklad.code-guard.max-failures} unknown codes within {@code window}; past that, every code
 * lookup from that client, known code or not, is answered 429 with Retry-After until the window
 * has moved on (answering known codes would tell a guesser which guesses were right). Addresses
 * are kept in memory only, never stored or logged, and only while they have recent failures.
 */
@ServerFilter({"/s/**", "/enter", "/api/v1/surveys/**"})
final class CodeGuessingGuard {

    /**
     * @param maxFailures unknown-code lookups allowed per client and window (default 30: a class
     *                    behind one school router mistyping now and then stays well below it)
     * @param window      length of the sliding window (default 10 minutes)
     */
    @ConfigurationProperties("uklad.code-guard")
    record Settings(@Nullable Integer maxFailures, @Nullable Duration window) {
        int limit() {
            return maxFailures == null ? 30 : maxFailures;
        }

        Duration span() {
            return window == null ? Duration.ofMinutes(10) : window;
        }
    }

    private static final int MAX_TRACKED_CLIENTS = 100_000;

    private final Settings settings;
    private final ProblemResponder responder;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    CodeGuessingGuard(Settings settings, ProblemResponder responder) {
        this.settings = settings;
        this.responder = responder;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseWhileThrottled(HttpRequest<?> request) {
        String client = client(request);
        Deque<Long> recent = failures.get(client);
        if (recent == null) {
            return null;
        }
        long now = clock.millis();
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() < settings.limit()) {
                return null;
            }
            long retryAfter = Math.max(1, (recent.peekFirst() + settings.span().toMillis() - now + 999) / 1000);
            return responder.respond(request, ErrorCode.TOO_MANY_REQUESTS, List.of())
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        }
    }

    @ResponseFilter
    void countUnknownCodes(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getStatus().getCode() != 404 || request.getPath().startsWith("/s/") && request.getPath().endsWith("/done")) {
            return;
        }
        if (failures.size() > MAX_TRACKED_CLIENTS) {
            failures.clear(); // a flood of addresses: start over rather than grow without bound
        }
        long now = clock.millis();
        Deque<Long> recent = failures.computeIfAbsent(client(request), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
        }
    }

    private void prune(Deque<Long> recent, long now) {
        long oldest = now - settings.span().toMillis();
        while (!recent.isEmpty() && recent.peekFirst() < oldest) {
            recent.pollFirst();
        }
    }

    private static String client(HttpRequest<?> request) {
        InetSocketAddress address = request.getRemoteAddress();
        return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }
}
