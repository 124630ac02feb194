package org.uklad.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.uklad.response.LikertAnswers;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * The data generator of {@link NationalScaleBenchmark}: waves of up to 40,000 schools and millions
 * of published responses, written set-based in the database in minutes (the generator of
 * {@link IndicesBenchmark} would take about an hour and a half at this size).
 *
 * <p>The rows are the service's own: per response a {@code response} row with its packed likert
 * answers ({@link LikertAnswers}: byte i = answer to {@code q(i+1)} + 1, 0 = not answered; V10) and
 * {@code day_shuffled} set, as published responses are (V11), and one {@code answer} row per answered
 * item with the same value. The packed answers are drawn first (agree4 values
 * {@code round(2.5 + school effect + uniform noise)} clamped to 1..4, the school effect fixed per
 * school in ±0.5, 5 % missing, {@code setseed(0.42)}), and the answer rows are unpacked from them, so
 * the two cannot disagree; {@link #check} compares a sample with {@link LikertAnswers#encode}.
 *
 * <p>What makes it fast: the answers (120 million rows at national size) are written in one
 * {@code INSERT … SELECT} while the answer table's primary key and foreign key are dropped, and both
 * are put back afterwards with their own names and definitions (one sort and one join instead of
 * 120 million random index descents and foreign-key checks), all in one transaction, so the schema
 * is exactly as before or nothing happened; {@code max_wal_size} is raised to 4 GB for the load
 * (ALTER SYSTEM), so the load is not one checkpoint per gigabyte, and set back before measuring ({@link #settle}).
 */
final class NationalScaleData {

    static final String QUESTIONNAIRE = "bench5x8";
    static final int ITEMS = IndicesBenchmark.CONSTRUCTS.size() * IndicesBenchmark.ITEMS_PER_CONSTRUCT;

    private NationalScaleData() {
    }

    /**
     * Imports the questionnaire, adds the largest size's schools and one wave per size (the smaller
     * waves use the first schools), then the responses and their answers; prints each step's time.
     *
     * @return per size {schools, wave id, responses, answers}
     */
    static List<long[]> generate(ApplicationContext app, DataSource dataSource, int[] sizes, int perSchool) throws SQLException {
        long start = System.nanoTime();
        Http http = new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class));
        BenchSupport.importQuestionnaire(http, QUESTIONNAIRE,
                BenchSupport.questionnaire(QUESTIONNAIRE, IndicesBenchmark.CONSTRUCTS, IndicesBenchmark.ITEMS_PER_CONSTRUCT));
        Fixture fixture = new Fixture(http);
        int maxSchools = Arrays.stream(sizes).max().orElseThrow();
        List<long[]> waves = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER SYSTEM SET max_wal_size = '4GB'");
                s.execute("SELECT pg_reload_conf()");
            }
            long versionId = IndicesBenchmark.single(c, "SELECT id FROM questionnaire_version WHERE questionnaire_key = '" + QUESTIONNAIRE + "'");
            c.setAutoCommit(false);
            List<Long> schools = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("INSERT INTO school (name, municipality, category) "
                         + "SELECT 'Школа № ' || n, 'Район ' || (n - 1) / 40 + 1, 'OTHER' "
                         + "FROM generate_series(1, " + maxSchools + ") n RETURNING id")) {
                while (rs.next()) {
                    schools.add(rs.getLong(1));
                }
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("SELECT setseed(0.42)");
            }
            for (int size : sizes) {
                long t0 = System.nanoTime();
                c.commit(); // the wave is made through the API, which must see the schools
                long wave = fixture.wave(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofDays(1)), QUESTIONNAIRE);
                Long[] ids = schools.subList(0, size).toArray(Long[]::new);
                IndicesBenchmark.accessCodes(c, wave, versionId, ids, perSchool);
                long responses = responses(c, wave, versionId, ids, perSchool);
                c.commit();
                waves.add(new long[] {size, wave, responses, 0});
                System.out.printf("  %,6d schools: %,9d responses with packed answers in %,7d ms%n", size, responses, ms(t0));
            }
            long t0 = System.nanoTime();
            long answers = answers(c, waves);
            c.commit();
            System.out.printf("  %,d answer rows unpacked, keys put back in %,d ms%n", answers, ms(t0));
            c.setAutoCommit(true);
            t0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                // now, not in the middle of a timed read: hint bits, the visibility map, the planner's statistics
                s.execute("VACUUM ANALYZE response");
                s.execute("VACUUM ANALYZE answer");
            }
            System.out.printf("  VACUUM ANALYZE in %,d ms%n", ms(t0));
            check(c, waves.stream().mapToLong(w -> w[1]).toArray());
        }
        System.out.printf("generated in %,d s; database size %s%n", ms(start) / 1000, size(dataSource));
        return waves;
    }

    /** One wave's responses, {@code perSchool} per school, with their packed likert answers drawn in SQL. */
    private static long responses(Connection c, long wave, long versionId, Long[] schools, int perSchool) throws SQLException {
        // the subquery names n so that it is drawn again for every response (nothing may cache it per school)
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on,
                                      likert_answers, day_shuffled)
                SELECT gen_random_uuid(), ?, s, ?, 'все', current_date,
                       (SELECT decode(string_agg(CASE WHEN random() < 0.05 OR n < 0 THEN '00'
                                   ELSE '0' || (1 + greatest(1, least(4, round(2.5 + e.effect + (random() - 0.5) * 3)))::int) END,
                                   '' ORDER BY i), 'hex')
                        FROM generate_series(1, ?) i),
                       true
                FROM unnest(?::bigint[]) s, LATERAL (SELECT ((s * 7919) % 101) / 100.0 - 0.5) AS e(effect),
                     generate_series(1, ?) n""")) {
            ps.setLong(1, wave);
            ps.setLong(2, versionId);
            ps.setInt(3, ITEMS);
            ps.setArray(4, c.createArrayOf("bigint", schools));
            ps.setInt(5, perSchool);
            return ps.executeUpdate();
        }
    }

    /** Unpacks the waves' responses into answer rows, the answer table's keys dropped meanwhile; sets each wave's count. */
    private static long answers(Connection c, List<long[]> waves) throws SQLException {
        Map<String, String> keys = new LinkedHashMap<>(); // the primary key first: it is put back first
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                     + "WHERE conrelid = 'answer'::regclass AND contype IN ('p', 'f') ORDER BY contype DESC")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getString(2));
            }
        }
        if (keys.size() != 2) {
            throw new IllegalStateException("expected the answer table's primary and foreign key, found " + keys);
        }
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL maintenance_work_mem = '1GB'"); // the primary key's sort
            s.execute("SET LOCAL work_mem = '256MB'"); // the foreign key's check: one hash join over the answers
            for (String name : keys.keySet()) {
                s.execute("ALTER TABLE answer DROP CONSTRAINT " + name);
            }
        }
        long total = 0;
        for (long[] w : waves) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO answer (response_id, item_id, value_int)
                    SELECT r.id, 'q' || i, get_byte(r.likert_answers, i - 1) - 1
                    FROM response r, generate_series(1, ?) i
                    WHERE r.wave_id = ? AND get_byte(r.likert_answers, i - 1) > 0""")) {
                ps.setInt(1, ITEMS);
                ps.setLong(2, w[1]);
                w[3] = ps.executeUpdate();
                total += w[3];
            }
        }
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> key : keys.entrySet()) {
                long t0 = System.nanoTime();
                s.execute("ALTER TABLE answer ADD CONSTRAINT " + key.getKey() + " " + key.getValue());
                System.out.printf("  %s put back in %,d ms%n", key.getKey(), ms(t0));
            }
        }
        return total;
    }

    /** Compares the packed answers of 500 random generated responses with the service's own packing of their answer rows. */
    static void check(Connection c, long[] waveIds) throws SQLException {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= ITEMS; i++) {
            items.add("q" + i);
        }
        int checked = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT r.likert_answers, (SELECT coalesce(array_agg(a.item_id || '=' || a.value_int), '{}')
                                          FROM answer a WHERE a.response_id = r.id)
                FROM response r WHERE r.wave_id = ANY (?) ORDER BY random() LIMIT 500""")) {
            ps.setArray(1, c.createArrayOf("bigint", Arrays.stream(waveIds).boxed().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Integer> values = new HashMap<>();
                    for (Object pair : (Object[]) rs.getArray(2).getArray()) {
                        String[] kv = pair.toString().split("=");
                        values.put(kv[0], Integer.parseInt(kv[1]));
                    }
                    byte[] stored = rs.getBytes(1);
                    byte[] packed = LikertAnswers.encode(items, values);
                    if (!Arrays.equals(stored, packed)) {
                        throw new IllegalStateException("packed answers " + HexFormat.of().formatHex(stored)
                                + " differ from the answer rows " + values);
                    }
                    checked++;
                }
            }
        }
        if (checked == 0) {
            throw new IllegalStateException("no response sampled to check");
        }
        System.out.printf("  %d sampled responses: packed answers equal the service's packing of their answer rows%n", checked);
    }

    /**
     * Gives the database back PostgreSQL's default {@code max_wal_size} (the generator raised it) and
     * checkpoints, so that the measurements run with the defaults and the 4 GB of WAL kept for the
     * load are recycled; done on every start, as data generated by an earlier run may still carry it.
     */
    static void settle(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM RESET max_wal_size");
            s.execute("SELECT pg_reload_conf()");
            s.execute("CHECKPOINT");
        }
    }

    static String size(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return IndicesBenchmark.text(c, "SELECT pg_size_pretty(pg_database_size(current_database()))");
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
