package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.uklad.indices.IndicesService;
import org.uklad.response.LikertAnswersBackfill;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * A live wave's costs at a region's, ten regions' and the nation's size (issue #21; a benchmark,
 * not a test): whether a new response and a dashboard read cost the same however many schools the
 * wave has, and what the statistics take in memory.
 *
 * <p>Data ({@link NationalScaleData}): one wave per size, by default 1,000, 10,000 and 40,000
 * schools of 75 published responses each (3 million at national size) to the 40-item questionnaire
 * of {@link IndicesBenchmark}, with their answer rows and packed answers as the service stores them.
 *
 * <p>Timed per wave, after warm-up groups: <b>build</b> — the first read after the wave's stored
 * statistics are dropped (every response read once, each school's state stored); then per round
 * <b>publish</b> — the k-th submission of a group through the respondents' API and the publication it
 * sets off (the client waits for the service's publisher), which publishes the
 * group and adds it to its school's stored state; <b>school read</b> — right after it, the indices
 * admin API for that school (HTTP, JSON); then another group and <b>wave read</b> — the wave's
 * indices ({@link IndicesService#compute(long)}, every school, in the app's JVM). Medians are printed
 * with every round. Memory: the app's live heap after a full GC once the wave is cached (all waves
 * stay cached, so the step from one size to the next is the larger wave's share), and the wave's
 * {@code school_statistics} rows and bytes; at the end the table's {@code pg_total_relation_size}
 * after {@code VACUUM FULL} (the builds of earlier runs leave dead rows).
 *
 * <p>Arguments: {@code [rounds] [schools per wave...]}, default {@code 7 1000 10000 40000};
 * {@code -Duklad.bench.per-school=75}. With {@code -Duklad.bench.data=DIR} the database is kept in
 * DIR and reused by later runs with the same sizes ({@code DIR/national.txt}); 0 rounds only
 * generates. See BENCHMARKS.md, "National scale".
 */
public final class NationalScaleBenchmark {

    private static final int WARM_UP_GROUPS = 20;
    private static final int WARM_UP_PER_WAVE = 3;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 10_000, 40_000};
        int perSchool = Integer.getInteger("uklad.bench.per-school", 75);
        String kept = System.getProperty("uklad.bench.data");
        Path data = kept != null ? Path.of(kept) : Files.createTempDirectory("uklad-national-bench");
        Path manifest = data.resolve("national.txt");
        try (ApplicationContext app = BenchSupport.start(data, Map.of())) {
            DataSource dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                    .unwrapDataSource(app.getBean(DataSource.class));
            List<long[]> waves;
            if (Files.exists(manifest)) {
                waves = new ArrayList<>(Files.readAllLines(manifest).stream()
                        .map(l -> Arrays.stream(l.trim().split(" ")).mapToLong(Long::parseLong).toArray()).toList());
                if (waves.stream().mapToLong(w -> w[0]).distinct().count() != sizes.length
                        || Arrays.stream(sizes).anyMatch(s -> waves.stream().noneMatch(w -> w[0] == s))) {
                    throw new IllegalArgumentException(data + " holds waves of " + waves.stream().map(w -> w[0]).toList()
                            + " schools; delete it to generate other sizes");
                }
                System.out.println("reusing the generated data in " + data + " (" + NationalScaleData.size(dataSource) + ")");
            } else {
                waves = NationalScaleData.generate(app, dataSource, sizes, perSchool);
                Files.write(manifest, waves.stream().map(w -> String.join(" ",
                        Arrays.stream(w).mapToObj(Long::toString).toList())).toList());
            }
            app.getBean(LikertAnswersBackfill.class).fill(); // nothing to fill: waits for the service's own look
            NationalScaleData.settle(dataSource);
            if (rounds == 0) {
                return;
            }
            long school;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                // kept waves were opened for a day when generated: keep them open for this run
                s.executeUpdate("UPDATE wave SET closes_at = now() + interval '1 day' WHERE id IN ("
                        + String.join(",", waves.stream().map(w -> Long.toString(w[1])).toList()) + ")");
                school = IndicesBenchmark.single(c, "SELECT min(school_id) FROM response WHERE wave_id = " + waves.getFirst()[1]);
            }
            IndicesService indices = app.getBean(IndicesService.class);
            Http http = new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class), () -> app.getBean(org.uklad.response.ResponseRelease.class).awaitPublished(java.time.Duration.ofMinutes(1)));
            Fixture fixture = new Fixture(http);
            Random random = new Random(21);
            long baseHeap = liveHeap();
            System.out.printf("live heap after a full GC before any wave is read: %,d MB%n", baseHeap >> 20);
            round(indices, http, fixture.codes(waves.getFirst()[1], school, NationalScaleData.QUESTIONNAIRE, "разогрев", 1, 10_000)
                    .getFirst(), waves.getFirst()[1], school, random, WARM_UP_GROUPS);
            List<String> lines = new ArrayList<>();
            long previousHeap = baseHeap;
            for (long[] w : waves) {
                long wave = w[1];
                String code = fixture.codes(wave, school, NationalScaleData.QUESTIONNAIRE, "живые", 1, 10_000).getFirst();
                long build = IncrementalCostBenchmark.build(dataSource, indices, wave);
                round(indices, http, code, wave, school, random, WARM_UP_PER_WAVE);
                long[][] timed = round(indices, http, code, wave, school, random, rounds);
                long heap = liveHeap();
                long[] states = states(dataSource, wave);
                String line = String.format("%,6d %,10d %,9d %,10.1f %,10.1f %,10.1f %,8d %,9d %,8d %,8d", w[0], w[2], build,
                        median(timed[0]) / 1000.0, median(timed[1]) / 1000.0, median(timed[2]) / 1000.0,
                        states[0], states[1] / Math.max(1, states[0]), heap >> 20, (heap - previousHeap) >> 20);
                System.out.printf("%s   (µs, publish: %s; school read: %s; wave read: %s)%n", line,
                        Arrays.toString(timed[0]), Arrays.toString(timed[1]), Arrays.toString(timed[2]));
                lines.add(line);
                previousHeap = heap;
            }
            System.out.printf("%n%6s %10s %9s %10s %10s %10s %8s %9s %8s %8s%n", "schools", "responses", "build ms", "publish ms",
                    "school ms", "wave ms", "states", "B/school", "heap MB", "+heap MB");
            lines.forEach(System.out::println);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM FULL school_statistics");
                System.out.printf("school_statistics after VACUUM FULL: %s (pg_total_relation_size, all %d waves); database %s%n",
                        IndicesBenchmark.text(c, "SELECT pg_size_pretty(pg_total_relation_size('school_statistics'))"),
                        waves.size(), NationalScaleData.size(dataSource));
            }
        } finally {
            if (kept == null) {
                BenchSupport.delete(data);
            }
        }
    }

    /**
     * {@code groups} rounds of: a group published (its k-th submission timed), the school's indices
     * through the admin API, another group, the wave's indices. Returns µs {publish (both groups),
     * school read, wave read}.
     */
    private static long[][] round(IndicesService indices, Http http, String code, long wave, long school, Random random,
                                  int groups) {
        long[] publish = new long[2 * groups];
        long[] schoolRead = new long[groups];
        long[] waveRead = new long[groups];
        String path = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/indices";
        for (int i = 0; i < groups; i++) {
            publish[2 * i] = IncrementalCostBenchmark.group(http, code, random);
            long t0 = System.nanoTime();
            Http.Response read = http.get(path, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
            schoolRead[i] = (System.nanoTime() - t0) / 1_000;
            if (read.status() != 200) {
                throw new IllegalStateException(read.status() + ": " + read.body());
            }
            publish[2 * i + 1] = IncrementalCostBenchmark.group(http, code, random);
            t0 = System.nanoTime();
            if (indices.compute(wave).questionnaires().isEmpty()) {
                throw new IllegalStateException("no indices for wave " + wave);
            }
            waveRead[i] = (System.nanoTime() - t0) / 1_000;
        }
        return new long[][] {publish, schoolRead, waveRead};
    }

    /** The wave's stored statistics: {rows, bytes of state}. */
    private static long[] states(DataSource dataSource, long wave) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*), coalesce(sum(octet_length(state)), 0) FROM school_statistics WHERE wave_id = ?")) {
            ps.setLong(1, wave);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** Used heap after two full collections: what the app holds alive. */
    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            ManagementFactory.getMemoryMXBean().gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
