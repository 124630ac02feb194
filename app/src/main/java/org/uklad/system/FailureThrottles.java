package org.uklad.system;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes the {@link FailureThrottle}s of the guards (access codes, sign-in, API tokens), all
 * counting in the one table every replica shares ({@link ThrottleStore}).
 */
@Singleton
public class FailureThrottles {

    private final ThrottleStore store;

    FailureThrottles(ThrottleStore store) {
        this.store = store;
    }

    /**
     * A throttle of {@code limit} failures per key within {@code window}; {@code name} keeps its
     * counts apart from other throttles' and must be the same on every replica.
     */
    public FailureThrottle named(String name, int limit, Duration window) {
        return new FailureThrottle(name, limit, window, Clock.systemUTC(), store);
    }
}
