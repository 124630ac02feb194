package org.uklad.system;

import io.micronaut.http.HttpRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@link CodeGuessingGuard}'s check of one submission through a code known to exist (is this client
 * blocked for guessing?), handed to the submission instead of made before it: the statement that
 * stores the submission tests it ({@link #room}) and stores nothing while the client has no room.
 * That saves a database read (and a hop to the blocking pool) on every submission, the hot path
 * (BENCHMARKS.md, Submissions, ninth round). Only the submission routes (the respondent API's and
 * the form page's) get one; an answer they give without having made the check (a binding or
 * validation error, a paged form's next step) is checked by the guard before it goes out, as any
 * other page's answer is.
 */
public final class CodeCheck {

    static final String ATTRIBUTE = "uklad.code-guard.check";

    private final FailureThrottle throttle;
    private final String client;
    private final Duration maxWait;
    // set and read by one request's threads, which hand over to each other in order
    private volatile boolean made;

    CodeCheck(FailureThrottle throttle, String client, Duration maxWait) {
        this.throttle = throttle;
        this.client = client;
        this.maxWait = maxWait;
    }

    /** The check the guard handed to this request, if it handed one. */
    public static Optional<CodeCheck> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, CodeCheck.class);
    }

    /** The test for the statement: an SQL condition, true while the client has room. */
    public FailureThrottle.Room room() {
        return throttle.room(client);
    }

    /** The statement found room: the request is answered as it turns out, with no other check. */
    public void passed() {
        made = true;
    }

    /**
     * The statement found no room: waits, as the guard does, for the client's open guesses to be
     * settled; returns when there is room again (the caller tries once more).
     *
     * @throws ProblemException 429 with Retry-After while the client is blocked
     */
    public void awaitRoom() {
        OptionalLong wait = checkNow();
        if (wait.isPresent()) {
            throw new ProblemException(ErrorCode.TOO_MANY_REQUESTS, wait.getAsLong());
        }
    }

    boolean made() {
        return made;
    }

    /** The guard's own check: seconds to wait, or empty to go on. */
    OptionalLong checkNow() {
        made = true;
        return throttle.waitForRoom(client, maxWait);
    }
}
