package org.uklad.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads the real test database directly, to check what was (and was not) stored. */
public final class Database {

    private final DataSource dataSource;
    /** Run before every statement, like {@link Http}'s: the groups earlier submissions completed are published first. */
    private final Runnable settle;

    /** Uses the raw pool, outside any transaction of the application or the test. */
    public Database(DataSource dataSource) {
        this(dataSource, () -> { });
    }

    /** The same, waiting for pending publications before each statement (see {@link AppTest}). */
    public Database(DataSource dataSource, Runnable settle) {
        this.dataSource = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
        this.settle = settle;
    }

    /**
     * A settle step for a service this test cannot reach into (another process or context): waits
     * until no group holds k or more unpublished submissions, i.e. until every group that reached
     * k has been published by its replica's publisher (response/ResponseRelease).
     */
    public static Runnable untilNothingAwaitsPublication(DataSource dataSource, int k) {
        Database raw = new Database(dataSource);
        Object oneAtATime = new Object(); // many clients at once must not open a connection each
        return () -> {
            synchronized (oneAtATime) {
                untilNoGroupAtK(raw, k);
            }
        };
    }

    private static void untilNoGroupAtK(Database raw, int k) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (raw.count("""
                SELECT count(*) FROM (SELECT 1 FROM response_held
                GROUP BY wave_id, school_id, questionnaire_version_id, group_label HAVING count(*) >= ?) g""", k) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("groups of k or more were not published within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Connection connection() throws SQLException {
        settle.run();
        return dataSource.getConnection();
    }

    public long count(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every stored response: published ones and those held until their group reaches k (response/ResponseRelease). */
    public long responses() {
        return count("SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM response_held)");
    }

    /** Whether an idempotency key is registered (the register keeps only its SHA-256). */
    public long keyRegistered(String idempotencyKey) {
        return count("SELECT count(*) FROM submission_key WHERE key_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                idempotencyKey);
    }

    /** Responses of the code's school and wave: published, and held. */
    public long published(String code) {
        return count("SELECT count(*) FROM response r JOIN access_code c ON c.wave_id = r.wave_id AND c.school_id = r.school_id "
                + "AND c.questionnaire_version_id = r.questionnaire_version_id WHERE c.code = ?", code);
    }

    public long held(String code) {
        return count("SELECT count(*) FROM response_held r JOIN access_code c ON c.wave_id = r.wave_id AND c.school_id = r.school_id "
                + "AND c.questionnaire_version_id = r.questionnaire_version_id WHERE c.code = ?", code);
    }

    /**
     * The id of the one published response of the code's school, wave and questionnaire that
     * answered the item (the fillers of {@link Fixture#publish} answer only the grade).
     */
    public String responseWith(String code, String itemId) {
        return string("SELECT r.id::text FROM response r JOIN access_code c ON c.wave_id = r.wave_id AND c.school_id = r.school_id "
                + "AND c.questionnaire_version_id = r.questionnaire_version_id WHERE c.code = ? "
                + "AND EXISTS (SELECT 1 FROM response_answer a WHERE a.response_id = r.id AND a.item_id = ?)", code, itemId);
    }

    /**
     * Stores one response straight into the published tables, as responses stored before
     * publication in blocks of k were (migration V11 keeps them): the only way a group's published
     * figures can rest on fewer than k people, which is what the small-group rules still guard.
     * Answers: Integer for a number or scale point, String for a choice or text, List of String for
     * multiple choices.
     */
    public void storeAsBeforeV11(long waveId, long schoolId, String questionnaireKey, String groupLabel,
                                 Map<String, Object> answers) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on, day_shuffled)
                    SELECT ?, wq.wave_id, ?, wq.questionnaire_version_id, ?, current_date, true
                    FROM wave_questionnaire wq JOIN questionnaire_version v ON v.id = wq.questionnaire_version_id
                    WHERE wq.wave_id = ? AND v.questionnaire_key = ?""")) {
                ps.setObject(1, id);
                ps.setLong(2, schoolId);
                ps.setString(3, groupLabel);
                ps.setLong(4, waveId);
                ps.setString(5, questionnaireKey);
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no version of " + questionnaireKey + " in wave " + waveId);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO answer (response_id, item_id, value_int, value_text, value_choices) VALUES (?, ?, ?, ?, ?)")) {
                for (Map.Entry<String, Object> a : answers.entrySet()) {
                    ps.setObject(1, id);
                    ps.setString(2, a.getKey());
                    ps.setObject(3, a.getValue() instanceof Integer i ? i : null, Types.INTEGER);
                    ps.setObject(4, a.getValue() instanceof String s ? s : null, Types.VARCHAR);
                    ps.setArray(5, a.getValue() instanceof List<?> l ? c.createArrayOf("text", l.toArray()) : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every answer of every published response, rows and packed alike (V31). */
    public long answers() {
        return count("SELECT count(*) FROM response_answer");
    }

    /** Runs an update (used to age sessions or inspect stored state). */
    public int execute(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String string(String sql, Object... params) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * PostgreSQL's plan (EXPLAIN, text) for {@code sql} with {@code params} (lists as text arrays,
     * as the service binds them), made with sequential scans discouraged (see {@link QueryPlans}).
     */
    public String plan(String sql, Object... params) {
        try (Connection c = connection()) {
            try (var off = c.createStatement()) {
                off.execute("SET enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
                org.uklad.system.Jdbc.bind(c, ps, params);
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            } finally {
                try (var reset = c.createStatement()) {
                    reset.execute("RESET enable_seqscan");   // the connection goes back to the pool
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
