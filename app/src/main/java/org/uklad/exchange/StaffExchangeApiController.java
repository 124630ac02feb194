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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import org.uklad.account.SchoolScope;

/**
 * Data in and out for staff: a school's responses as CSV (free text included: only coordinators
 * and the school's psychologists get here, directors never), the codebook, the whole wave for
 * coordinators, and the all-or-nothing import of paper responses. The same layout as the
 * administration API; every export and import is audited.
 */
@Controller("/api/v1/staff/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ADMIN", "PSYCHOLOGIST"})
class StaffExchangeApiController {

    private final ExchangeSteps steps;
    private final SchoolScope scope;

    StaffExchangeApiController(ExchangeSteps steps, SchoolScope scope) {
        this.steps = steps;
        this.scope = scope;
    }

    /**
     * The responses of one school to one questionnaire of the wave: one row per response, one
     * column per item, UTF-8 with a byte-order mark. ADMIN any school, PSYCHOLOGIST the assigned
     * schools; DIRECTOR 403.
     *
     * @param questionnaire the questionnaire key (e.g. {@code students})
     */
    @Get("/schools/{schoolId}/responses.csv")
    @Produces(ExchangeSteps.CSV)
    HttpResponse<String> schoolResponses(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                         @QueryValue String questionnaire) {
        scope.requireEdit(auth, schoolId);
        return steps.responses(waveId, questionnaire, schoolId);
    }

    /**
     * The responses of every school of the wave to one questionnaire (ADMIN only).
     *
     * @param questionnaire the questionnaire key
     */
    @Get("/responses.csv")
    @Produces(ExchangeSteps.CSV)
    @Secured("ADMIN")
    HttpResponse<String> waveResponses(@PathVariable long waveId, @QueryValue String questionnaire) {
        return steps.responses(waveId, questionnaire, null);
    }

    /**
     * The same responses as an Excel workbook: a data sheet (numbers as numbers, the day as a
     * date), the answers as labels and the codebook. Access as for the CSV.
     *
     * @param questionnaire the questionnaire key
     * @param lang          {@code en} for English labels, Russian otherwise
     */
    @Get("/schools/{schoolId}/responses.xlsx")
    @Produces(ExchangeSteps.XLSX)
    HttpResponse<byte[]> schoolWorkbook(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                        @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        scope.requireEdit(auth, schoolId);
        return steps.workbook(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    /**
     * This school's responses as an SPSS syntax file: the data inline with every question's and
     * answer's label (SPSS and PSPP run it as it is). Access as for the CSV.
     *
     * @param questionnaire the questionnaire key
     * @param lang          {@code en} for English labels, Russian otherwise
     */
    @Get("/schools/{schoolId}/responses.sps")
    @Produces(ExchangeSteps.TEXT)
    HttpResponse<String> schoolSpss(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                    @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        scope.requireEdit(auth, schoolId);
        return steps.spss(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    /** The R script that reads this school's CSV download (see {@link #schoolSpss}). */
    @Get("/schools/{schoolId}/responses.R")
    @Produces(ExchangeSteps.TEXT)
    HttpResponse<String> schoolR(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                 @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        scope.requireEdit(auth, schoolId);
        return steps.rScript(waveId, questionnaire, schoolId, ExchangeSteps.labels(lang));
    }

    /** The whole wave's responses as a workbook (ADMIN only). */
    @Get("/responses.xlsx")
    @Produces(ExchangeSteps.XLSX)
    @Secured("ADMIN")
    HttpResponse<byte[]> waveWorkbook(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        return steps.workbook(waveId, questionnaire, null, ExchangeSteps.labels(lang));
    }

    /** The whole wave's responses as an SPSS syntax file (ADMIN only). */
    @Get("/responses.sps")
    @Produces(ExchangeSteps.TEXT)
    @Secured("ADMIN")
    HttpResponse<String> waveSpss(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        return steps.spss(waveId, questionnaire, null, ExchangeSteps.labels(lang));
    }

    /** The R script for the whole wave's CSV (ADMIN only). */
    @Get("/responses.R")
    @Produces(ExchangeSteps.TEXT)
    @Secured("ADMIN")
    HttpResponse<String> waveR(@PathVariable long waveId, @QueryValue String questionnaire, @QueryValue @Nullable String lang) {
        return steps.rScript(waveId, questionnaire, null, ExchangeSteps.labels(lang));
    }

    /**
     * The codebook of one questionnaire of the wave: item id, type, text ru/en, construct,
     * reverse key, scale and values. It holds no answers.
     *
     * @param questionnaire the questionnaire key
     */
    @Get("/codebook.csv")
    @Produces(ExchangeSteps.CSV)
    HttpResponse<String> codebook(@PathVariable long waveId, @QueryValue String questionnaire) {
        return steps.codebook(waveId, questionnaire);
    }

    /**
     * Imports paper-collected responses of one school (body: a CSV file in the export layout,
     * UTF-8). All rows are stored or none: a 422 problem names each rejected row and column.
     * Importing the same file again stores nothing twice. Sessions send {@code X-CSRF-Token}.
     *
     * @param questionnaire the questionnaire key
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    PaperImport.ImportReport importPaper(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                              @QueryValue String questionnaire, @QueryValue @Nullable String encoding,
                                              @QueryValue @Nullable String groupLabel, @Body @Nullable byte[] body) {
        scope.requireEdit(auth, schoolId);
        return steps.importPaper(waveId, schoolId, questionnaire, ExchangeSteps.text(body, encoding), groupLabel);
    }

    /**
     * Imports paper-collected responses of one school typed into a workbook (the first sheet in
     * the export's layout, e.g. the data sheet of a downloaded workbook). All rows or none, as for
     * the CSV.
     *
     * @param questionnaire the questionnaire key
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes(ExchangeSteps.XLSX)
    @Produces(MediaType.APPLICATION_JSON)
    PaperImport.ImportReport importWorkbook(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                            @QueryValue String questionnaire, @QueryValue @Nullable String groupLabel,
                                            @Body @Nullable byte[] body) {
        scope.requireEdit(auth, schoolId);
        return steps.importWorkbook(waveId, schoolId, questionnaire, body, groupLabel);
    }
}
