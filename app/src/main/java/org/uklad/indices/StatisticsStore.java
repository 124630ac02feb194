package org.uklad.indices;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.uklad.system.Jdbc;
import org.uklad.system.ReadReplica;

/**
 * The SQL of {@link WaveStatistics}: the stored per-school statistics of a wave's questionnaire
 * version and their "ready" marker (migration V24).
 */
@Singleton
class StatisticsStore {

    /** States fetched per round trip when a wave's states are read. */
    private static final int FETCH_SIZE = 1000;

    /*
     * The marker and every school's state in one statement, so one snapshot: a marker dropped
     * meanwhile cannot leave a reader with the marker but without the states. In school order, so
     * the pooled sums are added in the same order every time.
     */
    private static final String STATES = """
            SELECT r.plan_key, r.build, s.school_id, s.state FROM school_statistics_ready r
            LEFT JOIN school_statistics s
                ON s.wave_id = r.wave_id AND s.questionnaire_version_id = r.questionnaire_version_id
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ?
            ORDER BY s.school_id""";

    /*
     * The marker, the wave's revision and the states written after a known revision of a known
     * build (every state when the build is another), in one statement, so one snapshot: the states
     * of a wave commit in the order of their revisions (V29), so this sees every state up to the
     * revision it returns and none after it.
     */
    private static final String STATES_SINCE = """
            SELECT r.plan_key, r.build, w.revision, s.school_id, s.state FROM school_statistics_ready r
            JOIN wave_revision w ON w.wave_id = r.wave_id
            LEFT JOIN school_statistics s
                ON s.wave_id = r.wave_id AND s.questionnaire_version_id = r.questionnaire_version_id
                AND s.revision > CASE WHEN r.build = ? THEN ? ELSE -1 END
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ?
            ORDER BY s.school_id""";

    /** Where {@link #readStatesSince} hands what it read. */
    interface StatesSince {
        /**
         * First, once: the build and revision the states are read as of, and whether every
         * school's state follows (another build than the known one) or only those written since.
         */
        void begin(long build, long revision, boolean all);

        /** A school's state. */
        void state(String school, byte[] state);
    }

    private final Jdbc jdbc;
    /**
     * Where a reader reads the states: the read replica when one is configured. The states and the
     * wave's revision are written in the same transaction, so a replica gives both as of one moment.
     */
    private final Jdbc reads;

    StatisticsStore(Jdbc jdbc, ReadReplica replica) {
        this.jdbc = jdbc;
        this.reads = replica.jdbc();
    }

    /**
     * On the readers' source (the replica if configured): if the version's states are ready under
     * {@code planKey}, hands {@code reader} the states written after {@code knownRevision} when
     * they are still of {@code knownBuild}, else every state (see {@link StatesSince}); false, and
     * nothing handed, when they are not ready.
     */
    boolean readStatesSince(long waveId, long versionId, String planKey, long knownBuild, long knownRevision,
                            StatesSince reader) {
        return reads.readOnly(() -> reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(STATES_SINCE, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setLong(1, knownBuild);
                ps.setLong(2, knownRevision);
                ps.setLong(3, waveId);
                ps.setLong(4, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    boolean first = true;
                    while (rs.next()) {
                        if (first) {
                            if (!planKey.equals(rs.getString(1))) {
                                return false;
                            }
                            long build = rs.getLong(2);
                            reader.begin(build, rs.getLong(3), build != knownBuild);
                            first = false;
                        }
                        long school = rs.getLong(4);
                        if (!rs.wasNull()) {
                            reader.state(Long.toString(school), rs.getBytes(5));
                        }
                    }
                    return !first;
                }
            }
        }));
    }

    /**
     * Hands every school's state to {@code states} if the version's states are ready under
     * {@code planKey}, and returns their build; empty (and nothing handed) when they are not.
     * On the primary, inside the caller's transaction (streamed).
     */
    OptionalLong readStates(long waveId, long versionId, String planKey, BiConsumer<String, byte[]> states) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(STATES, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                ps.setLong(1, waveId);
                ps.setLong(2, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    OptionalLong build = OptionalLong.empty();
                    while (rs.next()) {
                        if (build.isEmpty()) {
                            if (!planKey.equals(rs.getString(1))) {
                                return OptionalLong.empty();
                            }
                            build = OptionalLong.of(rs.getLong(2));
                        }
                        long school = rs.getLong(3);
                        if (!rs.wasNull()) {
                            states.accept(Long.toString(school), rs.getBytes(4));
                        }
                    }
                    return build;
                }
            }
        });
    }

    /**
     * The plan key the version's states are ready under, if they are; the marker is share-locked
     * until the caller's transaction ends, so the states cannot be dropped under the caller.
     */
    Optional<String> readyPlan(long waveId, long versionId) {
        return jdbc.one("""
                SELECT plan_key FROM school_statistics_ready
                WHERE wave_id = ? AND questionnaire_version_id = ? FOR KEY SHARE""",
                rs -> rs.getString(1), waveId, versionId);
    }

    /**
     * Waits for the wave's publishers to commit and holds new ones off until the caller's
     * transaction ends: every publisher renews the wave's revision row (V22) in its transaction.
     *
     * @return the wave's revision, which stays until the caller's transaction ends
     */
    long holdPublishers(long waveId) {
        return jdbc.one("SELECT revision FROM wave_revision WHERE wave_id = ? FOR UPDATE", rs -> rs.getLong(1), waveId)
                .orElseThrow();
    }

    /** Drops the version's states and marker: the next reader rebuilds them. */
    void drop(long waveId, long versionId) {
        jdbc.update("DELETE FROM school_statistics_ready WHERE wave_id = ? AND questionnaire_version_id = ?", waveId, versionId);
    }

    /** Marks the version's states ready under {@code planKey}, as a new build (none stored yet: after {@link #drop}). */
    long markReady(long waveId, long versionId, String planKey) {
        return jdbc.one("""
                INSERT INTO school_statistics_ready (wave_id, questionnaire_version_id, plan_key) VALUES (?, ?, ?)
                RETURNING build""", rs -> rs.getLong(1), waveId, versionId, planKey).orElseThrow();
    }

    /** Stores the states of many schools at once (after {@link #markReady}). */
    void insertStates(long waveId, long versionId, List<Long> schoolIds, List<byte[]> states) {
        jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO school_statistics (wave_id, questionnaire_version_id, school_id, state, revision)
                    VALUES (?, ?, ?, ?, (SELECT revision FROM wave_revision WHERE wave_id = ?))""")) {
                for (int i = 0; i < schoolIds.size(); i++) {
                    ps.setLong(1, waveId);
                    ps.setLong(2, versionId);
                    ps.setLong(3, schoolIds.get(i));
                    ps.setBytes(4, states.get(i));
                    ps.setLong(5, waveId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * One school's state, its row locked until the caller's transaction ends (created empty when
     * the school has none yet: an empty state).
     */
    byte[] lockState(long waveId, long versionId, long schoolId) {
        jdbc.update("""
                INSERT INTO school_statistics (wave_id, questionnaire_version_id, school_id, state)
                VALUES (?, ?, ?, ''::bytea) ON CONFLICT DO NOTHING""", waveId, versionId, schoolId);
        return jdbc.one("""
                SELECT state FROM school_statistics
                WHERE wave_id = ? AND questionnaire_version_id = ? AND school_id = ? FOR UPDATE""",
                rs -> rs.getBytes(1), waveId, versionId, schoolId).orElseThrow();
    }

    /**
     * Writes a school's state locked by {@link #lockState}, at the wave's revision as the caller's
     * transaction renewed it (the publisher's response insert did, before this).
     */
    void writeState(long waveId, long versionId, long schoolId, byte[] state) {
        jdbc.update("""
                UPDATE school_statistics SET state = ?, revision = (SELECT revision FROM wave_revision WHERE wave_id = ?)
                WHERE wave_id = ? AND questionnaire_version_id = ? AND school_id = ?""",
                state, waveId, waveId, versionId, schoolId);
    }
}
