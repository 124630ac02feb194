package org.uklad.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uklad.indices.IndicesService;
import org.uklad.indices.WaveSnapshots;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Benchmark of the school summary PDF (not a test): one summary warm, and every school of a wave.
 * Builds a wave of {@code pairs} partner pairs with synthetic answers (students, parents,
 * teachers) on a fresh embedded PostgreSQL, then times, in the same JVM:
 * <ol>
 *   <li>one summary (indices of the wave computed from the database, then the PDF), after warm-up;
 *   <li>every school of the wave, one at a time through the same call;
 *   <li>every school on {@code threads} threads, the wave's indices computed once (a batch);
 *   <li>every school through the batch worker ({@link SummaryBatchWorker}: one thread, the ZIP stored).
 * </ol>
 * Arguments: {@code [pairs=100] [students per school=20] [threads=2]}. See BENCHMARKS.md.
 */
public final class SchoolSummaryBenchmark {

    private SchoolSummaryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int students = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long t0 = System.nanoTime();
        try (SummaryDemoData demo = new SummaryDemoData(pairs, students, null)) {
            System.out.printf("data: %d schools, %d students + %d parents + 8 teachers each, in %.1f s%n",
                    demo.schools.size(), students, Math.max(5, students / 2), (System.nanoTime() - t0) / 1e9);
            SchoolSummaryService service = demo.app.getBean(SchoolSummaryService.class);
            IndicesService indices = demo.app.getBean(IndicesService.class);
            Wave wave = demo.app.getBean(Waves.class).find(demo.wave).orElseThrow();
            Locale ru = Locale.forLanguageTag("ru");
            long school = demo.schools.getFirst();
            long bytes = 0;
            for (int i = 0; i < 30; i++) {
                bytes = service.render(demo.wave, school, ru).length;
            }
            int n = 30;
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                service.render(demo.wave, school, ru);
                times[i] = System.nanoTime() - s;
            }
            java.util.Arrays.sort(times);
            long s = System.nanoTime();
            WaveSnapshots computed = new WaveSnapshots(indices);
            computed.of(demo.wave);
            double indicesMs = (System.nanoTime() - s) / 1e6;
            s = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                service.render(computed, wave, school, ru, true);
            }
            double pdfOnlyMs = (System.nanoTime() - s) / 1e6 / 10;
            System.out.printf("one summary, warm: median %.0f ms, best %.0f ms, worst %.0f ms of %d (%d bytes);"
                            + " of which indices of the wave %.0f ms, PDF alone %.0f ms%n",
                    times[n / 2] / 1e6, times[0] / 1e6, times[n - 1] / 1e6, n, bytes, indicesMs, pdfOnlyMs);

            s = System.nanoTime();
            for (long id : demo.schools) {
                service.render(demo.wave, id, ru);
            }
            System.out.printf("%d summaries one by one (indices revalidated, recomputed only when answers or codes change): %.1f s%n",
                    demo.schools.size(), (System.nanoTime() - s) / 1e9);

            s = System.nanoTime();
            WaveSnapshots once = new WaveSnapshots(indices);
            once.of(demo.wave);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<byte[]>> all = new ArrayList<>();
            for (long id : demo.schools) {
                all.add(pool.submit(() -> service.render(once, wave, id, ru, true)));
            }
            long total = 0;
            for (Future<byte[]> f : all) {
                total += f.get().length;
            }
            pool.shutdown();
            System.out.printf("%d summaries as a batch (indices once, %d threads): %.1f s, %.1f MB%n",
                    demo.schools.size(), threads, (System.nanoTime() - s) / 1e9, total / 1e6);

            // the real batch: the background worker's path (one thread, ZIP stored in PostgreSQL)
            SummaryBatchStore store = demo.app.getBean(SummaryBatchStore.class);
            SummaryBatchWorker worker = demo.app.getBean(SummaryBatchWorker.class);
            demo.app.getBean(org.uklad.account.Accounts.class).create("bench-admin", "Benchmark", org.uklad.account.Role.ADMIN,
                    List.of(), "benchmark password", false);
            javax.sql.DataSource ds = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
                    demo.app.getBean(javax.sql.DataSource.class));
            try (var c = ds.getConnection(); var ps = c.prepareStatement("""
                    INSERT INTO summary_batch (id, wave_id, account_id, lang, school_ids, state)
                    SELECT gen_random_uuid(), ?, id, 'ru', ?, 'QUEUED' FROM staff_account WHERE login = 'bench-admin'""")) {
                ps.setLong(1, demo.wave);
                ps.setArray(2, c.createArrayOf("bigint", demo.schools.toArray()));
                ps.executeUpdate();
            }
            s = System.nanoTime();
            SummaryBatchStore.Job job = store.claim().orElseThrow();
            worker.run(job);
            SummaryBatch done = store.find(job.id()).orElseThrow();
            System.out.printf("%d summaries through the batch worker (1 thread, ZIP stored): %.1f s, state %s%n",
                    done.total(), (System.nanoTime() - s) / 1e9, done.state());
        }
    }
}
