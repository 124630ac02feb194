package org.uklad.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Duration;
import java.util.OptionalLong;
import org.uklad.system.ClientAddresses;
import org.uklad.system.ErrorCode;
import org.uklad.system.FailureThrottle;
import org.uklad.system.FailureThrottles;
import org.uklad.system.ProblemResponder;

/**
 * Stops token guessing on the staff API as {@link LoginThrottle} stops password guessing: after
 * {@code perClient} rejected bearer tokens from one network address (default 30) within
 * {@code window} (default 15 minutes), every bearer request from it is answered 429 with
 * {@code Retry-After} until the window moves on, a right token included. (256 random bits cannot
 * be guessed anyway; the limit keeps a broken script from hammering the database, and says so.)
 * The count is shared by every replica ({@link FailureThrottle}); the check is one read of it.
 */
@ServerFilter("/api/v1/staff/**")
final class ApiTokenThrottle implements Ordered {

    @ConfigurationProperties("uklad.accounts.token-throttle")
    record Settings(@Nullable Integer perClient, @Nullable Duration window) {}

    private final ClientAddresses clients;
    private final ProblemResponder responder;
    private final FailureThrottle byClient;

    ApiTokenThrottle(Settings settings, ClientAddresses clients, ProblemResponder responder, FailureThrottles throttles) {
        this.clients = clients;
        this.responder = responder;
        this.byClient = throttles.named("api-token-client", settings.perClient() == null ? 30 : settings.perClient(),
                settings.window() == null ? Duration.ofMinutes(15) : settings.window());
    }

    /** Before the security filter, so a locked-out client's token is not even looked up. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)   // one read of the counts shared in PostgreSQL
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (!request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return null;
        }
        OptionalLong wait = byClient.blockedFor(clients.of(request));
        return wait.isPresent() ? responder.respond(request, ErrorCode.TOO_MANY_REQUESTS, wait.getAsLong()) : null;
    }

    /** A bearer token was refused. */
    void failed(HttpRequest<?> request) {
        byClient.fail(clients.of(request));
    }
}
