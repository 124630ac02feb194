package org.uklad.exchange;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.micronaut.security.authentication.Authentication;
import java.io.InputStream;
import java.util.UUID;
import org.uklad.system.LargeUpload;

/** Export of a wave's responses and codebook as CSV, and import of paper responses (administration API). */
@Controller("/api/v1/admin/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ExchangeAdminController {

    private static final String BASE = "/api/v1/admin/waves/";

    private final ExchangeSteps steps;
    private final ImportAnswers answers;

    ExchangeAdminController(ExchangeSteps steps, ImportAnswers answers) {
        this.steps = steps;
        this.answers = answers;
    }

    @Get("/responses.csv")
    HttpResponse<String> responses(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable Long schoolId) {
        return steps.responses(waveId, questionnaire, schoolId);
    }

    @Get("/responses.xlsx")
    @Produces(ExchangeSteps.XLSX)
    HttpResponse<byte[]> workbook(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable Long schoolId,
                                  @QueryValue @Nullable String lang) {
        return steps.workbook(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    /** The responses of the same query as an SPSS syntax file with the data inline. */
    @Get("/responses.sps")
    @Produces(ExchangeSteps.TEXT)
    HttpResponse<String> spss(@PathVariable long waveId, @QueryValue String questionnaire,
                              @QueryValue @Nullable Long schoolId, @QueryValue @Nullable String lang) {
        return steps.spss(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    /** The R script that reads the CSV download of the same query. */
    @Get("/responses.R")
    @Produces(ExchangeSteps.TEXT)
    HttpResponse<String> rScript(@PathVariable long waveId, @QueryValue String questionnaire,
                                 @QueryValue @Nullable Long schoolId, @QueryValue @Nullable String lang) {
        return steps.rScript(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    @Get("/codebook.csv")
    HttpResponse<String> codebook(@PathVariable long waveId, @QueryValue String questionnaire) {
        return steps.codebook(waveId, questionnaire);
    }

    /**
     * Body: a CSV file in the export layout, streamed (up to {@code uklad.imports.max-size}). All
     * rows are stored, or none; waits for a small file, 202 with a {@code Location} for a large one,
     * as the staff API.
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @LargeUpload
    HttpResponse<?> importPaper(HttpRequest<?> request, @Nullable Authentication auth, @PathVariable long waveId,
                                @PathVariable long schoolId, @QueryValue String questionnaire, @QueryValue @Nullable String encoding,
                                @QueryValue @Nullable String groupLabel, @Body @Nullable InputStream body) {
        return answers.accept(request, auth, waveId, schoolId, questionnaire, encoding, groupLabel, body, ImportAnswers.Kind.CSV, BASE);
    }

    /** Body: a workbook whose first sheet is in the export layout. All rows are stored, or none. */
    @Post("/schools/{schoolId}/responses")
    @Consumes(ExchangeSteps.XLSX)
    @LargeUpload
    HttpResponse<?> importWorkbook(HttpRequest<?> request, @Nullable Authentication auth, @PathVariable long waveId,
                                   @PathVariable long schoolId, @QueryValue String questionnaire,
                                   @QueryValue @Nullable String groupLabel, @Body @Nullable InputStream body) {
        return answers.accept(request, auth, waveId, schoolId, questionnaire, null, groupLabel, body, ImportAnswers.Kind.WORKBOOK, BASE);
    }

    /** The state of an import that answered 202 (see the staff API). */
    @Get("/schools/{schoolId}/imports/{id}")
    ImportJobPresenter.ImportStatus importStatus(HttpRequest<?> request, @PathVariable long waveId, @PathVariable long schoolId,
                                                 @PathVariable UUID id) {
        return answers.status(request, waveId, schoolId, id);
    }
}
