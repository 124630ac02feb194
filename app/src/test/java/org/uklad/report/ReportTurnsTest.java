package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * Summaries are made in turns on threads of their own at a lower operating-system priority, so
 * respondents' submissions get the cores first (BENCHMARKS.md, "A live wave").
 */
class ReportTurnsTest {

    /** The calling thread's nice value, from Linux's /proc (field 19 of stat, after the command name). */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]); // field 19 counted from 1; fields[0] is field 3
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void summariesAreMadeOnPlatformThreadsOfLowerPriorityAndTheCallerKeepsItsOwn() throws Exception {
        ReportTurns turns = new ReportTurns(1, 10, new SimpleMeterRegistry());
        int callerBefore = niceOfThisThread();
        record Seen(boolean virtual, int nice, String name) {}
        Seen seen = turns.inTurn(() -> new Seen(Thread.currentThread().isVirtual(), niceOfThisThread(), Thread.currentThread().getName()));
        assertThat(seen.virtual()).isFalse();
        assertThat(seen.name()).startsWith("report-maker-");
        assertThat(seen.nice()).isEqualTo(10);
        assertThat(niceOfThisThread()).isEqualTo(callerBefore);
        // from a virtual thread (as the controllers call it) too, and its carrier is left alone
        int fromVirtual = CompletableFuture.supplyAsync(() -> turns.inTurn(ReportTurnsTest::niceOfThisThread),
                r -> Thread.ofVirtual().start(r)).get(10, TimeUnit.SECONDS);
        assertThat(fromVirtual).isEqualTo(10);
        turns.close();
    }

    @Test
    void niceZeroKeepsTheNormalPriority() {
        ReportTurns turns = new ReportTurns(1, 0, new SimpleMeterRegistry());
        assertThat(turns.inTurn(ReportTurnsTest::niceOfThisThread)).isZero();
        turns.close();
    }

    @Test
    void noMoreThanTheTurnsAtOnceAndWhatTheWorkThrowsReachesTheCaller() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ReportTurns turns = new ReportTurns(2, 10, meters);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(6);
        CompletableFuture<?>[] all = new CompletableFuture<?>[6];
        for (int i = 0; i < all.length; i++) {
            all[i] = CompletableFuture.runAsync(() -> turns.inTurn(() -> {
                started.countDown();
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                sleep(100);
                running.decrementAndGet();
                return null;
            }), r -> Thread.ofVirtual().start(r));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (meters.get("uklad.reports.waiting").gauge().value() < 4.0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(meters.get("uklad.reports.waiting").gauge().value()).isEqualTo(4.0);
        CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);
        assertThat(started.getCount()).isZero();
        assertThat(most.get()).isEqualTo(2);
        assertThatThrownBy(() -> turns.inTurn(() -> {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        })).isInstanceOf(ProblemException.class);
        turns.close();
    }

    @Test
    void aNiceOutsideTheOperatingSystemsRangeStopsTheStart() {
        assertThatThrownBy(() -> new ReportTurns(1, 20, new SimpleMeterRegistry())).hasMessageContaining("uklad.reports.nice");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
