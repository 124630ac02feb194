package org.uklad.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.uklad.audit.AuditLog;
import org.uklad.response.PaperImport;
import org.uklad.response.ResponseExport;
import org.uklad.school.Schools;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * The steps every exchange endpoint shares (administration API, staff API, staff pages): finding
 * the questionnaire version of the wave, exporting as a download (CSV, Excel workbook, and the
 * SPSS syntax with the data and the R script that reads the CSV) and importing pasted text, each written to the
 * audit log (files of any size go through {@link ImportJobs}). Access checks stay with the callers.
 */
@Singleton
class ExchangeSteps {

    static final String CSV = "text/csv;charset=utf-8";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String TEXT = "text/plain;charset=utf-8";

    private final ResponseExport export;
    private final PaperImport paperImport;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final AuditLog audit;

    ExchangeSteps(ResponseExport export, PaperImport paperImport, Waves waves, Schools schools, QuestionnaireRegistry questionnaires, AuditLog audit) {
        this.export = export;
        this.paperImport = paperImport;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.audit = audit;
    }

    /** The questionnaire versions used in the wave; 404 for an unknown wave. */
    List<LoadedQuestionnaire> used(long waveId) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return waves.questionnaireVersionIds(waveId).stream().map(id -> questionnaires.byId(id).orElseThrow()).toList();
    }

    /** The version of {@code key} used in the wave. */
    LoadedQuestionnaire inWave(long waveId, @Nullable String key) {
        return used(waveId).stream().filter(q -> q.key().equals(key)).findFirst().orElseThrow(() ->
                new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("questionnaire", FieldCode.NOT_IN_WAVE, String.valueOf(key)))));
    }

    void requireSchool(long schoolId) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** One export's questionnaire version, its file name (without extension) and its audit target. */
    private record Export(LoadedQuestionnaire q, String name, String target) {}

    private Export export(long waveId, @Nullable String key, @Nullable Long schoolId) {
        LoadedQuestionnaire q = inWave(waveId, key);
        if (schoolId != null) {
            requireSchool(schoolId);
        }
        return new Export(q, "wave-" + waveId + (schoolId == null ? "" : "-school-" + schoolId) + "-" + q.key() + "-v" + q.version(),
                "wave " + waveId + (schoolId == null ? "" : ", school " + schoolId));
    }

    /** A download: never cached (the admin API is outside the staff filter), saved under its name. */
    private static <T> HttpResponse<T> attachment(T body, String type, String fileName) {
        return HttpResponse.ok(body).contentType(type).header("Cache-Control", "no-store")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    /** The responses of the wave (or of one school) to one questionnaire, as a CSV download. */
    HttpResponse<String> responses(long waveId, @Nullable String key, @Nullable Long schoolId) {
        Export e = export(waveId, key, schoolId);
        String body = export.exportResponses(waveId, e.q(), schoolId);
        audit.record(AuditLog.Action.RESPONSES_EXPORTED, e.target(), e.name() + ".csv");
        return attachment(body, CSV, e.name() + ".csv");
    }

    /** The same responses as an Excel workbook: data, labels in the language asked for, codebook. */
    HttpResponse<byte[]> workbook(long waveId, @Nullable String key, @Nullable Long schoolId, Locale locale) {
        Export e = export(waveId, key, schoolId);
        byte[] body = XlsxWorkbook.of(export.exportResponses(waveId, e.q(), schoolId), export.exportCodebook(e.q()),
                e.q().questionnaire(), locale);
        audit.record(AuditLog.Action.RESPONSES_EXPORTED, e.target(), e.name() + ".xlsx");
        return attachment(body, XLSX, e.name() + ".xlsx");
    }

    /**
     * The responses as an SPSS syntax file with the data inline and every label
     * ({@link SpssSyntax}); it holds the answers, so it is audited as an export.
     */
    HttpResponse<String> spss(long waveId, @Nullable String key, @Nullable Long schoolId, Locale locale) {
        Export e = export(waveId, key, schoolId);
        String body = SpssSyntax.of(e.q().questionnaire(), export.exportResponses(waveId, e.q(), schoolId), Waves.GROUP_LABEL_MAX, locale);
        audit.record(AuditLog.Action.RESPONSES_EXPORTED, e.target(), e.name() + ".sps");
        return attachment(body, TEXT, e.name() + ".sps");
    }

    /** The R script that reads the CSV download of the same wave, school and questionnaire, saved beside it. */
    HttpResponse<String> rScript(long waveId, @Nullable String key, @Nullable Long schoolId, Locale locale) {
        Export e = export(waveId, key, schoolId);
        audit.record(AuditLog.Action.CODEBOOK_EXPORTED, "wave " + waveId, e.name() + ".R");
        return attachment(RReadScript.of(e.q().questionnaire(), e.name() + ".csv", locale), TEXT, e.name() + ".R");
    }

    /** The language of labels in a download: English when asked for, Russian otherwise. */
    static Locale labels(@Nullable String lang) {
        return "en".equals(lang) ? Locale.ENGLISH : Locale.of("ru");
    }

    /** The codebook of one questionnaire of the wave, as a CSV download. */
    HttpResponse<String> codebook(long waveId, @Nullable String key) {
        LoadedQuestionnaire q = inWave(waveId, key);
        audit.record(AuditLog.Action.CODEBOOK_EXPORTED, "wave " + waveId, q.key() + " v" + q.version());
        return attachment(export.exportCodebook(q), CSV, "codebook-" + q.key() + "-v" + q.version() + ".csv");
    }

    /**
     * Imports paper responses, every row in {@code groupLabel} when the file has no
     * {@code group_label} column.
     */
    PaperImport.ImportReport importPaper(long waveId, long schoolId, @Nullable String key, String text, @Nullable String groupLabel) {
        LoadedQuestionnaire q = inWave(waveId, key);
        requireSchool(schoolId);
        PaperImport.ImportReport report = paperImport.importResponses(waveId, schoolId, q, text, groupLabel);
        audit.record(AuditLog.Action.RESPONSES_IMPORTED, "wave " + waveId + ", school " + schoolId,
                q.key() + ": " + report.stored() + " stored, " + report.alreadyPresent() + " already present");
        return report;
    }
}
