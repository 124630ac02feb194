package org.uklad.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Stops access-code guessing. Each client (network address, see {@link ClientAddresses}) may look up at most
 * {@code uklad.code-guard.max-failures} unknown codes within {@code window}; past that, every code
 * lookup from that client, known code or not, is answered 429 with Retry-After until the window
 * has moved on (answering known codes would tell a guesser which guesses were right).
 *
 * <p>The limit is exact under concurrency and across replicas (the counts are shared in
 * PostgreSQL, {@link FailureThrottle}): each lookup of a code this replica has not seen open
 * something reserves its failure before the code is looked at ({@link FailureThrottle#reserve}) and
 * gets it back unless the answer is 404, so a burst of guesses gets exactly {@code max-failures}
 * answers and waits for them, then 429. Nothing here caches "not blocked": a blocked guesser
 * whose guess hit a code known on this replica would learn it was right.
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

    /** Longer than any lookup takes; a lookup still open after it is refused for a second. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final int MAX_KNOWN = 100_000;

    private final ProblemResponder responder;
    private final ClientAddresses clients;
    private final FailureThrottle throttle;
    private final Scheduler blocking;
    /** Codes (as typed in the path) that have opened something, so exist: in memory only. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    CodeGuessingGuard(Settings settings, ProblemResponder responder, ClientAddresses clients, FailureThrottles throttles,
                      @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.responder = responder;
        this.clients = clients;
        this.throttle = throttles.named("access-code", settings.maxFailures() == null ? 30 : settings.maxFailures(),
                settings.window() == null ? Duration.ofMinutes(10) : settings.window());
        this.blocking = Schedulers.fromExecutorService(executor);
    }

    @RequestFilter
    Publisher<MutableHttpResponse<?>> guard(HttpRequest<?> request,
                                            FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        String client = clients.of(request);
        String code = codeOf(request);
        // every path asks the shared counts in PostgreSQL (and may wait for open lookups), so off the event loop
        if (known.contains(code)) {
            // A code known to exist tells a guesser nothing new, so it holds no slot while it is
            // served (a class submitting through one shared code would otherwise queue behind the
            // limit) and costs one read (none of its own for a submission, see below): it still
            // waits for this client's open guesses and is refused while the client is blocked.
            if (isSubmission(request)) {
                // the submission's own statement makes the check (CodeCheck); anything answered
                // without it is checked here before it goes out
                CodeCheck check = new CodeCheck(throttle, client, MAX_WAIT);
                request.setAttribute(CodeCheck.ATTRIBUTE, check);
                return Mono.from(chain.proceed()).flatMap(response -> check.made() ? afterKnown(client, response)
                        : Mono.fromCallable(check::checkNow).subscribeOn(blocking).flatMap(wait -> wait.isPresent()
                                ? Mono.just(refusal(request, wait.getAsLong())) : afterKnown(client, response)));
            }
            return Mono.fromCallable(() -> throttle.waitForRoom(client, MAX_WAIT)).subscribeOn(blocking)
                    .flatMap(wait -> wait.isPresent() ? Mono.just(refusal(request, wait.getAsLong()))
                            : Mono.from(chain.proceed()).flatMap(response -> afterKnown(client, response)));
        }
        return Mono.fromCallable(() -> throttle.reserve(client, MAX_WAIT)).subscribeOn(blocking)
                .flatMap(attempt -> switch (attempt) {
                    case FailureThrottle.Refused refused -> Mono.just(refusal(request, refused.retryAfterSeconds()));
                    case FailureThrottle.Reservation reservation -> lookUp(code, reservation, chain);
                });
    }

    /**
     * Only a 404 for a known code (known here, gone since: a deleted wave) writes to the shared
     * counts; every other answer goes out without a hop to the blocking pool.
     */
    private Mono<MutableHttpResponse<?>> afterKnown(String client, MutableHttpResponse<?> response) {
        return response.getStatus().getCode() != 404 ? Mono.just(response)
                : Mono.fromRunnable(() -> throttle.fail(client)).subscribeOn(blocking).thenReturn(response);
    }

    /**
     * A submission, through the respondent API or the form page: the routes that make the check in
     * their own storing statement.
     */
    static boolean isSubmission(HttpRequest<?> request) {
        if (request.getMethod() != HttpMethod.POST) {
            return false;
        }
        String path = request.getPath();
        return path.startsWith("/api/v1/surveys/") ? path.endsWith("/responses")
                : path.startsWith("/s/") && path.indexOf('/', 3) < 0;
    }

    private Mono<MutableHttpResponse<?>> lookUp(String code, FailureThrottle.Reservation reservation,
                                                FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        // settling writes to the shared counts, so off the event loop
        return Mono.from(chain.proceed()).publishOn(blocking).doOnNext(response -> {
            int status = response.getStatus().getCode();
            if (status == 404) {
                reservation.failed();
            } else if (status < 400) {
                remember(code);
            }
        }).doFinally(signal -> reservation.refund());   // no-op once settled
    }

    private void remember(String code) {
        if (known.size() > MAX_KNOWN) {
            known.clear();
        }
        known.add(code);
    }

    private MutableHttpResponse<?> refusal(HttpRequest<?> request, long retryAfterSeconds) {
        return responder.respond(request, ErrorCode.TOO_MANY_REQUESTS, retryAfterSeconds);
    }

    /**
     * The code a request looks up, exactly as sent (no normalising: two spellings of one code
     * only cost a slot each). The thank-you page counts too: it looks its code up (its wording
     * follows the code's respondents, and an unknown code is a 404).
     */
    static String codeOf(HttpRequest<?> request) {
        String path = request.getPath();
        if (path.equals("/enter")) {
            return request.getParameters().get("code", String.class).orElse("");
        }
        String rest = path.startsWith("/s/") ? path.substring(3) : path.substring(Math.min(path.length(), 16));
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }
}
