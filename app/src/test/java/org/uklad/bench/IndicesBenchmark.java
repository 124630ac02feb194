package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.uklad.indices.IndicesService;
import org.uklad.indices.IndicesStore;
import org.uklad.indices.WaveIndices;
import org.uklad.response.LikertAnswersBackfill;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Indices from the database at municipality to region scale (a benchmark, not a test).
 *
 * <p><b>Data generator.</b> A 40-item student questionnaire ({@code bench5x8}: five level constructs
 * of the catalogue, eight agree4 items each) is imported through the admin API. For each size
 * multiplier m one wave gets {@code 10·m} schools with {@value #PER_SCHOOL} responses each (1× = a
 * municipality of 10 schools and 3,000 responses; 100× = a region of 1,000 schools and 300,000
 * responses, 12 million answer rows), written straight into the schema by set-based
 * {@code INSERT … SELECT} over {@code generate_series} in the database (no per-row round trips):
 * one access code per school, the responses, and per response and item an answer 1..4 drawn from
 * {@code round(2.5 + school effect + uniform noise)} with 5% of answers missing (no row); the
 * school effect is fixed per school ({@code ±0.5}), the noise from {@code random()} after
 * {@code setseed(0.42)}. Then {@code VACUUM ANALYZE}, so no timed read pays for hint bits. The
 * responses' packed likert answers are filled in from the answer rows by
 * {@link LikertAnswersBackfill}, as a running service fills in responses stored before they existed.
 *
 * <p><b>Timed, per wave, in the same run</b> (median of the iterations after one warm-up round):
 * <ul>
 *   <li>scan: one plain SQL aggregate over the same answers
 *       ({@code count}, {@code avg} per school and item over the response–answer join);</li>
 *   <li>stream: the rows {@link IndicesService} reads (the same query: one row per response with its
 *       packed likert answers), fetched and discarded;</li>
 *   <li>indices: {@link IndicesService#compute(long)} from the database, every school index,
 *       pooled figures and ICC. Its cache is made stale first by adding one access code to the
 *       wave (the cache revalidates by the wave's revision) and the wave's stored statistics are
 *       dropped (V24), so each call reads every answer and stores the schools' states again.</li>
 * </ul>
 * Arguments: {@code [iterations] [multipliers...]}, default {@code 3 1 10 100}; 0 iterations only
 * generates. With {@code -Duklad.bench.data=DIR} the database lives in DIR and is kept: the first run
 * generates into it (and writes {@code DIR/waves.txt}), later runs reuse it and skip the generator
 * (minutes at 100×). See BENCHMARKS.md.
 */
public final class IndicesBenchmark {

    static final int PER_SCHOOL = 300;
    static final int SCHOOLS_PER_MUNICIPALITY = 10;
    static final List<String> CONSTRUCTS = List.of("teacher_demandingness", "awareness_of_requirements", "comfort", "engagement",
            "family_partnership");
    static final int ITEMS_PER_CONSTRUCT = 8;

    private static final String SCAN = """
            SELECT r.school_id, a.item_id, count(*), avg(a.value_int)
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ?
            GROUP BY r.school_id, a.item_id""";

    /** The query of IndicesService: one row per response, its packed likert answers. */
    private static final String STREAM = IndicesStore.PACKED_RESPONSES;

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] multipliers = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 10, 100};
        String kept = System.getProperty("uklad.bench.data");
        Path data = kept != null ? Path.of(kept) : Files.createTempDirectory("uklad-indices-bench");
        Path manifest = data.resolve("waves.txt");
        boolean reuse = Files.exists(manifest);
        try {
            try (ApplicationContext app = BenchSupport.start(data, Map.of())) {
                DataSource dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                        .unwrapDataSource(app.getBean(DataSource.class));
                IndicesService indices = app.getBean(IndicesService.class);
                List<long[]> waves = new ArrayList<>();   // {multiplier, wave id, responses, answers, load ms}
                if (reuse) {
                    for (String line : Files.readAllLines(manifest)) {
                        waves.add(Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray());
                    }
                    waves.removeIf(w -> Arrays.stream(multipliers).noneMatch(m -> m == w[0]));
                    System.out.println("reusing the generated data in " + data);
                } else {
                    generateAll(app, dataSource, multipliers, waves);
                    if (kept != null) {
                        Files.write(manifest, waves.stream().map(w -> String.join(" ",
                                Arrays.stream(w).mapToObj(Long::toString).toList())).toList());
                    }
                }
                // Generated rows (and data kept from before packed answers existed) get their packed likert answers
                // the way a running service fills in old responses: LikertAnswersBackfill, from the answers.
                // (fill() waits for the fill the service starts by itself, which does the work on reused data)
                long f0 = System.nanoTime();
                app.getBean(LikertAnswersBackfill.class).fill();
                System.out.printf("packed likert answers filled in (or found complete) after %,d ms%n", (System.nanoTime() - f0) / 1_000_000);
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                    s.execute("VACUUM ANALYZE response");
                }
                long versionId;
                long anySchool;
                try (Connection c = dataSource.getConnection()) {
                    versionId = single(c, "SELECT id FROM questionnaire_version WHERE questionnaire_key = 'bench5x8'");
                    anySchool = single(c, "SELECT min(id) FROM school");
                }
                for (long[] w : waves) {
                    System.out.printf("generated %4d× : %5d schools, %,8d responses, %,11d answers in %,7d ms%n",
                            w[0], w[0] * SCHOOLS_PER_MUNICIPALITY, w[2], w[3], w[4]);
                }
                if (iterations == 0) {
                    return; // generate (and keep) only
                }
                // warm-up round (JIT, buffers) on the smallest wave
                measure(dataSource, indices, waves.getFirst()[1], versionId, anySchool);
                System.out.printf("%-6s %8s %10s %10s %10s %10s %8s%n", "size", "schools", "responses", "scan ms", "stream ms",
                        "indices ms", "ratio");
                for (long[] w : waves) {
                    List<long[]> runs = new ArrayList<>();
                    for (int i = 0; i < iterations; i++) {
                        runs.add(measure(dataSource, indices, w[1], versionId, anySchool));
                    }
                    long scan = median(runs, 0);
                    long stream = median(runs, 1);
                    long computed = median(runs, 2);
                    System.out.printf("%-6s %8d %10d %10d %10d %10d %7.2f×   (all runs scan/stream/indices ms: %s)%n",
                            w[0] + "×", w[0] * SCHOOLS_PER_MUNICIPALITY, w[2], scan, stream, computed,
                            computed / (double) Math.max(1, scan), describe(runs));
                }
            }
        } finally {
            if (kept == null) {
                BenchSupport.delete(data);
            }
        }
    }

    /** Imports the questionnaire, adds the schools and one generated wave per multiplier, then VACUUM ANALYZE. */
    static void generateAll(ApplicationContext app, DataSource dataSource, int[] multipliers, List<long[]> waves)
            throws SQLException {
        EmbeddedServer server = app.getBean(EmbeddedServer.class);
        Http http = new Http(server.getURI(), app.getBean(JsonMapper.class));
        BenchSupport.importQuestionnaire(http, "bench5x8", BenchSupport.questionnaire("bench5x8", CONSTRUCTS, ITEMS_PER_CONSTRUCT));
        Fixture fixture = new Fixture(http);
        long versionId;
        try (Connection c = dataSource.getConnection()) {
            versionId = single(c, "SELECT id FROM questionnaire_version WHERE questionnaire_key = 'bench5x8'");
        }
        int maxSchools = Arrays.stream(multipliers).max().orElse(1) * SCHOOLS_PER_MUNICIPALITY;
        List<Long> schools = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("INSERT INTO school (name, municipality, category) "
                    + "SELECT 'Школа № ' || n, 'Район ' || (n - 1) / " + SCHOOLS_PER_MUNICIPALITY + " + 1, 'OTHER' "
                    + "FROM generate_series(1, " + maxSchools + ") n RETURNING id")) {
                while (rs.next()) {
                    schools.add(rs.getLong(1));
                }
            }
        }
        for (int m : multipliers) {
            long wave = fixture.wave(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), "bench5x8");
            long t0 = System.nanoTime();
            long[] counts = generate(dataSource, wave, versionId, schools.subList(0, m * SCHOOLS_PER_MUNICIPALITY));
            waves.add(new long[] {m, wave, counts[0], counts[1], (System.nanoTime() - t0) / 1_000_000});
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("VACUUM ANALYZE response");
            s.execute("VACUUM ANALYZE answer");
            System.out.printf("VACUUM ANALYZE: %d ms; database size %s%n", (System.nanoTime() - t0) / 1_000_000,
                    text(c, "SELECT pg_size_pretty(pg_database_size(current_database()))"));
        }
    }

    /** Writes one wave's codes, responses and answers; returns {responses, answers}. */
    static long[] generate(DataSource dataSource, long wave, long versionId, List<Long> schools) throws SQLException {
        return generate(dataSource, wave, versionId, schools, PER_SCHOOL);
    }

    /** The same with {@code perSchool} responses per school. */
    static long[] generate(DataSource dataSource, long wave, long versionId, List<Long> schools, int perSchool)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setseed(0.42)");
            }
            Long[] ids = schools.toArray(Long[]::new);
            accessCodes(c, wave, versionId, ids, perSchool);
            long responses;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on)
                    SELECT gen_random_uuid(), ?, s, ?, 'все', current_date
                    FROM unnest(?::bigint[]) s, generate_series(1, ?) n""")) {
                ps.setLong(1, wave);
                ps.setLong(2, versionId);
                ps.setArray(3, c.createArrayOf("bigint", ids));
                ps.setInt(4, perSchool);
                responses = ps.executeUpdate();
            }
            long answers;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO answer (response_id, item_id, value_int)
                    SELECT r.id, 'q' || i,
                           greatest(1, least(4, round(2.5 + ((r.school_id * 7919) % 101) / 100.0 - 0.5 + (random() - 0.5) * 3)))::int
                    FROM response r, generate_series(1, ?) i
                    WHERE r.wave_id = ? AND random() >= 0.05""")) {
                ps.setInt(1, CONSTRUCTS.size() * ITEMS_PER_CONSTRUCT);
                ps.setLong(2, wave);
                answers = ps.executeUpdate();
            }
            c.commit();
            return new long[] {responses, answers};
        }
    }

    /** A valid access code per school for {@code uses} responses (10 symbols of the code alphabet, derived from wave and school). */
    static void accessCodes(Connection c, long wave, long versionId, Long[] ids, int uses) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO access_code (code, wave_id, school_id, questionnaire_version_id, group_label, max_uses, uses)
                SELECT (SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ',
                               ((k / (31::numeric ^ i)::bigint) % 31)::int + 1, 1), '' ORDER BY i)
                        FROM generate_series(0, 9) i), ?, s, ?, 'все', ?, ?
                FROM unnest(?::bigint[]) s, LATERAL (SELECT ?::bigint * 100000 + s) AS code(k)""")) {
            ps.setLong(1, wave);
            ps.setLong(2, versionId);
            ps.setInt(3, uses);
            ps.setInt(4, uses);
            ps.setArray(5, c.createArrayOf("bigint", ids));
            ps.setLong(6, wave);
            ps.executeUpdate();
        }
    }

    /** One round: {scan ms, stream ms, indices ms}. */
    static long[] measure(DataSource dataSource, IndicesService indices, long wave, long versionId, long anySchool)
            throws SQLException {
        long scan;
        long stream;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            long groups = 0;
            try (PreparedStatement ps = c.prepareStatement(SCAN)) {
                ps.setLong(1, wave);
                ps.setLong(2, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups += rs.getLong(3) > 0 ? 1 : 0;
                    }
                }
            }
            scan = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            long rows = 0;
            try (PreparedStatement ps = c.prepareStatement(STREAM)) {
                ps.setFetchSize(2000);
                ps.setLong(1, wave);
                ps.setLong(2, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getLong(1);
                        rows += rs.getBytes(2).length > 0 ? 1 : 0;
                    }
                }
            }
            stream = (System.nanoTime() - t0) / 1_000_000;
            c.commit();
            if (groups == 0 || rows == 0) {
                throw new IllegalStateException("no data in wave " + wave);
            }
            // make the cached indices of this wave stale: one more access code (no responses)
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO access_code (code, wave_id, school_id, questionnaire_version_id, group_label, max_uses)
                    SELECT (SELECT string_agg(substr('23456789ABCDEFGHJKMNPQRSTUVWXYZ', (random() * 30)::int + 1, 1), '')
                            FROM generate_series(1, 10)), ?, ?, ?, 'ещё', 1""")) {
                ps.setLong(1, wave);
                ps.setLong(2, anySchool);
                ps.setLong(3, versionId);
                ps.executeUpdate();
            }
            // and its stored statistics dropped, so that each call reads every answer (LiveWaveBenchmark times the rest)
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM school_statistics_ready WHERE wave_id = ?")) {
                ps.setLong(1, wave);
                ps.executeUpdate();
            }
            c.commit();
        }
        long t0 = System.nanoTime();
        WaveIndices computed = indices.compute(wave);
        long took = (System.nanoTime() - t0) / 1_000_000;
        if (computed.questionnaires().isEmpty()) {
            throw new IllegalStateException("no indices for wave " + wave);
        }
        return new long[] {scan, stream, took};
    }

    static long median(List<long[]> runs, int column) {
        long[] values = runs.stream().mapToLong(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    static String describe(List<long[]> runs) {
        return String.join(", ", runs.stream().map(r -> r[0] + "/" + r[1] + "/" + r[2]).toList());
    }

    static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
