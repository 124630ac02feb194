package org.uklad.system;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts failures per key (a client address, a login) in a sliding window and says when a key
 * has had too many. The counts live in PostgreSQL ({@link ThrottleStore}, table
 * {@code throttle_window}), shared by every replica: however a balancer spreads a client's
 * requests, it gets {@code limit} failures per window in all, not per replica. Keys are stored
 * only as their HMAC with a server secret, never logged. Made by {@link FailureThrottles}.
 *
 * <p>An attempt whose outcome would tell a guesser something takes a {@link Reservation} first:
 * its failure is counted before the guess is checked and refunded if it turns out not to be one.
 * So however many guesses arrive at once, through however many replicas, at most {@code limit} are
 * ever checked per window; while the limit is taken up by attempts still being checked, a new one
 * waits for their outcome (asking the database again every few milliseconds) instead of being let
 * through or refused on a guess. An attempt stays counted as open for at most {@link #LEASE}: a
 * replica that dies while checking does not block the key for longer.
 *
 * <p>Cost: checking a key ({@link #blockedFor}, {@link #waitForRoom}) is one primary-key read;
 * a reservation and its outcome are one statement each; a failure without reservation is one.
 */
public final class FailureThrottle {

    /** Longer than any check takes; an attempt not settled by then no longer holds a slot. */
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final long FIRST_PAUSE_MILLIS = 10;
    private static final long LONGEST_PAUSE_MILLIS = 200;

    private final String name;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final ThrottleStore store;

    FailureThrottle(String name, int limit, Duration window, Clock clock, ThrottleStore store) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be positive and window longer than zero");
        }
        this.name = name;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
        this.store = store;
    }

    /** What {@link #reserve} decided. */
    public sealed interface Attempt permits Reservation, Refused {}

    /** Too many failures (or attempts still open past {@code maxWait}): wait this many seconds. */
    public record Refused(long retryAfterSeconds) implements Attempt {}

    /** An attempt counted as a failure in advance; exactly one of its methods settles it. */
    public final class Reservation implements Attempt {
        private final byte[] key;
        private final long lease;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Reservation(byte[] key, long lease) {
            this.key = key;
            this.lease = lease;
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
            if (settled.compareAndSet(false, true)) {
                record(key, lease, failed);
            }
        }
    }

    /** Seconds until the key may try again, or empty if it may try now. */
    public OptionalLong blockedFor(String key) {
        return blockedFor(store.read(name, store.hash(key)), clock.millis());
    }

    /**
     * As {@link #blockedFor}, but while the key's limit is taken up only with attempts still open,
     * waits up to {@code maxWait} for their outcome (then refused for a second): for a request
     * that needs no slot of its own but must not be answered while the key may be blocked.
     */
    public OptionalLong waitForRoom(String key, Duration maxWait) {
        byte[] hash = store.hash(key);
        long deadline = System.nanoTime() + maxWait.toNanos();   // waiting is timed apart from the window's clock
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            ThrottleStore.State state = store.read(name, hash);
            long now = clock.millis();   // after the read: no failure in it is later than now
            OptionalLong blocked = blockedFor(state, now);
            if (blocked.isPresent() || inWindow(state.failures(), now) + open(state.openUntil(), now) < limit) {
                return blocked;
            }
            if (!pause(deadline, pause)) {
                return OptionalLong.of(1);
            }
            pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
        }
    }

    /**
     * The parameters, in order, of {@link Room#CONDITION} for this key now, for a caller that folds
     * {@link #waitForRoom}'s test into a statement of its own and so saves its read. When the
     * condition is false the caller calls {@link #waitForRoom}, which waits for open attempts or says
     * how long the key is blocked.
     */
    public Room room(String key) {
        long now = clock.millis();
        return new Room(List.of(name, store.hash(key), since(now), now, limit));
    }

    /** The parameters of {@link #CONDITION} for one key ({@link #room}). */
    public record Room(List<Object> parameters) {
        /** {@link #waitForRoom}'s test as an SQL condition: true while the key has room. */
        public static final String CONDITION = ThrottleStore.ROOM;
    }

    /**
     * Counts an attempt before its outcome is known. Refused at once when the key has had
     * {@code limit} failures; when the limit is reached only with attempts still open, waits up to
     * {@code maxWait} for their outcome (then refused for a second).
     */
    public Attempt reserve(String key, Duration maxWait) {
        byte[] hash = store.hash(key);
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            long now = clock.millis();
            long lease = now + LEASE.toMillis();
            if (store.reserve(name, hash, limit, now, since(now), lease)) {
                return new Reservation(hash, lease);
            }
            OptionalLong blocked = blockedFor(store.read(name, hash), clock.millis());
            if (blocked.isPresent()) {
                return new Refused(blocked.getAsLong());
            }
            if (!pause(deadline, pause)) {
                return new Refused(1);
            }
            pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
        }
    }

    /** Counts a failure that took no reservation. */
    public void fail(String key) {
        record(store.hash(key), -1, true);
    }

    /** Forgets the key's failures (attempts still open stay counted until they settle). */
    public void clear(String key) {
        store.clear(name, store.hash(key));
    }

    private void record(byte[] key, long lease, boolean failed) {
        long now = clock.millis();
        store.settle(name, key, lease, failed, limit, now, since(now), now + window.toMillis());
    }

    private OptionalLong blockedFor(ThrottleStore.State state, long now) {
        long[] failures = state.failures();   // ascending
        int counted = inWindow(failures, now);
        if (counted < limit) {
            return OptionalLong.empty();
        }
        // room again when the oldest failure beyond the allowance leaves the window
        long freeing = failures[failures.length - limit];
        return OptionalLong.of(Math.max(1, (freeing + window.toMillis() - now + 999) / 1000));
    }

    /** A failure exactly a window old has left it. */
    private long since(long now) {
        return now - window.toMillis();
    }

    private int inWindow(long[] failures, long now) {
        long oldest = since(now);
        int n = 0;
        for (long f : failures) {
            if (f > oldest) {
                n++;
            }
        }
        return n;
    }

    private static int open(long[] leases, long now) {
        int n = 0;
        for (long lease : leases) {
            if (lease > now) {
                n++;
            }
        }
        return n;
    }

    /** Sleeps before asking again; false when the deadline leaves no time for it. */
    private static boolean pause(long deadline, long millis) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(millis)));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
