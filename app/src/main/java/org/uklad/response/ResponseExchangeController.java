package org.uklad.response;

import org.uklad.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.uklad.school.Schools;
import org.uklad.survey.LoadedQuestionnaire;
import org.uklad.survey.QuestionnaireRegistry;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/** Export of a wave's responses and codebook as CSV, and import of paper responses (administration API). */
@Controller("/api/v1/admin/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ResponseExchangeController {

    static final String CSV = "text/csv;charset=utf-8";

    private final ResponseExchange exchange;
    private final Waves waves;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final AuditLog audit;

    ResponseExchangeController(ResponseExchange exchange, Waves waves, Schools schools, QuestionnaireRegistry questionnaires,
                               AuditLog audit) {
        this.audit = audit;
        this.exchange = exchange;
        this.waves = waves;
        this.schools = schools;
        this.questionnaires = questionnaires;
    }

    /** The version of {@code key} used in the wave. */
    private LoadedQuestionnaire inWave(long waveId, String key) {
        waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        for (Long id : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(id).orElseThrow();
            if (q.key().equals(key)) {
                return q;
            }
        }
        throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("questionnaire", "not-in-wave", String.valueOf(key))));
    }

    private static HttpResponse<String> csv(String body, String fileName) {
        return HttpResponse.ok(body).contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    @Get("/responses.csv")
    HttpResponse<String> responses(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable Long schoolId) {
        LoadedQuestionnaire q = inWave(waveId, questionnaire);
        if (schoolId != null && schools.find(schoolId).isEmpty()) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        String name = "wave-" + waveId + (schoolId == null ? "" : "-school-" + schoolId) + "-" + q.key() + "-v" + q.version() + ".csv";
        String body = exchange.exportResponses(waveId, q, schoolId);
        audit.record(AuditLog.Action.RESPONSES_EXPORTED, "wave " + waveId + (schoolId == null ? "" : ", school " + schoolId), name);
        return csv(body, name);
    }

    @Get("/codebook.csv")
    HttpResponse<String> codebook(@PathVariable long waveId, @QueryValue String questionnaire) {
        LoadedQuestionnaire q = inWave(waveId, questionnaire);
        audit.record(AuditLog.Action.CODEBOOK_EXPORTED, "wave " + waveId, q.key() + " v" + q.version());
        return csv(exchange.exportCodebook(q), "codebook-" + q.key() + "-v" + q.version() + ".csv");
    }

    /** Body: a CSV file in the export layout. All rows are stored, or none. */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    ResponseExchange.ImportReport importPaper(@PathVariable long waveId, @PathVariable long schoolId,
                                              @QueryValue String questionnaire, @Body @Nullable byte[] body) {
        LoadedQuestionnaire q = inWave(waveId, questionnaire);
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body == null ? new byte[0] : body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", "wrong-type", "UTF-8 text")));
        }
        ResponseExchange.ImportReport report = exchange.importResponses(waveId, schoolId, q, text);
        audit.record(AuditLog.Action.RESPONSES_IMPORTED, "wave " + waveId + ", school " + schoolId,
                q.key() + ": " + report.stored() + " stored, " + report.alreadyPresent() + " already present");
        return report;
    }
}
