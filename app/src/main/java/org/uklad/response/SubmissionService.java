package org.uklad.response;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.transaction.TransactionOperations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.survey.LikertAnswers;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.wave.SurveyAccess;
import org.uklad.wave.WaveState;
import org.uklad.wave.Waves;

/**
 * Stores a submission exactly once. The client chooses an idempotency key; the key is unique in
 * the database, so a retry (same key, same answers) gets the original success and never a second
 * response, while the same key with different answers is a conflict. Answers and the response are
 * written in one transaction: all of them or none, with the likert answers also as
 * {@link LikertAnswers} on the response row (for the indices).
 */
@Context // eager: a bad uklad.responses.concurrent stops the start, not the first submission
public class SubmissionService {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

    private final TransactionOperations<Connection> transactions;
    private final Waves waves;
    private final SubmissionConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final Semaphore admission;

    SubmissionService(TransactionOperations<Connection> transactions, Waves waves, SubmissionConfiguration configuration,
                      MeterRegistry meters) {
        this.transactions = transactions;
        this.waves = waves;
        this.configuration = configuration;
        this.meters = meters;
        this.admission = new Semaphore(configuration.concurrentSubmissions(), true);
        // how many submissions wait for their turn right now: the first sign of a database too slow for the load
        meters.gauge("uklad.submissions.waiting", admission, Semaphore::getQueueLength);
    }

    /** Counts submissions by outcome (accepted, replayed, or the catalogue code of a refusal); never by code or school. */
    private void count(String outcome) {
        meters.counter("uklad.submissions", "outcome", outcome).increment();
    }

    /**
     * @param raw      answers by item id, as {@link AnswerValidator} reads them
     * @param fromForm whether the values come from an HTML form (strings)
     * @throws ProblemException for an unknown code, a bad key or answers, a conflict, a closed wave
     */
    public Receipt submit(String typedCode, String idempotencyKey, Map<String, Object> raw, boolean fromForm) {
        return counted(() -> {
            checkKey(idempotencyKey);   // before any database work
            SurveyAccess access = waves.resolve(typedCode).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
            return store(access, idempotencyKey, raw, fromForm);
        });
    }

    /** The same, for a caller that has already resolved the code (the form page needs its questionnaire too). */
    public Receipt submit(SurveyAccess access, String idempotencyKey, Map<String, Object> raw, boolean fromForm) {
        return counted(() -> {
            checkKey(idempotencyKey);
            return store(access, idempotencyKey, raw, fromForm);
        });
    }

    private Receipt counted(java.util.function.Supplier<Receipt> submission) {
        try {
            admit();
            try {
                Receipt receipt = submission.get();
                count(receipt.replayed() ? "replayed" : "accepted");
                return receipt;
            } finally {
                admission.release();
            }
        } catch (ProblemException e) {
            count(e.code().slug());
            throw e;
        }
    }

    /*
     * Submissions reach the database in arrival order, at most uklad.responses.concurrent at a
     * time (default 8 of the pool's 20 connections, so staff pages always find one). Without
     * this, every waiting respondent competes inside the connection pool, which does not serve
     * its waiters in order, and a few wait far longer than the rest (BENCHMARKS.md, Submissions).
     * A submission that cannot start within the pool's own timeout gets 503 with Retry-After, as
     * when the pool is exhausted.
     */
    private void admit() {
        try {
            if (admission.tryAcquire(ADMISSION_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE);
    }

    private static final long ADMISSION_TIMEOUT_MS = 5000;

    private static void checkKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_MISSING, List.of(FieldError.of("Idempotency-Key", "required")));
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_INVALID, List.of(FieldError.of("Idempotency-Key", "invalid-key")));
        }
    }

    private Receipt store(SurveyAccess access, String idempotencyKey, Map<String, Object> raw, boolean fromForm) {
        AnswerValidator.Outcome outcome = AnswerValidator.validate(access.questionnaire().questionnaire(), raw, fromForm);
        if (!outcome.valid()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, outcome.errors());
        }
        String payload = fingerprint(access, outcome.answers());
        WaveState state = access.wave().stateAt(Instant.now(clock));
        if (state != WaveState.OPEN || access.exhausted()) {
            // A retry of something already stored succeeds even after the wave closed or the code ran out.
            Optional<Receipt> earlier = replay(idempotencyKey, payload);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw new ProblemException(state == WaveState.NOT_YET_OPEN ? ErrorCode.WAVE_NOT_OPEN
                    : state == WaveState.CLOSED ? ErrorCode.WAVE_CLOSED : ErrorCode.CODE_EXHAUSTED);
        }
        LocalDate today = LocalDate.now(clock.withZone(configuration.zone()));
        // The common case is one statement and the commit: the unique key decides between a new
        // response and a retry, the code's use is taken in the same statement.
        Stored stored = transactions.executeWrite(status -> {
            Stored outcomeOfStore = storeAtOnce(status.getConnection(), access, idempotencyKey, payload, today, outcome.answers());
            if (outcomeOfStore != Stored.STORED) {
                status.setRollbackOnly(); // give the use back; nothing of this attempt stays
            }
            return outcomeOfStore;
        });
        if (stored == Stored.STORED) {
            return new Receipt("accepted", idempotencyKey, today, false);
        }
        // The key is taken (a retry, or a concurrent twin that won), or the code ran out meanwhile.
        return replay(idempotencyKey, payload).orElseThrow(() -> stored == Stored.CODE_EXHAUSTED
                ? new ProblemException(ErrorCode.CODE_EXHAUSTED)
                : new IllegalStateException("idempotency key vanished"));
    }

    private enum Stored { STORED, KEY_TAKEN, CODE_EXHAUSTED }

    /*
     * One round trip for the whole submission: take a use of the code (the row lock also orders
     * concurrent twins), insert the response unless its key exists, and its scalar answers from
     * arrays. Data-modifying CTEs run on one snapshot and all of them run to completion, so each
     * step is made conditional on the one before. The access_code row belongs to wave/; this is
     * the guarded increment (uses < max_uses) lives here for the round trip it saves.
     */
    private static final String STORE = """
            WITH taken AS (
                UPDATE access_code SET uses = uses + 1 WHERE id = ? AND uses < max_uses RETURNING id),
            stored AS (
                INSERT INTO response (id, idempotency_key, payload_sha256, wave_id, school_id,
                                      questionnaire_version_id, group_label, submitted_on, likert_answers)
                SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? FROM taken
                ON CONFLICT (idempotency_key) DO NOTHING
                RETURNING id),
            answered AS (
                INSERT INTO answer (response_id, item_id, value_int, value_text)
                SELECT stored.id, a.item_id, a.value_int, a.value_text
                FROM stored, unnest(?::text[], ?::int[], ?::text[]) AS a (item_id, value_int, value_text))
            SELECT (SELECT count(*) FROM taken), (SELECT count(*) FROM stored)""";

    private static Stored storeAtOnce(Connection c, SurveyAccess access, String key, String payload, LocalDate day,
                                      List<StoredAnswer> answers) {
        UUID id = UUID.randomUUID();
        try (PreparedStatement ps = c.prepareStatement(STORE)) {
            ps.setLong(1, access.code().id());
            ps.setObject(2, id);
            ps.setString(3, key);
            ps.setString(4, payload);
            ps.setLong(5, access.wave().id());
            ps.setLong(6, access.code().schoolId());
            ps.setLong(7, access.code().questionnaireVersionId());
            ps.setString(8, access.code().groupLabel());
            ps.setObject(9, day);
            ps.setBytes(10, likertAnswers(access.questionnaire().questionnaire(), answers));
            ScalarAnswers scalar = ScalarAnswers.of(c, answers);
            ps.setArray(11, scalar.items());
            ps.setArray(12, scalar.ints());
            ps.setArray(13, scalar.texts());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return Stored.CODE_EXHAUSTED;
                }
                if (rs.getInt(2) == 0) {
                    return Stored.KEY_TAKEN;
                }
            }
            insertChoices(c, id, answers);
            return Stored.STORED;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The likert, number, single-choice and text answers of a response as three parallel arrays. */
    private record ScalarAnswers(Array items, Array ints, Array texts) {

        static ScalarAnswers of(Connection c, List<StoredAnswer> answers) throws SQLException {
            List<StoredAnswer> scalar = answers.stream().filter(a -> a.choices() == null).toList();
            String[] items = new String[scalar.size()];
            Integer[] ints = new Integer[scalar.size()];
            String[] texts = new String[scalar.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = scalar.get(i).itemId();
                ints[i] = scalar.get(i).intValue();
                texts[i] = scalar.get(i).textValue();
            }
            return new ScalarAnswers(c.createArrayOf("text", items), c.createArrayOf("int4", ints), c.createArrayOf("text", texts));
        }
    }

    private Optional<Receipt> replay(String idempotencyKey, String payload) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT payload_sha256, submitted_on FROM response WHERE idempotency_key = ?")) {
                ps.setString(1, idempotencyKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Receipt>empty();
                    }
                    if (!rs.getString(1).equals(payload)) {
                        throw new ProblemException(ErrorCode.IDEMPOTENCY_CONFLICT,
                                List.of(FieldError.of("Idempotency-Key", "key-reused")));
                    }
                    return Optional.of(new Receipt("accepted", idempotencyKey, rs.getObject(2, LocalDate.class), true));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The response's likert answers as {@link LikertAnswers}, written with the response. */
    static byte[] likertAnswers(Questionnaire questionnaire, List<StoredAnswer> answers) {
        Map<String, Integer> values = new HashMap<>();
        for (StoredAnswer a : answers) {
            if (a.intValue() != null) {
                values.put(a.itemId(), a.intValue());
            }
        }
        return LikertAnswers.encode(LikertAnswers.items(questionnaire), values);
    }

    static boolean insertResponse(Connection c, UUID id, String key, String payload, long waveId, long schoolId,
                                  long versionId, String groupLabel, LocalDate day, byte[] likertAnswers) {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO response (id, idempotency_key, payload_sha256, wave_id, school_id,
                                      questionnaire_version_id, group_label, submitted_on, likert_answers)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING""")) {
            ps.setObject(1, id);
            ps.setString(2, key);
            ps.setString(3, payload);
            ps.setLong(4, waveId);
            ps.setLong(5, schoolId);
            ps.setLong(6, versionId);
            ps.setString(7, groupLabel);
            ps.setObject(8, day);
            ps.setBytes(9, likertAnswers);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stores the answers of a response already inserted: the scalar ones in one statement, multiple choices batched. */
    static void insertAnswers(Connection c, UUID responseId, List<StoredAnswer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO answer (response_id, item_id, value_int, value_text)
                SELECT ?, a.item_id, a.value_int, a.value_text
                FROM unnest(?::text[], ?::int[], ?::text[]) AS a (item_id, value_int, value_text)""")) {
            ScalarAnswers scalar = ScalarAnswers.of(c, answers);
            ps.setObject(1, responseId);
            ps.setArray(2, scalar.items());
            ps.setArray(3, scalar.ints());
            ps.setArray(4, scalar.texts());
            ps.executeUpdate();
            insertChoices(c, responseId, answers);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Multiple-choice answers (an array each, so not in the arrays of scalar answers), as one batch. */
    private static void insertChoices(Connection c, UUID responseId, List<StoredAnswer> answers) throws SQLException {
        List<StoredAnswer> multiple = answers.stream().filter(a -> a.choices() != null).toList();
        if (multiple.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO answer (response_id, item_id, value_choices) VALUES (?, ?, ?)")) {
            for (StoredAnswer a : multiple) {
                ps.setObject(1, responseId);
                ps.setString(2, a.itemId());
                ps.setArray(3, c.createArrayOf("text", a.choices().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * SHA-256 over what the submission says and where it belongs (wave, school, version, group),
     * never over the access code: the stored hash must not be able to single out the code used.
     */
    static String fingerprint(SurveyAccess access, List<StoredAnswer> answers) {
        return fingerprint(access.wave().id(), access.code().schoolId(), access.code().questionnaireVersionId(),
                access.code().groupLabel(), answers);
    }

    static String fingerprint(long waveId, long schoolId, long versionId, String groupLabel, List<StoredAnswer> answers) {
        StringBuilder s = new StringBuilder()
                .append(waveId).append('|')
                .append(schoolId).append('|')
                .append(versionId).append('|')
                .append(groupLabel).append('\n');
        answers.stream().map(StoredAnswer::canonical).sorted().forEach(a -> s.append(a).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
