package org.uklad.system;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Counts failures per key (a client address, a login) in a sliding window and says when a key
 * has had too many. Kept in memory only: keys are never stored or logged. Each app replica counts
 * on its own, so with n replicas a client gets at most n × limit tries per window, still far too
 * few for guessing.
 *
 * <p>An attempt whose outcome would tell a guesser something takes a {@link Reservation} first:
 * its failure is counted before the guess is checked and refunded if it turns out not to be one.
 * So however many guesses arrive at once, at most {@code limit} are ever checked per window;
 * while the limit is taken up by attempts still being checked, a new one waits for their
 * outcome instead of being let through or refused on a guess.
 */
public final class FailureThrottle {

    private static final int MAX_KEYS = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public FailureThrottle(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be positive and window longer than zero");
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** What {@link #reserve} decided. */
    public sealed interface Attempt permits Reservation, Refused {}

    /** Too many failures (or attempts still open past {@code maxWait}): wait this many seconds. */
    public record Refused(long retryAfterSeconds) implements Attempt {}

    /** An attempt counted as a failure in advance; exactly one of its methods settles it. */
    public final class Reservation implements Attempt {
        private final Window owner;
        private boolean settled;

        private Reservation(Window owner) {
            this.owner = owner;
        }

        /** It was a failure: it stays counted, from now on. */
        public void failed() {
            settle(true);
        }

        /** It was no failure (or nothing was checked): the slot is given back. */
        public void refund() {
            settle(false);
        }

        private void settle(boolean failed) {
            synchronized (owner) {
                if (settled) {
                    return;
                }
                settled = true;
                owner.open--;
                if (failed) {
                    owner.failures.addLast(clock.millis());
                }
                owner.notifyAll();
            }
        }
    }

    /** One key's failures within the window, oldest first, and its attempts not settled yet. Guarded by itself. */
    private static final class Window {
        final Deque<Long> failures = new ArrayDeque<>();
        int open;
    }

    /** Seconds until the key may try again, or empty if it may try now. */
    public OptionalLong blockedFor(String key) {
        Window w = windows.get(key);
        if (w == null) {
            return OptionalLong.empty();
        }
        synchronized (w) {
            long now = clock.millis();
            prune(w, now);
            return w.failures.size() < limit ? OptionalLong.empty() : OptionalLong.of(retryAfter(w, now));
        }
    }

    /**
     * Counts an attempt before its outcome is known. Refused at once when the key has had
     * {@code limit} failures; when the limit is reached only with attempts still open, waits up to
     * {@code maxWait} for their outcome (then refused for a second).
     */
    public Attempt reserve(String key, Duration maxWait) {
        Window w = window(key);
        long deadline = System.nanoTime() + maxWait.toNanos();   // waiting is timed apart from the window's clock
        synchronized (w) {
            while (true) {
                long now = clock.millis();
                prune(w, now);
                if (w.failures.size() >= limit) {
                    return new Refused(retryAfter(w, now));
                }
                if (w.failures.size() + w.open < limit) {
                    w.open++;
                    return new Reservation(w);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return new Refused(1);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(w, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Refused(1);
                }
            }
        }
    }

    /** Counts a failure that took no reservation. */
    public void fail(String key) {
        Window w = window(key);
        synchronized (w) {
            prune(w, clock.millis());
            w.failures.addLast(clock.millis());
        }
    }

    /** Forgets the key's failures (attempts still open stay counted until they settle). */
    public void clear(String key) {
        Window w = windows.get(key);
        if (w != null) {
            synchronized (w) {
                w.failures.clear();
                w.notifyAll();
            }
        }
    }

    private Window window(String key) {
        if (windows.size() > MAX_KEYS) {
            windows.clear(); // a flood of keys: start over rather than grow without bound
        }
        return windows.computeIfAbsent(key, k -> new Window());
    }

    /** When the failures drop below the limit: the oldest failure beyond the allowance leaves the window. */
    private long retryAfter(Window w, long now) {
        long freeing = w.failures.stream().skip(w.failures.size() - limit).findFirst().orElse(now);
        return Math.max(1, (freeing + window.toMillis() - now + 999) / 1000);
    }

    private void prune(Window w, long now) {
        long oldest = now - window.toMillis();
        while (!w.failures.isEmpty() && w.failures.peekFirst() <= oldest) {   // a failure exactly a window old has left
            w.failures.pollFirst();
        }
    }
}
