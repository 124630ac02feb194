package org.uklad.system;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL of {@link FailureThrottle}: one row per throttle and key in {@code throttle_window}
 * (migration V26), shared by every replica. Each change is one statement on the key's row, so
 * concurrent attempts through different replicas are decided one after another by PostgreSQL's row
 * lock; the check of a request is one primary-key read. Keys are stored only as their HMAC with a
 * server secret ({@link ServerSecrets}), so the table names no address or login.
 */
@Singleton
public class ThrottleStore {

    private static final Logger LOG = LoggerFactory.getLogger(ThrottleStore.class);
    private static final String SECRET_NAME = "throttle-key";

    /** A key's failures within the window and the leases of its open attempts (epoch ms). */
    record State(long[] failures, long[] openUntil) {
        static final State NONE = new State(new long[0], new long[0]);
    }

    private static final String READ = "SELECT failures, open_until FROM throttle_window WHERE throttle = ? AND key_hash = ?";

    /*
     * FailureThrottle.waitForRoom's test as a condition for another statement: true unless the key's
     * failures in the window plus its open attempts reach the limit. Parameters: throttle, key,
     * since (failures after it count), now (leases after it are open), limit.
     */
    static final String ROOM = """
            NOT EXISTS (SELECT 1 FROM throttle_window t WHERE t.throttle = ? AND t.key_hash = ?
                AND (SELECT count(*) FROM unnest(t.failures) f WHERE f > ?)
                  + (SELECT count(*) FROM unnest(t.open_until) o WHERE o > ?) >= ?)""";

    /*
     * A new key is granted at once; a known one only while its failures in the window and its open
     * attempts leave room, and then its expired entries are pruned on the way. Granted: one row back.
     */
    private static final String RESERVE = """
            INSERT INTO throttle_window AS w (throttle, key_hash, failures, open_until, expires_at)
            VALUES (?, ?, '{}', ARRAY[?::bigint], ?)
            ON CONFLICT (throttle, key_hash) DO UPDATE SET
                failures = ARRAY(SELECT f FROM unnest(w.failures) f WHERE f > ?),
                open_until = ARRAY(SELECT o FROM unnest(w.open_until) o WHERE o > ?) || EXCLUDED.open_until,
                expires_at = greatest(w.expires_at, EXCLUDED.expires_at)
            WHERE (SELECT count(*) FROM unnest(w.failures) f WHERE f > ?)
                + (SELECT count(*) FROM unnest(w.open_until) o WHERE o > ?) < ?
            RETURNING 1""";

    /*
     * Settles an open attempt (its lease leaves the row; -1 matches none: a failure without one)
     * and, if it failed, adds the failure, keeping only the newest {@code limit} within the window.
     */
    private static final String SETTLE = """
            INSERT INTO throttle_window AS w (throttle, key_hash, failures, open_until, expires_at)
            VALUES (?, ?, CASE WHEN ? THEN ARRAY[?::bigint] ELSE '{}' END, '{}', ?)
            ON CONFLICT (throttle, key_hash) DO UPDATE SET
                open_until = coalesce(w.open_until[:array_position(w.open_until, ?::bigint) - 1]
                                      || w.open_until[array_position(w.open_until, ?::bigint) + 1:], w.open_until),
                failures = CASE WHEN ? THEN ARRAY(SELECT f FROM unnest(w.failures || EXCLUDED.failures) f
                                                  WHERE f > ? ORDER BY f DESC LIMIT ?)
                           ELSE w.failures END,
                expires_at = CASE WHEN ? THEN greatest(w.expires_at, EXCLUDED.expires_at) ELSE w.expires_at END""";

    private static final String CLEAR = "UPDATE throttle_window SET failures = '{}' WHERE throttle = ? AND key_hash = ?";

    private static final String CLEAN_UP = "DELETE FROM throttle_window WHERE expires_at < ?";

    private final Jdbc jdbc;
    private final ServerSecrets secrets;
    private final Clock clock = Clock.systemUTC();
    private volatile SecretKeySpec key;

    ThrottleStore(Jdbc jdbc, ServerSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** The key as stored: HMAC-SHA-256 with the server's throttle secret (the same on every replica). */
    byte[] hash(String key) {
        SecretKeySpec secret = this.key;
        if (secret == null) {
            secret = new SecretKeySpec(secrets.secret(SECRET_NAME), "HmacSHA256");
            this.key = secret;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e); // every Java platform has HmacSHA256
        }
    }

    /** The key's row (one primary-key read, outside any transaction), or no failures and nothing open. */
    State read(String throttle, byte[] key) {
        return jdbc.lookup(READ, rs -> new State(longs(rs, 1), longs(rs, 2)), throttle, key).orElse(State.NONE);
    }

    /** Counts an attempt with a lease until {@code leaseEnd} if the key has room; whether it had. */
    boolean reserve(String throttle, byte[] key, int limit, long now, long since, long leaseEnd) {
        Optional<Integer> granted = jdbc.returning(RESERVE, rs -> rs.getInt(1),
                throttle, key, leaseEnd, leaseEnd, since, now, since, now, limit);
        return granted.isPresent();
    }

    /** Ends the attempt with this lease ({@code -1}: none) and records a failure if {@code failed}. */
    void settle(String throttle, byte[] key, long lease, boolean failed, int limit, long now, long since, long expiresAt) {
        jdbc.update(SETTLE, throttle, key, failed, now, expiresAt, lease, lease, failed, since, limit, failed);
    }

    /** Forgets the key's failures; its open attempts stay. */
    void clear(String throttle, byte[] key) {
        jdbc.update(CLEAR, throttle, key);
    }

    /** Every 5 minutes, on every replica (deleting what nobody counts any more is idempotent). */
    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    void cleanUp() {
        try {
            jdbc.update(CLEAN_UP, clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up the throttles' old counts failed: {}", e.toString());
        }
    }

    private static long[] longs(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        Long[] values = (Long[]) array.getArray();
        long[] out = Arrays.stream(values).mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }
}
