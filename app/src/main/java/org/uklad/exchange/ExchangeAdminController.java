package org.uklad.exchange;

import org.uklad.response.PaperImport;
import io.micronaut.core.annotation.Nullable;
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

/** Export of a wave's responses and codebook as CSV, and import of paper responses (administration API). */
@Controller("/api/v1/admin/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class ExchangeAdminController {

    private final ExchangeSteps steps;

    ExchangeAdminController(ExchangeSteps steps) {
        this.steps = steps;
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

    /** Body: a CSV file in the export layout. All rows are stored, or none. */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    PaperImport.ImportReport importPaper(@PathVariable long waveId, @PathVariable long schoolId,
                                              @QueryValue String questionnaire, @QueryValue @Nullable String encoding,
                                              @QueryValue @Nullable String groupLabel, @Body @Nullable byte[] body) {
        return steps.importPaper(waveId, schoolId, questionnaire, ExchangeSteps.text(body, encoding), groupLabel);
    }

    /** Body: a workbook whose first sheet is in the export layout. All rows are stored, or none. */
    @Post("/schools/{schoolId}/responses")
    @Consumes(ExchangeSteps.XLSX)
    PaperImport.ImportReport importWorkbook(@PathVariable long waveId, @PathVariable long schoolId,
                                            @QueryValue String questionnaire, @QueryValue @Nullable String groupLabel,
                                            @Body @Nullable byte[] body) {
        return steps.importWorkbook(waveId, schoolId, questionnaire, body, groupLabel);
    }
}
