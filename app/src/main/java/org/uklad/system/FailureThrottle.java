package org.uklad.system;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failures per key (a client address, a login) in a sliding window and says when a key
 * has had too many. Kept in memory only: keys are never stored or logged, and a key is forgotten
 * once its window is empty. Each app replica counts on its own, so with n replicas a client gets
 * at most n × limit tries per window, still far too few for guessing.
 */
public final class FailureThrottle {

    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

    public FailureThrottle(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be positive and window longer than zero");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Seconds until the key may try again, or empty if it may try now. */
    public OptionalLong blockedFor(String key) {
        Deque<Long> recent = failures.get(key);
        if (recent == null) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        synchronized (recent) {
            prune(recent, now);
            if (recent.size() < limit) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(Math.max(1, (recent.peekFirst() + window.toMillis() - now + 999) / 1000));
        }
    }

    public void fail(String key) {
        if (failures.size() > MAX_KEYS) {
            failures.clear(); // a flood of keys: start over rather than grow without bound
        }
        long now = clock.millis();
        Deque<Long> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent, now);
            recent.addLast(now);
        }
    }

    public void clear(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Long> recent, long now) {
        long oldest = now - window.toMillis();
        while (!recent.isEmpty() && recent.peekFirst() < oldest) {
            recent.pollFirst();
        }
    }
}
