package org.uklad.response;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.uklad.system.CodeCheck;
import org.uklad.system.ErrorCode;
import org.uklad.system.Hashes;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.SurveyAccess;
import org.uklad.wave.WaveState;
import org.uklad.wave.Waves;

/**
 * Stores a submission exactly once. The client chooses an idempotency key; the key is unique in
 * the database, so a retry (same key, same answers) gets the original success and never a second
 * response, while the same key with different answers is a conflict. A submission is registered and
 * held, sealed, in one transaction with the use of its code; it is published with its group by
 * {@link ResponseRelease} (at least k at a time), its likert answers packed on the response row
 * ({@link LikertAnswers}) and its other answers as answer rows.
 */
@Context // eager: a bad uklad.responses.concurrent stops the start, not the first submission
public class SubmissionService {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:\\-]{8,128}");

    private final Waves waves;
    private final SubmissionConfiguration configuration;
    private final Clock clock = Clock.systemUTC();
    private final MeterRegistry meters;
    private final Semaphore admission;
    private final ResponseStore store;
    private final ResponseRelease release;

    SubmissionService(Waves waves, SubmissionConfiguration configuration, MeterRegistry meters, ResponseStore store,
                      ResponseRelease release) {
        this.store = store;
        this.release = release;
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
        return submit(typedCode, idempotencyKey, raw, fromForm, null);
    }

    /**
     * @param check the code guard's check of this client, handed over to be made in the storing
     *              statement ({@link CodeCheck}), or null when the guard made it before
     */
    public Receipt submit(String typedCode, String idempotencyKey, Map<String, Object> raw, boolean fromForm,
                          @Nullable CodeCheck check) {
        return counted(() -> {
            checkKey(idempotencyKey);   // before any database work
            // what this replica last read for the code: its uses and wave dates are checked again by the storing statement
            SurveyAccess access = waves.resolveRemembered(typedCode).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
            return store(access, idempotencyKey, raw, fromForm, check);
        });
    }

    /**
     * The same, for a caller that has already resolved the code (the form page needs its
     * questionnaire too), possibly from what this replica last read ({@link Waves#resolveRemembered}).
     */
    public Receipt submit(SurveyAccess access, String idempotencyKey, Map<String, Object> raw, boolean fromForm,
                          @Nullable CodeCheck check) {
        return counted(() -> {
            checkKey(idempotencyKey);
            return store(access, idempotencyKey, raw, fromForm, check);
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
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_MISSING, List.of(FieldError.of("Idempotency-Key", FieldCode.REQUIRED)));
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new ProblemException(ErrorCode.IDEMPOTENCY_KEY_INVALID, List.of(FieldError.of("Idempotency-Key", FieldCode.INVALID_KEY)));
        }
    }

    private Receipt store(SurveyAccess access, String idempotencyKey, Map<String, Object> raw, boolean fromForm,
                          CodeCheck check) {
        AnswerValidator.Outcome outcome = AnswerValidator.validate(access.questionnaire().questionnaire(), raw, fromForm);
        if (!outcome.valid()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, outcome.errors());
        }
        String payload = fingerprint(access, outcome.answers());
        Instant now = Instant.now(clock);
        if (access.wave().stateAt(now) != WaveState.OPEN || access.exhausted()) {
            // a refusal is never made on a remembered read: the wave may have been extended since
            access = fresh(access);
        }
        WaveState state = access.wave().stateAt(now);
        if (state != WaveState.OPEN || access.exhausted()) {
            // A retry of something already stored succeeds even after the wave closed or the code ran out.
            Optional<Receipt> earlier = replay(idempotencyKey, payload);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            throw new ProblemException(refusal(state));
        }
        LocalDate today = LocalDate.now(clock.withZone(configuration.zone()));
        // The common case is one statement and the commit: the key register decides between a new
        // submission and a retry, the code's use is taken in the same statement (and given back
        // when the key was taken).
        ResponseStore.Kept kept = keep(access, idempotencyKey, payload, today, now, outcome.answers(), check);
        ResponseStore.Stored stored = kept.stored();
        if (stored == ResponseStore.Stored.STORED) {
            release.offer(new ResponseStore.Group(access.wave().id(), access.code().schoolId(),
                    access.code().questionnaireVersionId(), access.code().groupLabel()), kept.held());
            return new Receipt("accepted", idempotencyKey, today, false);
        }
        // The key is taken (a retry, or a concurrent twin that won), or the code took no use: it ran
        // out, its wave closed (or moved) or it was deleted since this replica read it.
        Optional<Receipt> earlier = replay(idempotencyKey, payload);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (stored != ResponseStore.Stored.CODE_REFUSED) {
            throw new IllegalStateException("idempotency key vanished");
        }
        SurveyAccess current = fresh(access);
        throw new ProblemException(refusal(current.wave().stateAt(Instant.now(clock))));
    }

    /**
     * The storing statement, with the code guard's check in it when the guard handed one over: while
     * the client has no room nothing is stored, and the check waits as the guard would (429 while
     * the client is blocked) before the statement is tried again.
     */
    private ResponseStore.Kept keep(SurveyAccess access, String idempotencyKey, String payload, LocalDate today,
                                    Instant now, List<StoredAnswer> answers, CodeCheck check) {
        for (int attempt = 1; ; attempt++) {
            ResponseStore.Kept kept = store.submit(access, idempotencyKey, payload, today, now, answers,
                    check == null ? null : check.room());
            if (kept.stored() != ResponseStore.Stored.NO_ROOM) {
                if (check != null) {
                    check.passed();
                }
                return kept;
            }
            if (attempt == ROOM_ATTEMPTS) {   // the client's own guesses keep filling its room: as the guard does
                throw new ProblemException(ErrorCode.TOO_MANY_REQUESTS, 1);
            }
            check.awaitRoom();
        }
    }

    private static final int ROOM_ATTEMPTS = 3;

    /** Why a code whose use was not taken is refused, by its wave's state (an open wave: no use left). */
    private static ErrorCode refusal(WaveState state) {
        return switch (state) {
            case NOT_YET_OPEN -> ErrorCode.WAVE_NOT_OPEN;
            case CLOSED -> ErrorCode.WAVE_CLOSED;
            case OPEN -> ErrorCode.CODE_EXHAUSTED;
        };
    }

    /** The code read again from the database (a deleted code: unknown). */
    private SurveyAccess fresh(SurveyAccess access) {
        return waves.resolve(access.code().code()).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
    }

    private Optional<Receipt> replay(String idempotencyKey, String payload) {
        return store.prior(idempotencyKey).map(prior -> {
            if (!prior.payloadHash().equals(ResponseStore.payloadHash(idempotencyKey, payload))) {
                throw new ProblemException(ErrorCode.IDEMPOTENCY_CONFLICT, List.of(FieldError.of("Idempotency-Key", FieldCode.KEY_REUSED)));
            }
            return new Receipt("accepted", idempotencyKey, prior.submittedOn(), true);
        });
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
        return Hashes.sha256Hex(s.toString());
    }
}
