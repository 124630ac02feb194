package org.uklad.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many school summaries are made at once ({@code uklad.reports.concurrent}; 0, the default,
 * means half the processors, at least one); the rest wait their turn in arrival order.
 *
 * <p>Why: a summary is a few hundred milliseconds of CPU (comparisons, charts, the PDF itself) on
 * a virtual thread, which holds its carrier the whole time. Eight staff members downloading at
 * once would hold every carrier, and respondents' submissions — served by the same carriers —
 * would wait behind them (measured: p99 of seconds, and refusals, BENCHMARKS.md "A live wave").
 * With turns, staff reading can take at most this share of the machine, and a respondent is
 * never slower because staff are reading.
 */
@Singleton
public class ReportTurns {

    private final Semaphore turns;

    ReportTurns(@Value("${uklad.reports.concurrent:0}") int concurrent, MeterRegistry meters) {
        if (concurrent < 0) {
            throw new IllegalStateException("uklad.reports.concurrent must not be negative, not " + concurrent);
        }
        int permits = concurrent > 0 ? concurrent : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        this.turns = new Semaphore(permits, true);
        // summaries waiting for their turn: staff demand beyond what the machine gives them
        meters.gauge("uklad.reports.waiting", turns, Semaphore::getQueueLength);
    }

    /** Runs {@code work} in its turn (a waiting virtual thread parks and frees its carrier). */
    public <T> T inTurn(Supplier<T> work) {
        turns.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
