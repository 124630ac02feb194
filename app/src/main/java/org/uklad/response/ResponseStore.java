package org.uklad.response;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.uklad.system.Hashes;
import org.uklad.wave.SurveyAccess;

/**
 * The SQL of storing responses (migration V11 explains the tables): an acknowledged submission
 * is registered in {@code submission_key} and waits sealed in {@code response_held}; publishing
 * writes {@code response} and {@code answer}. Shared by the respondents' submissions, the paper
 * import and the release.
 */
@Singleton
class ResponseStore {

    /** Where a response belongs: the unit that is published together (at least k at a time). */
    record Group(long waveId, long schoolId, long versionId, String groupLabel) {}

    /** An earlier submission under the same key: the hash to compare the payload with, and its day. */
    record Prior(String payloadHash, LocalDate submittedOn) {}

    enum Stored { STORED, KEY_TAKEN, CODE_EXHAUSTED }

    /**
     * What keeping a submission did, and how many of its group are held with it (the statement's
     * snapshot does not see its own new row, so that is the count before it, plus one). Two
     * submissions of one group committing at once may each miss the other: then the k-th does not
     * publish, and the background step does within {@code uklad.responses.release-interval}.
     */
    record Kept(Stored stored, int held) {}

    private final Sealing sealing;

    ResponseStore(Sealing sealing) {
        this.sealing = sealing;
    }

    /** SHA-256 of the client's idempotency key: the register never holds the key itself. */
    static String keyHash(String idempotencyKey) {
        return Hashes.sha256Hex(idempotencyKey);
    }

    /**
     * SHA-256 of key and payload fingerprint. Keyed by the client's random key, so the register
     * cannot be matched against published answers by anyone who does not hold the key.
     */
    static String payloadHash(String idempotencyKey, String fingerprint) {
        return Hashes.sha256Hex(idempotencyKey + "|" + fingerprint);
    }

    /*
     * One round trip for a submission: take a use of the code (the row lock also orders concurrent
     * twins), register the key unless it exists, and hold the sealed answers. Data-modifying CTEs run
     * on one snapshot and all run to completion, so each step is made conditional on the one before.
     * The access_code row belongs to wave/; the guarded increment (uses < max_uses) is here for the
     * round trip it saves. A paper row takes no code's use: its first step is a constant row.
     */
    private static final String KEEP = """
            keyed AS (
                INSERT INTO submission_key (key_hash, payload_hash, submitted_on)
                SELECT ?, ?, ? FROM taken
                ON CONFLICT (key_hash) DO NOTHING
                RETURNING key_hash),
            held AS (
                INSERT INTO response_held (wave_id, school_id, questionnaire_version_id, group_label, submitted_on,
                                           sealing_key_id, sealed)
                SELECT ?, ?, ?, ?, ?, ?, ? FROM keyed
                RETURNING id)
            SELECT (SELECT count(*) FROM taken), (SELECT count(*) FROM keyed),
                   (SELECT count(*) FROM response_held
                    WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ? AND group_label = ?)""";
    private static final String SUBMIT = """
            WITH taken AS (
                UPDATE access_code SET uses = uses + 1 WHERE id = ? AND uses < max_uses RETURNING id),
            """ + KEEP;
    private static final String HOLD = "WITH taken AS (SELECT 1),\n" + KEEP;

    Kept submit(Connection c, SurveyAccess access, String key, String fingerprint, LocalDate day, List<StoredAnswer> answers) {
        return keep(c, access.code().id(), key, fingerprint, new Group(access.wave().id(), access.code().schoolId(),
                access.code().questionnaireVersionId(), access.code().groupLabel()), day, answers);
    }

    /** Registers a key and holds its answers (the paper import); false if the key was registered before. */
    boolean hold(Connection c, String key, String fingerprint, Group g, LocalDate day, List<StoredAnswer> answers) {
        return keep(c, null, key, fingerprint, g, day, answers).stored() == Stored.STORED;
    }

    private Kept keep(Connection c, Long codeId, String key, String fingerprint, Group g, LocalDate day,
                        List<StoredAnswer> answers) {
        try (PreparedStatement ps = c.prepareStatement(codeId == null ? HOLD : SUBMIT)) {
            int p = 1;
            if (codeId != null) {
                ps.setLong(p++, codeId);
            }
            ps.setString(p++, keyHash(key));
            ps.setString(p++, payloadHash(key, fingerprint));
            ps.setObject(p++, day);
            ps.setLong(p++, g.waveId());
            ps.setLong(p++, g.schoolId());
            ps.setLong(p++, g.versionId());
            ps.setString(p++, g.groupLabel());
            ps.setObject(p++, day);
            ps.setString(p++, sealing.keyId());
            ps.setBytes(p++, sealing.seal(Sealing.where(g.waveId(), g.schoolId(), g.versionId(), g.groupLabel(), day), answers));
            ps.setLong(p++, g.waveId());
            ps.setLong(p++, g.schoolId());
            ps.setLong(p++, g.versionId());
            ps.setString(p, g.groupLabel());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Stored stored = rs.getInt(1) == 0 ? Stored.CODE_EXHAUSTED : rs.getInt(2) == 0 ? Stored.KEY_TAKEN : Stored.STORED;
                return new Kept(stored, rs.getInt(3) + (stored == Stored.STORED ? 1 : 0));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Prior> prior(Connection c, String key) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload_hash, submitted_on FROM submission_key WHERE key_hash = ?")) {
            ps.setString(1, keyHash(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Prior(rs.getString(1), rs.getObject(2, LocalDate.class))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many submissions of a group wait to be published. */
    static int heldCount(Connection c, Group g) {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM response_held
                WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ? AND group_label = ?""")) {
            ps.setLong(1, g.waveId());
            ps.setLong(2, g.schoolId());
            ps.setLong(3, g.versionId());
            ps.setString(4, g.groupLabel());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One response to publish: its day, packed likert answers (null if they do not pack) and answers. */
    record Published(LocalDate day, byte[] likertAnswers, List<StoredAnswer> answers) {}

    /**
     * Writes a block of published responses, in the given order, under new random ids: all
     * responses in one statement, all their scalar answers in another (multiple choices batched),
     * so publishing a block costs a few round trips whatever its size.
     */
    static void publish(Connection c, Group g, String groupLabel, List<Published> block) {
        int n = block.size();
        UUID[] ids = new UUID[n];
        java.sql.Date[] days = new java.sql.Date[n];
        String[] likert = new String[n];
        List<UUID> answerIds = new java.util.ArrayList<>();
        List<StoredAnswer> scalar = new java.util.ArrayList<>();
        List<UUID> choiceIds = new java.util.ArrayList<>();
        List<StoredAnswer> choices = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Published p = block.get(i);
            ids[i] = UUID.randomUUID();
            days[i] = java.sql.Date.valueOf(p.day());
            likert[i] = p.likertAnswers() == null ? null : java.util.HexFormat.of().formatHex(p.likertAnswers());
            for (StoredAnswer a : p.answers()) {
                (a.choices() == null ? answerIds : choiceIds).add(ids[i]);
                (a.choices() == null ? scalar : choices).add(a);
            }
        }
        try {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on, likert_answers)
                    SELECT u.id, ?, ?, ?, ?, u.day, decode(u.likert, 'hex')
                    FROM unnest(?::uuid[], ?::date[], ?::text[]) WITH ORDINALITY AS u (id, day, likert, n)
                    ORDER BY u.n""")) {
                ps.setLong(1, g.waveId());
                ps.setLong(2, g.schoolId());
                ps.setLong(3, g.versionId());
                ps.setString(4, groupLabel);
                ps.setArray(5, c.createArrayOf("uuid", ids));
                ps.setArray(6, c.createArrayOf("date", days));
                ps.setArray(7, c.createArrayOf("text", likert));
                ps.executeUpdate();
            }
            if (!scalar.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO answer (response_id, item_id, value_int, value_text)
                        SELECT a.response_id, a.item_id, a.value_int, a.value_text
                        FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[]) WITH ORDINALITY
                             AS a (response_id, item_id, value_int, value_text, n)
                        ORDER BY a.n""")) {
                    ps.setArray(1, c.createArrayOf("uuid", answerIds.toArray()));
                    ps.setArray(2, c.createArrayOf("text", scalar.stream().map(StoredAnswer::itemId).toArray()));
                    ps.setArray(3, c.createArrayOf("int4", scalar.stream().map(StoredAnswer::intValue).toArray()));
                    ps.setArray(4, c.createArrayOf("text", scalar.stream().map(StoredAnswer::textValue).toArray()));
                    ps.executeUpdate();
                }
            }
            if (!choices.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO answer (response_id, item_id, value_choices) VALUES (?, ?, ?)")) {
                    for (int i = 0; i < choices.size(); i++) {
                        ps.setObject(1, choiceIds.get(i));
                        ps.setString(2, choices.get(i).itemId());
                        Array values = c.createArrayOf("text", choices.get(i).choices().toArray());
                        ps.setArray(3, values);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
