package org.uklad.context;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.uklad.audit.AuditLog;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Jdbc;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Schools' external results per wave (e.g. the mean score of a state exam), the outcome the
 * context/resilience view regresses on the family social context. One number per school and wave
 * with a label saying what it is: a view of {@link ExternalScores}, the wave's chosen outcome (a
 * year, assessment and subject) read from {@code external_score}. Saving one number writes the mean
 * of that score; under another label it makes that label the wave's outcome (assessment
 * {@value ExternalScores#OTHER}, the wave's school year). Every change is audit-logged.
 */
@Singleton
public class ExternalResults {

    /** Largest magnitude accepted: any exam or grade mean fits, a typo of several digits does not. */
    public static final double LIMIT = 100_000;
    public static final int LABEL_MAX = 200;

    /**
     * @param schoolId  the school
     * @param value     the result
     * @param label     what the number is
     * @param updatedAt when it was last saved
     */
    @Serdeable
    public record ExternalResult(long schoolId, double value, String label, Instant updatedAt) {}

    private final ExternalResultStore store;
    private final ExternalScoreStore scores;
    private final Jdbc jdbc;
    private final Waves waves;
    private final Schools schools;
    private final AuditLog audit;

    ExternalResults(ExternalResultStore store, ExternalScoreStore scores, Jdbc jdbc, Waves waves, Schools schools,
                    AuditLog audit) {
        this.store = store;
        this.scores = scores;
        this.jdbc = jdbc;
        this.waves = waves;
        this.schools = schools;
        this.audit = audit;
    }

    /** The results of a wave by school id: the scores of the wave's outcome (none when it has none). */
    public List<ExternalResult> of(long waveId) {
        return store.of(waveId);
    }

    /**
     * Parses a number typed in a form: decimal point or comma, no digit grouping.
     *
     * @return null when the text is not a number (the caller reports it)
     */
    public static Double parse(String text) {
        String s = text == null ? "" : text.strip().replace(',', '.');
        if (!s.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            return null;
        }
        return new BigDecimal(s).doubleValue();
    }

    /**
     * Saves (or replaces) a school's result in a wave: the mean score of the wave's outcome when
     * {@code label} is the outcome's label, else of ({@value ExternalScores#OTHER}, {@code label},
     * the wave's school year), which becomes the wave's outcome.
     *
     * @param value null when missing or not a number (reported as {@code field.number})
     * @throws ProblemException NOT_FOUND for an unknown wave; VALIDATION_FAILED naming each bad field
     */
    public ExternalResult save(long waveId, Long schoolId, Double value, String label) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        if (schoolId == null || schools.find(schoolId).isEmpty()) {
            errors.add(FieldError.of("schoolId", FieldCode.UNKNOWN_REFERENCE, schoolId == null ? "" : schoolId));
        }
        if (value == null || !Double.isFinite(value)) {
            errors.add(FieldError.of("value", FieldCode.NUMBER));
        } else if (value < 0 || value > LIMIT) {
            // a mean score is never negative: external_score keeps 0–100000
            errors.add(FieldError.of("value", FieldCode.RANGE, "0", "100000"));
        }
        String clean = Names.normalise("label", label, LABEL_MAX, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        ExternalScores.Outcome current = scores.outcome(waveId).orElse(null);
        ExternalScores.Outcome outcome = current != null && current.label().equals(clean) ? current
                : new ExternalScores.Outcome(ExternalScores.schoolYear(wave.opensAt()), ExternalScores.OTHER, clean);
        ExternalScore.Key key = new ExternalScore.Key(schoolId, outcome.year(), outcome.assessment(), outcome.subject());
        Instant at = jdbc.inTransaction(() -> {
            if (!outcome.equals(current)) {
                scores.setOutcome(waveId, outcome);
            }
            return scores.saveMean(key, value);
        });
        audit.record(AuditLog.Action.EXTERNAL_RESULT_SAVED, "wave " + waveId + ", school " + schoolId,
                outcome.label() + ": " + value);
        return new ExternalResult(schoolId, value, outcome.label(), at);
    }
}
