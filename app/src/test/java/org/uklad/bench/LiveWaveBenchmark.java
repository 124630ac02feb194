package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.uklad.response.LikertAnswersBackfill;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * A live wave read while respondents keep answering (a benchmark, not a test; issue #21's table).
 *
 * <p>On the region's data of {@link IndicesBenchmark} (1,000 schools, 300,000 responses, kept in
 * {@code -Duklad.bench.data=DIR}; generated there first if absent), the app serves, for each
 * scenario of {@code seconds}:
 * <ul>
 *   <li>respondents submitting into the same wave at a fixed rate, open loop (a submission is sent
 *       on schedule whether or not earlier ones were answered, and its latency counts from its
 *       scheduled time, so a stalled service shows as latency rather than as a lower rate), spread
 *       over 50 schools' codes, so groups reach k and are published as they would be;</li>
 *   <li>{@code readers} staff clients, each in a loop asking for one school's indices (admin API)
 *       and then its PDF summary, of a school picked at random among the same 50.</li>
 * </ul>
 * Scenarios: idle (one reader, no submissions), then one reader with submissions at a fifth of the
 * rate and at the rate, then all readers at the rate. Printed per scenario: indices p50/p95, PDF
 * p50/p95, submissions sent per second, their p99 and errors.
 *
 * <p>Arguments: {@code [seconds] [rate per second] [readers]}, default {@code 30 100 8}. See
 * BENCHMARKS.md ("A live wave").
 */
public final class LiveWaveBenchmark {

    static final int CODE_SCHOOLS = 50;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int readers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String kept = System.getProperty("uklad.bench.data");
        if (kept == null) {
            throw new IllegalArgumentException("-Duklad.bench.data=DIR is required (the region's data, kept between runs)");
        }
        Path data = Path.of(kept);
        Path manifest = data.resolve("waves.txt");
        try (ApplicationContext app = BenchSupport.start(data, Map.of("micronaut.server.thread-selection", "AUTO"))) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            Http http = new Http(server.getURI(), app.getBean(JsonMapper.class));
            DataSource dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                    .unwrapDataSource(app.getBean(DataSource.class));
            long wave;
            if (Files.exists(manifest)) {
                wave = Files.readAllLines(manifest).stream().map(l -> l.trim().split(" "))
                        .max((a, b) -> Long.compare(Long.parseLong(a[0]), Long.parseLong(b[0])))
                        .map(w -> Long.parseLong(w[1])).orElseThrow();
                System.out.println("reusing the generated data in " + data);
            } else {
                List<long[]> waves = new ArrayList<>();
                IndicesBenchmark.generateAll(app, dataSource, new int[] {100}, waves);
                Files.write(manifest, waves.stream().map(w -> String.join(" ",
                        Arrays.stream(w).mapToObj(Long::toString).toList())).toList());
                wave = waves.getFirst()[1];
            }
            app.getBean(LikertAnswersBackfill.class).fill();
            List<Long> schools = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // the kept wave was opened for a day when it was generated: keep it open for this run
                s.executeUpdate("UPDATE wave SET closes_at = now() + interval '1 day' WHERE id = " + wave);
                try (ResultSet rs = s.executeQuery("SELECT DISTINCT school_id FROM access_code WHERE wave_id = " + wave
                        + " ORDER BY school_id LIMIT " + CODE_SCHOOLS)) {
                    while (rs.next()) {
                        schools.add(rs.getLong(1));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM response WHERE wave_id = " + wave)) {
                    rs.next();
                    System.out.printf("wave %d: %,d published responses before the run%n", wave, rs.getLong(1));
                }
            }
            Fixture fixture = new Fixture(http);
            List<String> codes = new ArrayList<>();
            String group = "live-" + Long.toString(System.nanoTime(), 36);
            for (long school : schools) {
                codes.addAll(fixture.codes(wave, school, "bench5x8", group, 1, 10_000));
            }
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            URI base = server.getURI();
            Thread.ofVirtual().name("database-stalls").start(() -> watchCommits(dataSource));
            // warm-up: JIT, the wave's first computation, a PDF
            scenario(client, base, wave, schools, codes, 5, Math.max(1, rate / 5), 1, null);

            System.out.printf("%-34s %16s %16s %12s %9s %7s%n", "scenario", "indices p50/p95", "PDF p50/p95",
                    "submitted/s", "sub p99", "errors");
            scenario(client, base, wave, schools, codes, seconds, 0, 1, "idle, one reader");
            scenario(client, base, wave, schools, codes, seconds, Math.max(1, rate / 5), 1,
                    "one reader, submissions at " + Math.max(1, rate / 5) + "/s");
            scenario(client, base, wave, schools, codes, seconds, rate, 1, "one reader, submissions at " + rate + "/s");
            scenario(client, base, wave, schools, codes, seconds, rate, readers,
                    readers + " readers, submissions at " + rate + "/s");
        }
    }

    /** What the errors of the current scenario were, by request and status (printed under its line). */
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();

    /** One scenario: readers in a loop while submissions are sent on a fixed schedule; prints its line. */
    static void scenario(HttpClient client, URI base, long wave, List<Long> schools, List<String> codes, int seconds,
                         int rate, int readers, String title) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> indices = Collections.synchronizedList(new ArrayList<>());
        List<Long> pdfs = Collections.synchronizedList(new ArrayList<>());
        List<Long> submissions = Collections.synchronizedList(new ArrayList<>());
        List<long[]> slow = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        failures.clear();
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    long school = schools.get(ThreadLocalRandom.current().nextInt(schools.size()));
                    String at = "/api/v1/admin/waves/" + wave + "/schools/" + school;
                    timed(client, base.resolve(at + "/indices"), indices, errors);
                    if (!stop.get()) {
                        timed(client, base.resolve(at + "/summary.pdf"), pdfs, errors);
                    }
                }
            }));
        }
        ExecutorService respondents = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        if (rate > 0) {
            long interval = 1_000_000_000L / rate;
            for (long due = start; due < end; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long scheduled = due;
                sent.incrementAndGet();
                respondents.submit(() -> {
                    try {
                        int status = SubmissionBenchmark.submitStatus(client, base,
                                codes.get(ThreadLocalRandom.current().nextInt(codes.size())));
                        if (status == 201) {
                            long took = System.nanoTime() - scheduled;
                            submissions.add(took);
                            if (took > SLOW) {
                                slow.add(new long[] {System.currentTimeMillis() - took / 1_000_000, took / 1_000_000});
                            }
                        } else {
                            errors.incrementAndGet();
                            failures.merge("submission " + status, 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        failures.merge("submission " + e.getClass().getSimpleName(), 1, Integer::sum);
                    }
                });
            }
        } else {
            TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        }
        stop.set(true);
        respondents.shutdown();
        respondents.awaitTermination(2, TimeUnit.MINUTES);
        for (Thread t : threads) {
            t.join();
        }
        if (title != null) {
            System.out.printf("%-34s %16s %16s %12.0f %9s %7d%n", title, pair(indices, 50, 95), pair(pdfs, 50, 95),
                    sent.get() / (double) seconds, submissions.isEmpty() ? "—" : ms(percentile(submissions, 99)), errors.get());
            if (!failures.isEmpty()) {
                System.out.println("    errors: " + new java.util.TreeMap<>(failures));
            }
            if (!slow.isEmpty()) {
                System.out.println("    " + stalls(slow));
            }
        }
    }

    /** A submission slower than this is listed, with when it was due (so it can be matched with GC and database logs). */
    private static final long SLOW = 100_000_000L;

    /** Wall-clock seconds in which the database had a commit running for over 100 ms (see {@link #watchCommits}). */
    private static final java.util.Set<Long> slowCommits = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /*
     * Every 50 ms, whether some backend has been committing for over 100 ms: a commit waits only for
     * its WAL to reach the disk, so this tells a stall of the disk from one of the service. On its
     * own connection, for the whole run.
     */
    private static void watchCommits(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet rs = s.executeQuery("""
                        SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()
                        AND query ILIKE 'commit%' AND clock_timestamp() - query_start > interval '100 ms'""")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        slowCommits.add(System.currentTimeMillis() / 1000);
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            System.out.println("the database's commits are no longer watched: " + e);
        }
    }

    /**
     * The slow submissions grouped by the wall-clock second they were due in: "HH:mm:ss n×≤worst ms",
     * marked "*" when the database had a commit running for over 100 ms in that second or the two
     * after it (a submission's answer waits for its commit).
     */
    private static String stalls(List<long[]> slow) {
        java.util.TreeMap<Long, long[]> bySecond = new java.util.TreeMap<>();
        for (long[] s : slow) {
            bySecond.merge(s[0] / 1000, new long[] {1, s[1]}, (a, b) -> new long[] {a[0] + b[0], Math.max(a[1], b[1])});
        }
        StringBuilder out = new StringBuilder("over 100 ms, by second due (UTC): ");
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
        int[] withCommit = new int[2];
        bySecond.forEach((second, v) -> {
            boolean commit = slowCommits.contains(second) || slowCommits.contains(second + 1) || slowCommits.contains(second + 2);
            out.append(f.format(java.time.Instant.ofEpochSecond(second))).append(commit ? "*" : "")
                    .append(' ').append(v[0]).append("×≤").append(v[1]).append("ms  ");
            withCommit[0]++;
            withCommit[1] += commit ? 1 : 0;
        });
        return out.append("(* slow commit in the database: ").append(withCommit[1]).append(" of ").append(withCommit[0])
                .append(" seconds)").toString();
    }

    private static void timed(HttpClient client, URI uri, List<Long> into, AtomicLong errors) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + Http.ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 200) {
                into.add(System.nanoTime() - t0);
            } else {
                errors.incrementAndGet();
                failures.merge(uri.getPath().replaceAll("[0-9]+", "N") + " " + r.statusCode(), 1, Integer::sum);
            }
        } catch (Exception e) {
            errors.incrementAndGet();
            failures.merge(uri.getPath().replaceAll("[0-9]+", "N") + " " + e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    static long percentile(List<Long> nanos, int p) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
    }

    private static String pair(List<Long> nanos, int a, int b) {
        return nanos.isEmpty() ? "—" : ms(percentile(nanos, a)) + " / " + ms(percentile(nanos, b));
    }

    private static String ms(long nanos) {
        return String.format("%,d", nanos / 1_000_000);
    }
}
