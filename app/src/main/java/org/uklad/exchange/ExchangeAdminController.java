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

    @Get("/codebook.csv")
    HttpResponse<String> codebook(@PathVariable long waveId, @QueryValue String questionnaire) {
        return steps.codebook(waveId, questionnaire);
    }

    /** Body: a CSV file in the export layout. All rows are stored, or none. */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    PaperImport.ImportReport importPaper(@PathVariable long waveId, @PathVariable long schoolId,
                                              @QueryValue String questionnaire, @Body @Nullable byte[] body) {
        return steps.importPaper(waveId, schoolId, questionnaire, ExchangeSteps.utf8(body));
    }
}
