package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;

/**
 * The failure count behind the throttles, on a clock the test moves, in the table every replica
 * shares: two throttles of one name stand for the same throttle on two replicas.
 */
@MicronautTest(transactional = false)
class FailureThrottleTest {

    /** A clock that stands still until told to move. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Inject ThrottleStore store;
    @Inject DataSource dataSource;

    final TestClock clock = new TestClock();
    /** A name of its own per test, so the tests' counts stay apart in the one database. */
    String name;
    FailureThrottle throttle;

    @BeforeEach
    void newThrottle() {
        name = "test-" + UUID.randomUUID();
        throttle = throttle(2);
    }

    FailureThrottle throttle(int limit) {
        return new FailureThrottle(name, limit, Duration.ofMinutes(10), clock, store);
    }

    @Test
    void anAttemptBeyondTheOpenOnesWaitsForTheirOutcomeAndIsThenDecidedExactly() throws Exception {
        var first = (FailureThrottle.Reservation) throttle.reserve("k", Duration.ofSeconds(10));
        var second = (FailureThrottle.Reservation) throttle.reserve("k", Duration.ofSeconds(10));
        CompletableFuture<FailureThrottle.Attempt> third = CompletableFuture.supplyAsync(
                () -> throttle.reserve("k", Duration.ofSeconds(10)));
        assertThat(throttle.blockedFor("k")).as("open attempts are no failures yet").isEmpty();
        TimeUnit.MILLISECONDS.sleep(100);
        assertThat(third).as("neither let through nor refused while both are open").isNotDone();

        first.refund();   // the right password: its slot goes to the waiting attempt
        var granted = (FailureThrottle.Reservation) third.get(5, TimeUnit.SECONDS);
        second.failed();
        granted.failed();
        granted.refund();   // settled once: this changes nothing
        assertThat(throttle.reserve("k", Duration.ofSeconds(10)))
                .isEqualTo(new FailureThrottle.Refused(600));
        assertThat(throttle.reserve("other", Duration.ofSeconds(10))).isInstanceOf(FailureThrottle.Reservation.class);
    }

    @Test
    void retryAfterSaysWhenTheWindowHasRoomAgain() {
        throttle.fail("k");
        clock.advance(Duration.ofMinutes(1));
        throttle.fail("k");
        clock.advance(Duration.ofMinutes(1));
        throttle.fail("k");   // three failures, limit two: room again when the first two have left
        assertThat(throttle.blockedFor("k")).hasValue(9 * 60);
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.blockedFor("k")).isEmpty();
        throttle.clear("k");
        assertThat(throttle.reserve("k", Duration.ZERO)).isInstanceOf(FailureThrottle.Reservation.class);
    }

    @Test
    void anAttemptOpenTooLongLeavesTheNextOneRefusedForASecond() {
        name = "test-" + UUID.randomUUID();
        FailureThrottle one = throttle(1);
        assertThat(one.reserve("k", Duration.ZERO)).isInstanceOf(FailureThrottle.Reservation.class);
        assertThat(one.reserve("k", Duration.ofMillis(50))).isEqualTo(new FailureThrottle.Refused(1));
    }

    @Test
    void twoReplicasShareOneBudget() {
        FailureThrottle otherReplica = throttle(2);
        throttle.fail("203.0.113.7");
        assertThat(otherReplica.blockedFor("203.0.113.7")).isEmpty();
        otherReplica.fail("203.0.113.7");
        assertThat(throttle.blockedFor("203.0.113.7")).hasValue(600);
        assertThat(throttle.reserve("203.0.113.7", Duration.ZERO)).isEqualTo(new FailureThrottle.Refused(600));
        assertThat(otherReplica.reserve("203.0.113.7", Duration.ZERO)).isEqualTo(new FailureThrottle.Refused(600));
    }

    @Test
    void theKeyIsStoredOnlyAsItsKeyedHash() {
        throttle.fail("203.0.113.7");
        Database db = new Database(dataSource);
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE throttle = ?", name)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE throttle = ? AND key_hash = sha256(convert_to(?, 'UTF8'))",
                name, "203.0.113.7")).as("not a plain hash either: an address space is small").isZero();
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE throttle = ? AND position(convert_to(?, 'UTF8') IN key_hash) > 0",
                name, "203.0.113.7")).isZero();
    }

    @Test
    void anAttemptOfAReplicaThatDiedStopsCountingWhenItsLeaseEnds() {
        var orphan = throttle.reserve("k", Duration.ZERO);
        var other = throttle.reserve("k", Duration.ZERO);
        assertThat(orphan).isInstanceOf(FailureThrottle.Reservation.class);
        assertThat(other).isInstanceOf(FailureThrottle.Reservation.class);
        assertThat(throttle.reserve("k", Duration.ZERO)).isEqualTo(new FailureThrottle.Refused(1));
        clock.advance(FailureThrottle.LEASE.plusSeconds(1));
        assertThat(throttle.reserve("k", Duration.ZERO)).as("both leases ended").isInstanceOf(FailureThrottle.Reservation.class);
    }

    @Test
    void countsOutOfTheirWindowAreCleanedUpAndCurrentOnesStay() {
        throttle.fail("k");   // on the test's clock: days ago
        FailureThrottle current = new FailureThrottle(name + "-now", 2, Duration.ofMinutes(10), Clock.systemUTC(), store);
        current.fail("k");
        Database db = new Database(dataSource);
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE throttle LIKE ?", name + "%")).isEqualTo(2);
        store.cleanUp();
        assertThat(db.count("SELECT count(*) FROM throttle_window WHERE throttle = ?", name)).isZero();
        assertThat(current.blockedFor("k")).isEmpty();
        current.fail("k");
        assertThat(current.blockedFor("k")).as("the current failure stayed").isPresent();
    }
}
