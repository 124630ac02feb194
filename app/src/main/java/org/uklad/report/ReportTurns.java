package org.uklad.report;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.uklad.system.ThreadPriority;

/**
 * How many school summaries are made at once ({@code uklad.reports.concurrent}; 0, the default,
 * means half the processors, at least one), and at what priority; the rest wait their turn in
 * arrival order.
 *
 * <p>Why: a summary is a few hundred milliseconds of CPU (comparisons, charts, the PDF itself).
 * On a virtual thread it would hold a carrier the whole time: eight staff members downloading at
 * once would hold every carrier, and respondents' submissions — served by the same carriers —
 * would wait behind them (measured: p99 of seconds, and refusals, BENCHMARKS.md "A live wave").
 * So summaries are made on platform threads of their own, as many as the turns, and those threads
 * run at a lower operating-system priority ({@code uklad.reports.nice}, default 10; 0 keeps the
 * normal one): when a respondent's submission or PostgreSQL wants a core, it gets it before a
 * summary does, and a respondent is never slower because staff are reading. The caller's virtual
 * thread parks while it waits, freeing its carrier.
 */
@Singleton
public class ReportTurns {

    private final ThreadPoolExecutor makers;

    ReportTurns(@Value("${uklad.reports.concurrent:0}") int concurrent, @Value("${uklad.reports.nice:10}") int nice,
                MeterRegistry meters) {
        if (concurrent < 0) {
            throw new IllegalStateException("uklad.reports.concurrent must not be negative, not " + concurrent);
        }
        if (nice < 0 || nice > 19) {
            throw new IllegalStateException("uklad.reports.nice must be between 0 and 19, not " + nice);
        }
        int turns = concurrent > 0 ? concurrent : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger made = new AtomicInteger();
        this.makers = new ThreadPoolExecutor(turns, turns, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                work -> Thread.ofPlatform().name("report-maker-" + made.incrementAndGet()).daemon(true).unstarted(() -> {
                    if (nice > 0) {
                        ThreadPriority.lowerCurrent(nice);
                    }
                    work.run();
                }));
        // summaries waiting for their turn: staff demand beyond what the machine gives them
        meters.gauge("uklad.reports.waiting", makers, m -> m.getQueue().size());
    }

    /** Runs {@code work} in its turn on a report thread and returns its result (or throws what it threw). */
    public <T> T inTurn(Supplier<T> work) {
        Future<T> made = makers.submit(work::get);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return made.get();
                } catch (InterruptedException e) {
                    interrupted = true; // as before: a summary once asked for is finished
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException thrown -> throw thrown;
                        case Error thrown -> throw thrown;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @PreDestroy
    void close() {
        makers.shutdownNow();
    }
}
