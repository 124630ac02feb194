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
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Load benchmark of the submission API (not a test): N concurrent respondents post a 40-item
 * questionnaire to the running app on its embedded PostgreSQL (persistent mode, fsync on), and,
 * in the same run, the same rows are inserted straight into the same database with JDBC, one
 * transaction per response, as the baseline.
 *
 * <p>Arguments: {@code [seconds per level] [concurrency levels...]}, e.g. {@code 20 16 64 256}.
 * With {@code -Duklad.bench.client=wrk} the respondents are {@code wrk} (C, HTTP/1.1 keep-alive,
 * two threads, one connection per respondent) in its own process instead of JDK HttpClient in
 * this JVM, so the load generator takes far less of the two cores it shares with the app and the
 * database. With {@code -Duklad.bench.data=DIR} it runs on the database in that directory (a copy of
 * the one IndicesBenchmark generates: a region's data) and keeps it. With {@code -Duklad.bench.page=true}
 * (wrk only) the respondents send the form page's submission instead ({@code POST /s/{code}}, a
 * URL-encoded form, answered 303 as a browser's Post/Redirect/Get), the path respondents on phones
 * and classroom computers take. See BENCHMARKS.md for the command.
 */
public final class SubmissionBenchmark {

    static final int ITEMS = 40;

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("uklad.bench.page") && !"wrk".equals(System.getProperty("uklad.bench.client"))) {
            throw new IllegalArgumentException("-Duklad.bench.page=true needs -Duklad.bench.client=wrk");
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int[] levels = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {16, 64, 256};
        // -Duklad.bench.data=DIR: run on an existing database (e.g. a copy of IndicesBenchmark's) and keep it
        String kept = System.getProperty("uklad.bench.data");
        Path data = kept != null ? Path.of(kept) : Files.createTempDirectory("uklad-bench");
        try {
            try (ApplicationContext app = BenchSupport.start(data, Map.of("micronaut.server.thread-selection", "AUTO"))) {
                EmbeddedServer server = app.getBean(EmbeddedServer.class);
                Http http = new Http(server.getURI(), app.getBean(JsonMapper.class));
                DataSource dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                        .unwrapDataSource(app.getBean(DataSource.class));
                BenchSupport.importQuestionnaire(http, "bench40", BenchSupport.questionnaire("bench40", List.of("comfort"), ITEMS));
                Fixture fixture = new Fixture(http);
                long school = fixture.school("SHNRO");
                long wave = fixture.wave(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), "bench40");
                int maxLevel = Arrays.stream(levels).max().orElse(16);
                // one shared code per simulated class of respondents, as schools hand them out
                boolean wrk = "wrk".equals(System.getProperty("uklad.bench.client"));
                // wrk picks codes round-robin per thread, so it gets twice as many as connections
                List<String> codes = fixture.codes(wave, school, "bench40", "7Б", wrk ? 2 * maxLevel + 2 : maxLevel, 10_000);
                long versionId = new Database(dataSource).count("SELECT id FROM questionnaire_version WHERE questionnaire_key = 'bench40'");
                // The baseline writes each client's rows into a wave of its own: since V22 every
                // statement that inserts responses bumps its wave's revision row, so one-response
                // transactions into one wave queue on that row until their commit (measured: 335/s
                // at 64 clients, p99 2.7 s) and the baseline would measure that queue, not what the
                // database can store. The API publishes in blocks and bumps once per block.
                long[] baselineWaves = new long[maxLevel];
                for (int c = 0; c < maxLevel; c++) {
                    baselineWaves[c] = fixture.wave(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), "bench40");
                }

                Database sizes = new Database(dataSource);
                System.out.printf("database before the run: %,d responses, %,d answers%n",
                        sizes.count("SELECT count(*) FROM response"), sizes.count("SELECT count(*) FROM answer"));
                System.out.printf("%-10s %-12s %12s %10s %10s %10s %8s%n", "clients", "what", "submissions", "per sec", "p50 ms", "p99 ms", "errors");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
                run(levels[0], 3, n -> submitOnce(client, server.getURI(), codes.get(n)));   // warm-up
                if (wrk) {
                    // warm-up through wrk too, long enough for the JIT: with 3 s the compiler threads still
                    // took a fifth of the cores during a first 10 s level (JFR, jdk.ThreadCPULoad)
                    int warmup = Integer.getInteger("uklad.bench.warmup", 20);
                    wrk(server.getURI(), codes, levels[0], warmup, "warmup");
                    Thread.sleep(3000);
                }
                for (int level : levels) {
                    if (wrk) {
                        String run = Long.toString(System.nanoTime(), 36);
                        long keysBefore = new Database(dataSource).count("SELECT count(*) FROM submission_key");
                        Result api = wrk(server.getURI(), codes, level, seconds, run);
                        print(level, Boolean.getBoolean("uklad.bench.page") ? "page (wrk)" : "API (wrk)", api, seconds);
                        Thread.sleep(6000); // requests still queued when wrk stopped are answered (or time out) first
                        long stored = new Database(dataSource).count("SELECT count(*) FROM submission_key") - keysBefore;
                        // every 2xx wrk counted must be a new response in the database (and nothing else was stored)
                        System.out.printf("%-10d %-12s %12d %s%n", level, "stored", stored,
                                stored >= api.count() && stored <= api.count() + level ? "(matches wrk's successes; up to one per connection was cut off at the end)" : "MISMATCH");
                        baselines(dataSource, level, seconds, api, baselineWaves, school, versionId);
                        continue;
                    }
                    Result api = run(level, seconds, n -> submitOnce(client, server.getURI(), codes.get(n)));
                    print(level, "API", api, seconds);
                    baselines(dataSource, level, seconds, api, baselineWaves, school, versionId);
                }
            }
        } finally {
            if (kept == null) {
                BenchSupport.delete(data);
            }
        }
    }

    interface Action {
        boolean run(int client) throws Exception;
    }

    /** One level's outcome: successful submissions, failures, and the median and 99th percentile latency. */
    record Result(long count, long errors, double p50Ms, double p99Ms) {

        /** From every success's latency, sorted. */
        static Result of(long count, long errors, long[] sortedNanos) {
            return sortedNanos.length == 0 ? new Result(count, errors, 0, 0) : new Result(count, errors,
                    sortedNanos[sortedNanos.length / 2] / 1e6, sortedNanos[(int) (sortedNanos.length * 0.99)] / 1e6);
        }
    }

    static Result run(int clients, int seconds, Action action) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] lat = new long[2_000_000 / clients + 1000];
            int[] n = new int[1];
            perClient.add(lat);
            counts.add(n);
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = action.run(client);
                    } catch (Exception e) {
                        ok = false;
                    }
                    long t = System.nanoTime() - t0;
                    if (!ok) {
                        errors.incrementAndGet();
                    } else if (n[0] < lat.length) {
                        lat[n[0]++] = t;
                    }
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        int total = counts.stream().mapToInt(a -> a[0]).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(perClient.get(c), 0, all, at, counts.get(c)[0]);
            at += counts.get(c)[0];
        }
        Arrays.sort(all);
        return Result.of(total, errors.get(), all);
    }

    /*
     * One level through wrk: each of its two threads cycles through its own half of the codes
     * (twice as many per thread as its connections, so two submissions in flight rarely share a
     * code's row), a fresh Idempotency-Key and fresh random answers per request; wrk prints the
     * count, the non-2xx count and its latency percentiles.
     */
    static Result wrk(URI base, List<String> codes, int connections, int seconds, String run) throws Exception {
        int threads = Math.min(2, connections);
        int perThread = codes.size() / threads;
        StringBuilder lua = new StringBuilder("local codes = {");
        for (String code : codes) {
            lua.append('"').append(code).append("\",");
        }
        lua.append("}\n").append("""
                local per_thread = %d
                local run = "%s"
                local next_id = 0
                function setup(thread)
                  thread:set("tid", next_id)
                  next_id = next_id + 1
                end
                local counter = 0
                local page = %s
                local headers = {["Content-Type"] = page and "application/x-www-form-urlencoded" or "application/json"}
                function init(args)
                  math.randomseed(%d + 7919 * tid) -- other answers in every run and thread
                end
                function request()
                  counter = counter + 1
                  local code = codes[tid * per_thread + (counter %% per_thread) + 1]
                  local parts = {}
                  local key = string.format("wrk-%%s-%%d-%%d", run, tid, counter) -- never a replay
                  if page then
                    for i = 1, %d do parts[i] = 'a.q' .. i .. '=' .. math.random(1, 4) end
                    return wrk.format("POST", "/s/" .. code, headers, 'idempotencyKey=' .. key .. '&' .. table.concat(parts, "&"))
                  end
                  for i = 1, %d do parts[i] = '"q' .. i .. '":' .. math.random(1, 4) end
                  headers["Idempotency-Key"] = key
                  return wrk.format("POST", "/api/v1/surveys/" .. code .. "/responses", headers,
                                    '{"answers":{' .. table.concat(parts, ",") .. '}}')
                end
                function done(summary, latency, requests)
                  io.write(string.format("RESULT %%d %%d %%d %%.0f %%.0f\\n", summary.requests,
                    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write,
                    summary.errors.timeout, latency:percentile(50), latency:percentile(99)))
                end
                """.formatted(perThread, run, Boolean.getBoolean("uklad.bench.page"),
                ThreadLocalRandom.current().nextInt(1 << 30), ITEMS, ITEMS));
        Path script = Files.createTempFile("uklad-wrk", ".lua");
        try {
            Files.writeString(script, lua);
            Process p = new ProcessBuilder("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                    "-s", script.toString(), base.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0 || !out.contains("RESULT ")) {
                throw new IllegalStateException("wrk failed: " + out);
            }
            String[] f = out.substring(out.indexOf("RESULT ") + 7).trim().split("\\s+");
            long requests = Long.parseLong(f[0]);
            long errors = Long.parseLong(f[1]) + Long.parseLong(f[2]);
            // wrk's percentiles are in microseconds
            return new Result(requests - errors, errors, Long.parseLong(f[3]) / 1e3, Long.parseLong(f[4]) / 1e3);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static void print(int clients, String what, Result r, int seconds) {
        System.out.printf("%-10d %-12s %12d %10.0f %10.1f %10.1f %8d%n", clients, what, r.count(), r.count() / (double) seconds, r.p50Ms(), r.p99Ms(), r.errors());
    }

    static boolean submitOnce(HttpClient client, URI base, String code) throws Exception {
        return submitStatus(client, base, code) == 201;
    }

    /** One submission of random answers; its HTTP status. */
    static int submitStatus(HttpClient client, URI base, String code) throws Exception {
        StringBuilder body = new StringBuilder("{\"answers\":{");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 1; i <= ITEMS; i++) {
            body.append(i > 1 ? "," : "").append("\"q").append(i).append("\":").append(1 + random.nextInt(4));
        }
        body.append("}}");
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/surveys/" + code + "/responses"))
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /**
     * The two baselines after the API's level: "JDBC" stores what the service stores for a
     * response since V31 (its row with the forty likert answers packed), "JDBC rows" the response
     * row and forty answer rows, as the service stored it before (the baseline of earlier rounds).
     */
    private static void baselines(DataSource dataSource, int level, int seconds, Result api, long[] waves, long school,
                                  long versionId) throws Exception {
        // -Duklad.bench.baselines=false: the API only, for alternating A/B runs of two builds or settings
        if (!Boolean.parseBoolean(System.getProperty("uklad.bench.baselines", "true"))) {
            return;
        }
        Result packed = run(level, seconds, n -> insertDirectly(dataSource, waves[n], school, versionId, false));
        print(level, "JDBC", packed, seconds);
        System.out.printf("%-10d %-12s %12s %9.0f%%%n", level, "API/JDBC", "", 100.0 * api.count() / Math.max(1, packed.count()));
        Result rows = run(level, seconds, n -> insertDirectly(dataSource, waves[n], school, versionId, true));
        print(level, "JDBC rows", rows, seconds);
        System.out.printf("%-10d %-12s %12s %9.0f%%%n", level, "API/JDBC rows", "", 100.0 * api.count() / Math.max(1, rows.count()));
    }

    /**
     * The baseline: one response, one transaction, straight through JDBC; its likert answers packed
     * on the response row, as the service stores them, or ({@code asRows}) as forty answer rows.
     */
    static boolean insertDirectly(DataSource dataSource, long wave, long school, long versionId, boolean asRows) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            byte[] packed = new byte[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                packed[i] = (byte) (2 + ThreadLocalRandom.current().nextInt(4)); // 1..4, plus one
            }
            try (PreparedStatement r = c.prepareStatement("INSERT INTO response (id, wave_id, school_id, "
                    + "questionnaire_version_id, group_label, submitted_on, likert_answers, likert_in_rows) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                r.setObject(1, id);
                r.setLong(2, wave);
                r.setLong(3, school);
                r.setLong(4, versionId);
                r.setString(5, "7Б");
                r.setObject(6, LocalDate.now());
                r.setBytes(7, asRows ? null : packed);
                r.setBoolean(8, asRows);
                r.executeUpdate();
            }
            if (!asRows) {
                c.commit();
                return true;
            }
            try (PreparedStatement a = c.prepareStatement("INSERT INTO answer (response_id, item_id, value_int) VALUES (?, ?, ?)")) {
                for (int i = 1; i <= ITEMS; i++) {
                    a.setObject(1, id);
                    a.setString(2, "q" + i);
                    a.setInt(3, 1 + ThreadLocalRandom.current().nextInt(4));
                    a.addBatch();
                }
                a.executeBatch();
            }
            c.commit();
            return true;
        }
    }
}
