package org.uklad.context;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.uklad.audit.AuditLog;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Jdbc;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * Schools' external results over years: per school, year, assessment (ЕГЭ, ОГЭ, ВПР or a regional
 * test) and subject, the mean score, the number of participants and, where given, the share below
 * the pass mark. Imported from a monitoring centre's CSV (all rows or none), or entered and
 * corrected one row at a time; each wave names which of them is its one-number outcome
 * ({@link ExternalResults} is a view of it). Every change is audit-logged. Coordinators only: the
 * callers check {@code SchoolScope.isCoordinator}.
 */
@Singleton
public class ExternalScores {

    /** The assessment of a result entered as one number per wave (and of those V16 moved here). */
    public static final String OTHER = "ИНОЕ";
    /** The assessments written the same way whatever the file's spelling (EGE, егэ → ЕГЭ). */
    static final Map<String, String> KNOWN = Map.of("егэ", "ЕГЭ", "ege", "ЕГЭ", "огэ", "ОГЭ", "oge", "ОГЭ",
            "впр", "ВПР", "vpr", "ВПР", "иное", OTHER);
    public static final int ASSESSMENT_MAX = 100;
    public static final int SUBJECT_MAX = 200;
    public static final double MEAN_MAX = 100_000;
    public static final int PARTICIPANTS_MAX = 1_000_000;

    /** A wave's outcome: which year, assessment and subject the one number per school is. */
    @Serdeable
    public record Outcome(int year, String assessment, String subject) {

        /** What the number is, as the overview labels it. */
        public String label() {
            return OTHER.equals(assessment) ? subject : assessment + ", " + subject + ", " + year;
        }
    }

    /** Outcome of an import: rows in the file, how many were added and how many replaced stored ones. */
    @Serdeable
    public record ImportReport(int rows, int added, int replaced) {}

    private final ExternalScoreStore store;
    private final Schools schools;
    private final Waves waves;
    private final Jdbc jdbc;
    private final AuditLog audit;

    ExternalScores(ExternalScoreStore store, Schools schools, Waves waves, Jdbc jdbc, AuditLog audit) {
        this.store = store;
        this.schools = schools;
        this.waves = waves;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The scores matching every filter given (null or blank: any; the subject in any case). */
    public List<ExternalScore> find(@Nullable String municipality, @Nullable Long schoolId, @Nullable Integer year,
                                    @Nullable String assessment, @Nullable String subject) {
        String a = blankAsNull(assessment);
        return store.find(blankAsNull(municipality), schoolId, year, a == null ? null : KNOWN.getOrDefault(a.toLowerCase(Locale.ROOT), a),
                blankAsNull(subject));
    }

    public Optional<ExternalScore> find(ExternalScore.Key key) {
        return store.find(key);
    }

    /** The years stored, newest first, and the assessments, for filters. */
    public List<Integer> years() {
        return store.years();
    }

    public List<String> assessments() {
        return store.assessments();
    }

    /**
     * Imports a monitoring centre's CSV (format: docs/external-results.md): every row valid and
     * stored, or none. A row of a school, year, assessment and subject already stored replaces it.
     *
     * @throws ProblemException VALIDATION_FAILED naming each problem by line and column
     */
    public ImportReport importCsv(String text) {
        List<School> all = schools.all();
        ExternalScoresCsv.Read read = ExternalScoresCsv.read(text, id -> schools.find(id),
                (municipality, name) -> all.stream().filter(s -> ExternalScoresCsv.nameKey(s.municipality())
                        .equals(ExternalScoresCsv.nameKey(municipality)) && ExternalScoresCsv.nameKey(s.name())
                        .equals(ExternalScoresCsv.nameKey(name))).findFirst());
        if (!read.errors().isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, read.errors());
        }
        int added = jdbc.inTransaction(() -> {
            int n = 0;
            for (ExternalScoresCsv.Row row : read.rows()) {
                n += store.save(row.key(), row.meanScore(), row.participants(), row.belowPassShare()) ? 1 : 0;
            }
            return n;
        });
        ImportReport report = new ImportReport(read.rows().size(), added, read.rows().size() - added);
        audit.record(AuditLog.Action.EXTERNAL_SCORES_IMPORTED, "external scores",
                report.rows() + " rows: " + report.added() + " added, " + report.replaced() + " replaced");
        return report;
    }

    /**
     * Saves one score (adds or corrects it) from a form or the API: texts as typed.
     *
     * @throws ProblemException VALIDATION_FAILED naming each bad field
     */
    public ExternalScore save(@Nullable String schoolId, @Nullable String year, @Nullable String assessment,
                              @Nullable String subject, @Nullable String meanScore, @Nullable String participants,
                              @Nullable String belowPassShare) {
        List<FieldError> errors = new ArrayList<>();
        Long school = schoolId != null && schoolId.strip().matches("\\d{1,18}")
                ? schools.find(Long.parseLong(schoolId.strip())).map(School::id).orElse(null) : null;
        if (school == null) {
            errors.add(FieldError.of("schoolId", FieldCode.UNKNOWN_REFERENCE, schoolId == null ? "" : schoolId));
        }
        Integer y = year("year", year, errors);
        String a = assessment("assessment", assessment, errors);
        String s = subject("subject", subject, errors);
        Double mean = meanScore("meanScore", meanScore, errors);
        Integer n = participants("participants", participants, errors);
        Double share = share("belowPassShare", belowPassShare, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        ExternalScore.Key key = new ExternalScore.Key(school, y, a, s);
        boolean added = store.save(key, mean, n, share);
        audit.record(AuditLog.Action.EXTERNAL_SCORE_SAVED, describe(key), (added ? "added: " : "replaced: ") + mean
                + ", " + n + " participants" + (share == null ? "" : ", below pass " + share));
        return store.find(key).orElseThrow();
    }

    /**
     * Deletes one score.
     *
     * @throws ProblemException NOT_FOUND when there is no such score
     */
    public void delete(ExternalScore.Key key) {
        if (!store.delete(key)) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        audit.record(AuditLog.Action.EXTERNAL_SCORE_DELETED, describe(key), "");
    }

    /** The outcome chosen for a wave, if any. */
    public Optional<Outcome> outcome(long waveId) {
        return store.outcome(waveId);
    }

    /** Every wave's outcome by wave id. */
    public Map<Long, Outcome> outcomes() {
        return store.outcomes();
    }

    /**
     * Chooses which year, assessment and subject is the wave's one-number outcome.
     *
     * @throws ProblemException NOT_FOUND for an unknown wave; VALIDATION_FAILED naming each bad field
     */
    public Outcome chooseOutcome(long waveId, @Nullable String year, @Nullable String assessment, @Nullable String subject) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        Integer y = year("year", year, errors);
        String a = assessment("assessment", assessment, errors);
        String s = OTHER.equals(a) ? Names.normalise("subject", subject, SUBJECT_MAX, errors) : subject("subject", subject, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Outcome outcome = new Outcome(y, a, s);
        store.setOutcome(waveId, outcome);
        audit.record(AuditLog.Action.WAVE_OUTCOME_CHOSEN, "wave " + waveId, outcome.label());
        return outcome;
    }

    /** The school year a moment falls in, by the year it began (a school year begins on 1 September, UTC). */
    public static int schoolYear(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return t.getMonthValue() < 9 ? t.getYear() - 1 : t.getYear();
    }

    private static String describe(ExternalScore.Key key) {
        return "school " + key.schoolId() + ", " + key.year() + ", " + key.assessment() + ", " + key.subject();
    }

    private static String blankAsNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- one field each, as typed (a form, the API or a cell of the file) ----

    static Integer year(String field, @Nullable String text, List<FieldError> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        if (!t.matches("\\d{1,4}") || Integer.parseInt(t) < 2000 || Integer.parseInt(t) > 2100) {
            errors.add(FieldError.of(field, FieldCode.RANGE, "2000", "2100"));
            return null;
        }
        return Integer.parseInt(t);
    }

    /** ЕГЭ, ОГЭ, ВПР however spelt, any other (a regional test) as typed. */
    static String assessment(String field, @Nullable String text, List<FieldError> errors) {
        String name = Names.normalise(field, text, ASSESSMENT_MAX, errors);
        return KNOWN.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }

    /** A subject in lower case, so that "Математика" and "математика" are one subject. */
    static String subject(String field, @Nullable String text, List<FieldError> errors) {
        return Names.normalise(field, text, SUBJECT_MAX, errors).toLowerCase(Locale.ROOT);
    }

    static Double meanScore(String field, @Nullable String text, List<FieldError> errors) {
        Double v = number(field, text, errors);
        if (v != null && (v < 0 || v > MEAN_MAX)) {
            errors.add(FieldError.of(field, FieldCode.RANGE, "0", "100000"));
            return null;
        }
        return v;
    }

    static Integer participants(String field, @Nullable String text, List<FieldError> errors) {
        String t = text == null ? "" : text.strip().replaceAll("[\\s\u00a0]", "");
        if (t.isEmpty()) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        if (!t.matches("\\d{1,7}([.,]0+)?") || Integer.parseInt(t.split("[.,]")[0]) > PARTICIPANTS_MAX) {
            errors.add(FieldError.of(field, FieldCode.RANGE, "0", String.valueOf(PARTICIPANTS_MAX)));
            return null;
        }
        return Integer.parseInt(t.split("[.,]")[0]);
    }

    /** A share 0–1, or a percent with %; empty: not given (null). */
    static Double share(String field, @Nullable String text, List<FieldError> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        boolean percent = t.endsWith("%");
        Double v = ExternalResults.parse(percent ? t.substring(0, t.length() - 1) : t);
        if (v == null) {
            errors.add(FieldError.of(field, FieldCode.NUMBER));
            return null;
        }
        double share = percent ? v / 100 : v;
        if (share < 0 || share > 1) {
            errors.add(FieldError.of(field, FieldCode.RANGE, percent ? "0 %" : "0", percent ? "100 %" : "1"));
            return null;
        }
        return share;
    }

    private static Double number(String field, @Nullable String text, List<FieldError> errors) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return null;
        }
        Double v = ExternalResults.parse(t);
        if (v == null || !Double.isFinite(v)) {
            errors.add(FieldError.of(field, FieldCode.NUMBER));
            return null;
        }
        return v;
    }
}
