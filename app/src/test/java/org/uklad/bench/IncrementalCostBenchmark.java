package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.uklad.indices.IndicesService;
import org.uklad.response.LikertAnswersBackfill;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * A live wave's index costs against its size (issue #21, incremental statistics; a benchmark, not a
 * test). Waves of {@link IndicesBenchmark}'s questionnaire and data generator (40 items) are
 * generated: per multiplier m, {@code 10·m} schools of 300 responses each, and (with
 * {@code -Duklad.bench.responses=true}) instead 10 schools of {@code 300·m} responses each; then per
 * wave, timed:
 * <ul>
 *   <li>build: the first read, which reads every answer once and stores each school's state
 *       (what every read cost before);</li>
 *   <li>publish: the k-th submission of a group through the respondents' API and the group's
 *       publication, which adds it to its school's stored state in the same transaction (the
 *       service's publisher does it just after the answer; the client waits for it);</li>
 *   <li>read: the indices right after that publication (the cache is stale): every school's state
 *       merged, no answer read.</li>
 * </ul>
 * Arguments: {@code [iterations] [multipliers...]}, default {@code 5 1 10}. Medians are printed.
 */
public final class IncrementalCostBenchmark {

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int[] multipliers = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10};
        Path data = Files.createTempDirectory("uklad-incremental-cost-bench");
        try (ApplicationContext app = BenchSupport.start(data, Map.of())) {
            DataSource dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                    .unwrapDataSource(app.getBean(DataSource.class));
            IndicesService indices = app.getBean(IndicesService.class);
            List<long[]> waves = new ArrayList<>();
            if (Boolean.getBoolean("uklad.bench.responses")) {
                generateResponses(app, dataSource, multipliers, waves);
            } else {
                IndicesBenchmark.generateAll(app, dataSource, multipliers, waves);
            }
            app.getBean(LikertAnswersBackfill.class).fill();
            Http http = new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class), () -> app.getBean(org.uklad.response.ResponseRelease.class).awaitPublished(java.time.Duration.ofMinutes(1)));
            Fixture fixture = new Fixture(http);
            long school;
            try (Connection c = dataSource.getConnection()) {
                school = IndicesBenchmark.single(c, "SELECT min(id) FROM school");
            }
            Random random = new Random(21);
            warmUp(indices, fixture, http, waves.getFirst()[1], school, random);
            System.out.printf("%-6s %8s %10s %10s %12s %10s%n", "size", "schools", "responses", "build ms", "publish ms", "read ms");
            for (long[] w : waves) {
                long wave = w[1];
                String code = fixture.codes(wave, school, "bench5x8", "живые", 1, 10_000).getFirst(); // the cache is stale
                long build = build(dataSource, indices, wave);
                long[] publish = new long[iterations];
                long[] read = new long[iterations];
                for (int i = 0; i < iterations; i++) {
                    publish[i] = group(http, code, random);
                    long t0 = System.nanoTime();
                    indices.compute(wave);
                    read[i] = (System.nanoTime() - t0) / 1_000;
                }
                System.out.printf("%-6s %8d %10d %10d %12.1f %10.1f   (publish/read µs: %s / %s)%n", w[0] + "×",
                        schools(dataSource, wave), w[2], build, median(publish) / 1000.0,
                        median(read) / 1000.0, Arrays.toString(publish), Arrays.toString(read));
            }
        } finally {
            BenchSupport.delete(data);
        }
    }

    /** One wave per multiplier: the same 10 schools with {@code 300·m} responses each. */
    private static void generateResponses(ApplicationContext app, DataSource dataSource, int[] multipliers,
                                          List<long[]> waves) throws java.sql.SQLException {
        IndicesBenchmark.generateAll(app, dataSource, new int[] {1}, waves); // the questionnaire, the schools, 1×
        waves.clear();
        Fixture fixture = new Fixture(new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class)));
        List<Long> schools = new ArrayList<>();
        long versionId;
        try (Connection c = dataSource.getConnection()) {
            versionId = IndicesBenchmark.single(c, "SELECT id FROM questionnaire_version WHERE questionnaire_key = 'bench5x8'");
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM school ORDER BY id LIMIT 10")) {
                while (rs.next()) {
                    schools.add(rs.getLong(1));
                }
            }
        }
        for (int m : multipliers) {
            long wave = fixture.wave(java.time.Instant.now().minusSeconds(3600), java.time.Instant.now().plusSeconds(86_400), "bench5x8");
            long[] counts = IndicesBenchmark.generate(dataSource, wave, versionId, schools, IndicesBenchmark.PER_SCHOOL * m);
            waves.add(new long[] {m, wave, counts[0], counts[1], 0});
        }
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            s.execute("VACUUM ANALYZE response");
            s.execute("VACUUM ANALYZE answer");
        }
    }

    private static long schools(DataSource dataSource, long wave) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection()) {
            return IndicesBenchmark.single(c, "SELECT count(DISTINCT school_id) FROM response WHERE wave_id = " + wave);
        }
    }

    private static void warmUp(IndicesService indices, Fixture fixture, Http http, long wave, long school, Random random) {
        indices.compute(wave);
        String code = fixture.codes(wave, school, "bench5x8", "разогрев", 1, 10_000).getFirst();
        for (int i = 0; i < 20; i++) {
            group(http, code, random);
            indices.compute(wave);
        }
    }

    /** Drops the wave's stored statistics, as after an upgrade, and times the read that builds them again (ms). */
    static long build(DataSource dataSource, IndicesService indices, long wave) throws java.sql.SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM school_statistics_ready WHERE wave_id = ?")) {
            ps.setLong(1, wave);
            ps.executeUpdate();
        }
        long t0 = System.nanoTime();
        indices.compute(wave);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Sends k submissions with the code; returns the k-th one's time in µs (it publishes the group). */
    static long group(Http http, String code, Random random) {
        long last = 0;
        for (int r = 0; r < Fixture.K; r++) {
            Map<String, Object> answers = new LinkedHashMap<>();
            for (int q = 1; q <= IndicesBenchmark.CONSTRUCTS.size() * IndicesBenchmark.ITEMS_PER_CONSTRUCT; q++) {
                answers.put("q" + q, 1 + random.nextInt(4));
            }
            String body = http.toJson(Map.of("answers", answers));
            long t0 = System.nanoTime();
            Http.Response response = http.postJson("/api/v1/surveys/" + code + "/responses", body,
                    "Idempotency-Key", UUID.randomUUID().toString());
            last = (System.nanoTime() - t0) / 1_000;
            if (response.status() != 201) {
                throw new IllegalStateException(response.status() + ": " + response.body());
            }
        }
        return last;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
