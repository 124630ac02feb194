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
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * Schools' external results per wave (e.g. the mean score of a state exam), the outcome the
 * context/resilience view regresses on the family social context. One number per school and wave
 * with a label saying what it is; saving again replaces it. Every change is audit-logged.
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
    private final Waves waves;
    private final Schools schools;
    private final AuditLog audit;

    ExternalResults(ExternalResultStore store, Waves waves, Schools schools, AuditLog audit) {
        this.store = store;
        this.waves = waves;
        this.schools = schools;
        this.audit = audit;
    }

    /** The results of a wave by school id. */
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
     * Saves (or replaces) a school's result in a wave.
     *
     * @param value null when missing or not a number (reported as {@code field.number})
     * @throws ProblemException NOT_FOUND for an unknown wave; VALIDATION_FAILED naming each bad field
     */
    public ExternalResult save(long waveId, Long schoolId, Double value, String label) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        if (schoolId == null || schools.find(schoolId).isEmpty()) {
            errors.add(FieldError.of("schoolId", FieldCode.UNKNOWN_REFERENCE, schoolId == null ? "" : schoolId));
        }
        if (value == null || !Double.isFinite(value)) {
            errors.add(FieldError.of("value", FieldCode.NUMBER));
        } else if (Math.abs(value) > LIMIT) {
            errors.add(FieldError.of("value", FieldCode.RANGE, "-100000", "100000"));
        }
        String clean = Names.normalise("label", label, LABEL_MAX, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        ExternalResult saved = store.save(waveId, schoolId, value, clean);
        audit.record(AuditLog.Action.EXTERNAL_RESULT_SAVED, "wave " + waveId + ", school " + schoolId,
                clean + ": " + value);
        return saved;
    }
}
