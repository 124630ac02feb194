package org.uklad.response;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.uklad.system.FailureThrottle;
import org.uklad.system.Hashes;
import org.uklad.system.Jdbc;
import org.uklad.wave.SurveyAccess;

/**
 * The SQL of storing responses (migration V11 explains the tables): an acknowledged submission
 * is registered in {@code submission_key} and waits sealed in {@code response_held}; publishing
 * writes {@code response} (its likert answers packed on the row, V31) and {@code answer} (the
 * rest). Shared by the respondents' submissions, the paper import and the release
 * ({@link PublishedResponseStore} reads what is published).
 */
@Singleton
class ResponseStore {

    /** Where a response belongs: the unit that is published together (at least k at a time). */
    record Group(long waveId, long schoolId, long versionId, String groupLabel) {}

    /** An earlier submission under the same key: the hash to compare the payload with, and its day. */
    record Prior(String payloadHash, LocalDate submittedOn) {}

    /**
     * What the submission statement did. {@code CODE_REFUSED}: the code took no use, because it has
     * none left, its wave is not open at the submission's time, or it no longer exists.
     * {@code NO_ROOM}: nothing was done, the code guard's check folded into the statement found the
     * client without room ({@link org.uklad.system.CodeCheck}).
     */
    enum Stored { STORED, KEY_TAKEN, CODE_REFUSED, NO_ROOM }

    /**
     * What keeping a submission did, and how many of its group are held with it (the statement's
     * snapshot does not see its own new row, so that is the count before it, plus one). Two
     * submissions of one group committing at once may each miss the other: then the k-th does not
     * publish, and the background step does within {@code uklad.responses.release-interval}.
     */
    record Kept(Stored stored, int held) {}

    private final Jdbc jdbc;
    private final Sealing sealing;

    ResponseStore(Jdbc jdbc, Sealing sealing) {
        this.jdbc = jdbc;
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
                    WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ? AND group_label = ?),
                   (SELECT free FROM room)""";
    /*
     * A code's use is taken only while the wave is open at the submission's time (the caller may
     * start from a remembered read of the code, Waves.resolveRemembered) and, when the code guard
     * handed its check over, while the client has room (%s: the guard's condition, or true).
     */
    private static final String SUBMIT = """
            WITH room AS (SELECT %s AS free),
            taken AS (
                UPDATE access_code SET uses = uses + 1
                WHERE id = ? AND uses < max_uses AND (SELECT free FROM room)
                  AND EXISTS (SELECT 1 FROM wave w WHERE w.id = access_code.wave_id AND w.opens_at <= ? AND ? < w.closes_at)
                RETURNING id),
            """ + KEEP;
    private static final String SUBMIT_OPEN = SUBMIT.formatted("true");
    private static final String SUBMIT_WITH_ROOM = SUBMIT.formatted(FailureThrottle.Room.CONDITION);
    private static final String HOLD = "WITH room AS (SELECT true AS free), taken AS (SELECT 1),\n" + KEEP;

    /**
     * A respondent's submission in a transaction of its own: the code's use, the key and the held
     * answers, or nothing at all (a key registered before gives its use back).
     */
    Kept submit(SurveyAccess access, String key, String fingerprint, LocalDate day, Instant now, List<StoredAnswer> answers,
                FailureThrottle.Room room) {
        Group g = new Group(access.wave().id(), access.code().schoolId(), access.code().questionnaireVersionId(),
                access.code().groupLabel());
        try {
            return jdbc.write(c -> {
                Kept kept = keep(c, access.code().id(), now, room, key, fingerprint, g, day, answers);
                if (kept.stored() == Stored.KEY_TAKEN || kept.stored() == Stored.NO_ROOM) {
                    throw new GiveBack(kept); // rolls the use back; nothing of this attempt stays
                }
                return kept;
            });
        } catch (GiveBack e) {
            return e.kept;
        }
    }

    /** Leaves the submission's transaction so that it rolls back, with what the statement found. */
    private static final class GiveBack extends RuntimeException {
        private final transient Kept kept;

        GiveBack(Kept kept) {
            super(null, null, false, false);
            this.kept = kept;
        }
    }

    /** Registers a key and holds its answers (the paper import); false if the key was registered before. */
    boolean hold(String key, String fingerprint, Group g, LocalDate day, List<StoredAnswer> answers) {
        return jdbc.write(c -> keep(c, null, null, null, key, fingerprint, g, day, answers).stored() == Stored.STORED);
    }

    /** One paper row to hold: its key, its payload's fingerprint, its group and day, its answers. */
    record Paper(String key, String fingerprint, Group group, LocalDate day, List<StoredAnswer> answers) {}

    /*
     * The streamed import's batch: the keys of many rows in one statement and their sealed answers
     * in the same one, joined on the keys that were new (a row imported before keeps its first
     * answers, as with hold). Arrays instead of a JDBC batch: the rewritten batched inserts of the
     * driver do not say which rows a conflict skipped.
     */
    private static final String HOLD_ALL = """
            WITH input AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS date[]), CAST(? AS bigint[]),
                                     CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS bytea[]))
                    AS t(key_hash, payload_hash, day, wave_id, school_id, version_id, group_label, sealed)),
            keyed AS (
                INSERT INTO submission_key (key_hash, payload_hash, submitted_on)
                SELECT key_hash, payload_hash, day FROM input
                ON CONFLICT (key_hash) DO NOTHING
                RETURNING key_hash)
            INSERT INTO response_held (wave_id, school_id, questionnaire_version_id, group_label, submitted_on,
                                       sealing_key_id, sealed)
            SELECT i.wave_id, i.school_id, i.version_id, i.group_label, i.day, ?, i.sealed
            FROM input i JOIN keyed k ON k.key_hash = i.key_hash""";

    /**
     * Registers the keys of many paper rows and holds their answers in one statement (the streamed
     * import's batches, all in the caller's transaction); how many were new. Like {@link #hold}
     * for each row, without a round trip per row.
     */
    int holdAll(List<Paper> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        int n = rows.size();
        String[] keys = new String[n];
        String[] payloads = new String[n];
        String[] days = new String[n];
        Long[] waves = new Long[n];
        Long[] schools = new Long[n];
        Long[] versions = new Long[n];
        String[] labels = new String[n];
        byte[][] sealed = new byte[n][];
        for (int i = 0; i < n; i++) {
            Paper r = rows.get(i);
            Group g = r.group();
            keys[i] = keyHash(r.key());
            payloads[i] = payloadHash(r.key(), r.fingerprint());
            days[i] = r.day().toString();
            waves[i] = g.waveId();
            schools[i] = g.schoolId();
            versions[i] = g.versionId();
            labels[i] = g.groupLabel();
            sealed[i] = sealing.seal(Sealing.where(g.waveId(), g.schoolId(), g.versionId(), g.groupLabel(), r.day()), r.answers());
        }
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(HOLD_ALL)) {
                ps.setArray(1, c.createArrayOf("text", keys));
                ps.setArray(2, c.createArrayOf("text", payloads));
                ps.setArray(3, c.createArrayOf("text", days));
                ps.setArray(4, c.createArrayOf("bigint", waves));
                ps.setArray(5, c.createArrayOf("bigint", schools));
                ps.setArray(6, c.createArrayOf("bigint", versions));
                ps.setArray(7, c.createArrayOf("text", labels));
                ps.setArray(8, c.createArrayOf("bytea", sealed));
                ps.setString(9, sealing.keyId());
                return ps.executeUpdate();
            }
        });
    }

    private Kept keep(Connection c, Long codeId, Instant now, FailureThrottle.Room room, String key, String fingerprint,
                      Group g, LocalDate day, List<StoredAnswer> answers) throws SQLException {
        String sql = codeId == null ? HOLD : room == null ? SUBMIT_OPEN : SUBMIT_WITH_ROOM;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (codeId != null) {
                if (room != null) {
                    for (Object parameter : room.parameters()) {
                        ps.setObject(p++, parameter);
                    }
                }
                OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
                ps.setLong(p++, codeId);
                ps.setObject(p++, at);
                ps.setObject(p++, at);
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
                Stored stored = !rs.getBoolean(4) ? Stored.NO_ROOM : rs.getInt(1) == 0 ? Stored.CODE_REFUSED
                        : rs.getInt(2) == 0 ? Stored.KEY_TAKEN : Stored.STORED;
                return new Kept(stored, rs.getInt(3) + (stored == Stored.STORED ? 1 : 0));
            }
        }
    }

    Optional<Prior> prior(String key) {
        return jdbc.one("SELECT payload_hash, submitted_on FROM submission_key WHERE key_hash = ?",
                rs -> new Prior(rs.getString(1), rs.getObject(2, LocalDate.class)), keyHash(key));
    }

    /** How many submissions of a group wait to be published. */
    int heldCount(Group g) {
        return jdbc.one("""
                SELECT count(*) FROM response_held
                WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ? AND group_label = ?""",
                rs -> rs.getInt(1), g.waveId(), g.schoolId(), g.versionId(), g.groupLabel()).orElseThrow();
    }

    /** Groups (wave, school, version, label) that hold at least {@code k}. */
    List<Group> groupsHolding(int k) {
        return jdbc.list("""
                SELECT wave_id, school_id, questionnaire_version_id, group_label FROM response_held
                GROUP BY 1, 2, 3, 4 HAVING count(*) >= ?""", ResponseStore::group, k);
    }

    /** Schools' questionnaires of closed waves that hold at least {@code k} across their groups (no label). */
    List<Group> closedRemaindersHolding(int k) {
        return jdbc.list("""
                SELECT h.wave_id, h.school_id, h.questionnaire_version_id, NULL FROM response_held h
                JOIN wave w ON w.id = h.wave_id WHERE w.closes_at <= now()
                GROUP BY 1, 2, 3 HAVING count(*) >= ?""", ResponseStore::group, k);
    }

    private static Group group(ResultSet rs) throws SQLException {
        return new Group(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4));
    }

    /** A held submission as claimed for publishing: its group label, day and sealed answers. */
    record Held(String groupLabel, LocalDate day, String sealingKeyId, byte[] sealed) {}

    /*
     * Claims and deletes a group's held rows (or a school's questionnaire's, across its groups, if
     * the group has no label) in one statement, but only if there are at least k of them: fewer
     * stay as they were. Rows another publisher has locked are skipped, not waited for, so
     * publishers never queue behind each other's commit (BENCHMARKS.md, Submissions).
     */
    private static final String CLAIM = """
            WITH claimable AS (
                SELECT id FROM response_held
                WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ? AND (?::text IS NULL OR group_label = ?)
                FOR UPDATE SKIP LOCKED)
            DELETE FROM response_held WHERE id IN (SELECT id FROM claimable) AND (SELECT count(*) FROM claimable) >= ?
            RETURNING group_label, submitted_on, sealing_key_id, sealed""";

    /** The held submissions claimed for one block (deleted in the caller's transaction); empty if fewer than k. */
    List<Held> claim(Group g, int k) {
        return jdbc.list(CLAIM, rs -> new Held(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getBytes(4)),
                g.waveId(), g.schoolId(), g.versionId(), g.groupLabel(), g.groupLabel(), k);
    }

    /**
     * The keys other than {@code keyId} that sealed submissions still held. Static, on the
     * transactions given: {@link Sealing} checks this as it starts, and this store needs Sealing.
     */
    static List<String> sealingKeysOtherThan(TransactionOperations<?> transactions, String keyId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = ((Connection) status.getConnection()).prepareStatement(
                    "SELECT DISTINCT sealing_key_id FROM response_held WHERE sealing_key_id <> ?")) {
                ps.setString(1, keyId);
                List<String> keys = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.add(rs.getString(1));
                    }
                }
                return keys;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** One response to publish: its day, packed likert answers (null if they do not pack) and answers. */
    record Published(LocalDate day, byte[] likertAnswers, List<StoredAnswer> answers) {}

    /*
     * The block's responses in one statement. The version's likert items are recorded first (V31,
     * likert_item: what each packed byte answers), in the same statement and so the same
     * transaction as the first response that needs them; after that the conflict costs a look-up
     * per item and a block, nothing written.
     */
    private static final String PUBLISH_RESPONSES = """
            WITH items AS (
                INSERT INTO likert_item (questionnaire_version_id, position, item_id)
                SELECT ?, i.n - 1, i.item_id FROM unnest(?::text[]) WITH ORDINALITY AS i (item_id, n)
                ON CONFLICT DO NOTHING)
            INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on,
                                  likert_answers, likert_in_rows)
            SELECT u.id, ?, ?, ?, ?, u.day, decode(u.likert, 'hex'), u.likert IS NULL
            FROM unnest(?::uuid[], ?::date[], ?::text[]) WITH ORDINALITY AS u (id, day, likert, n)
            ORDER BY u.n""";

    /**
     * Writes a block of published responses, in the given order, under new random ids: all
     * responses in one statement, all their other answers in another (multiple choices batched),
     * so publishing a block costs a few round trips whatever its size. A response's likert answers
     * are stored only packed, on its row ({@link LikertAnswers}; V31); only if they do not pack
     * are they answer rows, as every other answer is.
     *
     * @param likertItems {@link LikertAnswers#items} of the group's version: the meaning of the packed bytes
     * @param accounted   whether the caller's transaction hands the block to the
     *                    {@link PublishedGroupListener}s (else the database drops the statistics they keep, V24)
     */
    void publish(Group g, String groupLabel, List<String> likertItems, List<Published> block, boolean accounted) {
        int n = block.size();
        UUID[] ids = new UUID[n];
        java.sql.Date[] days = new java.sql.Date[n];
        String[] likert = new String[n];
        List<UUID> answerIds = new ArrayList<>();
        List<StoredAnswer> scalar = new ArrayList<>();
        List<UUID> choiceIds = new ArrayList<>();
        List<StoredAnswer> choices = new ArrayList<>();
        Set<String> packable = Set.copyOf(likertItems);
        boolean anyPacked = false;
        for (int i = 0; i < n; i++) {
            Published p = block.get(i);
            ids[i] = UUID.randomUUID();
            days[i] = java.sql.Date.valueOf(p.day());
            boolean packed = p.likertAnswers() != null;
            anyPacked |= packed;
            likert[i] = packed ? HexFormat.of().formatHex(p.likertAnswers()) : null;
            for (StoredAnswer a : p.answers()) {
                if (packed && packable.contains(a.itemId())) {
                    continue; // stored in the packed answers
                }
                (a.choices() == null ? answerIds : choiceIds).add(ids[i]);
                (a.choices() == null ? scalar : choices).add(a);
            }
        }
        List<String> recorded = anyPacked ? likertItems : List.of();
        jdbc.write(c -> {
            if (accounted) {
                accounted(c);
            }
            try (PreparedStatement ps = c.prepareStatement(PUBLISH_RESPONSES)) {
                Jdbc.bind(c, ps, g.versionId(), recorded, g.waveId(), g.schoolId(), g.versionId(), groupLabel);
                ps.setArray(7, c.createArrayOf("uuid", ids));
                ps.setArray(8, c.createArrayOf("date", days));
                ps.setArray(9, c.createArrayOf("text", likert));
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
            return null;
        });
    }

    /** Tells the database that this transaction's changes to published responses are accounted for (V24). */
    private static void accounted(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('uklad.responses_accounted', 'on', true)")) {
            ps.executeQuery().close();
        }
    }

    /*
     * The responses of one group and one past day published in more than one block (not yet
     * day_shuffled), written again in one random order under new ids; the old rows and their
     * answers go. One step for all of them, by one replica at a time.
     */
    private static final List<String> SHUFFLE = List.of("""
            CREATE TEMP TABLE response_move ON COMMIT DROP AS
            SELECT r.id AS old_id, gen_random_uuid() AS new_id, random() AS rnd
            FROM response r
            WHERE r.submitted_on < ? AND (r.wave_id, r.school_id, r.questionnaire_version_id, r.group_label, r.submitted_on) IN (
                SELECT wave_id, school_id, questionnaire_version_id, group_label, submitted_on
                FROM response WHERE NOT day_shuffled AND submitted_on < ?)""", """
            INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on, likert_answers,
                                  likert_in_rows, day_shuffled)
            SELECT m.new_id, r.wave_id, r.school_id, r.questionnaire_version_id, r.group_label, r.submitted_on, r.likert_answers,
                   r.likert_in_rows, true
            FROM response r JOIN response_move m ON m.old_id = r.id ORDER BY m.rnd""", """
            INSERT INTO answer (response_id, item_id, value_int, value_text, value_choices)
            SELECT m.new_id, a.item_id, a.value_int, a.value_text, a.value_choices
            FROM answer a JOIN response_move m ON m.old_id = a.response_id ORDER BY m.rnd, a.item_id""", """
            DELETE FROM response WHERE id IN (SELECT old_id FROM response_move)""");

    /** Rewrites in random order the groups' days before {@code today} that were published in blocks; returns the responses moved. */
    int shuffleDays(LocalDate today) {
        return jdbc.write(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext('uklad.shuffle-days'))");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            accounted(c); // the same responses again, in another order: no statistic changes (V24)
            int moved = 0;
            for (int i = 0; i < SHUFFLE.size(); i++) {
                try (PreparedStatement ps = c.prepareStatement(SHUFFLE.get(i))) {
                    if (i == 0) {
                        Jdbc.bind(c, ps, today, today);
                    }
                    moved = ps.executeUpdate(); // the last step's count: the rows moved
                }
            }
            return moved;
        });
    }
}
