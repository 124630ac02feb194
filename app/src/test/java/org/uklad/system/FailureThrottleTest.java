package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The failure count behind both throttles, on a clock the test moves. */
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

    final TestClock clock = new TestClock();
    final FailureThrottle throttle = new FailureThrottle(2, Duration.ofMinutes(10), clock);

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
        FailureThrottle one = new FailureThrottle(1, Duration.ofMinutes(10), clock);
        assertThat(one.reserve("k", Duration.ZERO)).isInstanceOf(FailureThrottle.Reservation.class);
        assertThat(one.reserve("k", Duration.ofMillis(50))).isEqualTo(new FailureThrottle.Refused(1));
    }
}
