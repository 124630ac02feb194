package org.uklad.questionnaire;

import org.uklad.audit.AuditLog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.uklad.questionnaires.SourceFile;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/** Questionnaire versions, and import of custom questionnaire files at run time (administration API). */
@Controller("/api/v1/admin/questionnaires")
@ExecuteOn(TaskExecutors.BLOCKING)
class QuestionnaireAdminController {

    private final QuestionnaireRegistry registry;
    private final AuditLog audit;

    QuestionnaireAdminController(QuestionnaireRegistry registry, AuditLog audit) {
        this.registry = registry;
        this.audit = audit;
    }

    @Get
    List<QuestionnaireSummary> list() {
        return registry.list();
    }

    @Get(value = "/{id}/source", produces = "application/yaml;charset=utf-8")
    String source(@PathVariable long id) {
        return registry.sourceText(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** Body: the YAML file itself ({@code application/yaml} or {@code text/plain}). */
    @Post
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<ImportResult> importFile(@Body String yaml, @QueryValue @Nullable String name) {
        String sourceName = name == null || name.isBlank() ? "uploaded.yaml" : name.strip();
        ImportResult result = registry.importFile(new SourceFile(sourceName, yaml));
        if (result.created()) {
            audit.record(AuditLog.Action.QUESTIONNAIRE_IMPORTED, "questionnaire " + result.key(), "version " + result.version()
                    + " from " + sourceName);
        }
        return HttpResponse.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result);
    }
}
