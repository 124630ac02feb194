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
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.io.InputStream;
import java.util.UUID;
import org.uklad.account.SchoolScope;
import org.uklad.system.LargeUpload;

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

    private static final String BASE = "/api/v1/staff/waves/";

    private final ExchangeSteps steps;
    private final SchoolScope scope;
    private final ImportAnswers answers;

    StaffExchangeApiController(ExchangeSteps steps, SchoolScope scope, ImportAnswers answers) {
        this.steps = steps;
        this.scope = scope;
        this.answers = answers;
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
     * Imports paper-collected responses of one school (body: a CSV file in the export layout, UTF-8
     * or Windows-1251, detected unless {@code encoding} says; up to {@code uklad.imports.max-size},
     * 100 MB, streamed to disk, never held in memory). All rows are stored or none: a refused file
     * names each rejected row and column (the first 100, then how many more). Importing the same
     * file again stores nothing twice. A file up to 256 KB is imported while the client waits: 200
     * with the report, or 422 with the problems. A larger one, or any with
     * {@code Prefer: respond-async}, answers 202 with the job's status and a {@code Location} to
     * poll ({@link #importStatus}) until {@code finished}. Sessions send {@code X-CSRF-Token}.
     *
     * @param questionnaire the questionnaire key
     * @param encoding      {@code utf-8} or {@code windows-1251}; detected when absent
     * @param groupLabel    the group of every row when the file has no {@code group_label} column
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @LargeUpload
    HttpResponse<?> importPaper(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                @QueryValue String questionnaire, @QueryValue @Nullable String encoding,
                                @QueryValue @Nullable String groupLabel, @Body @Nullable InputStream body) {
        scope.requireEdit(auth, schoolId);
        return answers.accept(request, auth, waveId, schoolId, questionnaire, encoding, groupLabel, body, ImportAnswers.Kind.CSV, BASE);
    }

    /**
     * Imports paper-collected responses of one school typed into a workbook (the first sheet in
     * the export's layout, e.g. the data sheet of a downloaded workbook; up to
     * {@code uklad.imports.max-workbook-size}, 20 MB). The workbook is converted to CSV on disk,
     * then imported as the CSV is: all rows or none, waiting or 202 alike.
     *
     * @param questionnaire the questionnaire key
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes(ExchangeSteps.XLSX)
    @Produces(MediaType.APPLICATION_JSON)
    @LargeUpload
    HttpResponse<?> importWorkbook(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                   @QueryValue String questionnaire, @QueryValue @Nullable String groupLabel,
                                   @Body @Nullable InputStream body) {
        scope.requireEdit(auth, schoolId);
        return answers.accept(request, auth, waveId, schoolId, questionnaire, null, groupLabel, body, ImportAnswers.Kind.WORKBOOK, BASE);
    }

    /**
     * Imports a CSV file sent as the part {@code file} of a {@code multipart/form-data} body (as a
     * browser or {@code curl -F file=@responses.csv} sends it); otherwise as the CSV body above.
     *
     * @param questionnaire the questionnaire key
     */
    @Post("/schools/{schoolId}/responses")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @LargeUpload
    HttpResponse<?> importMultipart(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                    @QueryValue String questionnaire, @QueryValue @Nullable String encoding,
                                    @QueryValue @Nullable String groupLabel, StreamingFileUpload file) {
        scope.requireEdit(auth, schoolId);
        return answers.accept(request, auth, waveId, schoolId, questionnaire, encoding, groupLabel, file.asInputStream(),
                ImportAnswers.Kind.CSV, BASE);
    }

    /**
     * The state of an import that answered 202: {@code state} QUEUED, CHECKING, STORING, then
     * DONE ({@code stored}, {@code alreadyPresent}), REFUSED ({@code errorCount} problems, the first
     * 100 in {@code errors}; nothing stored) or FAILED (nothing stored); {@code percent} for a
     * progress bar. Any replica answers. Access as for the import.
     */
    @Get("/schools/{schoolId}/imports/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    ImportJobPresenter.ImportStatus importStatus(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                                                 @PathVariable long schoolId, @PathVariable UUID id) {
        scope.requireEdit(auth, schoolId);
        return answers.status(request, waveId, schoolId, id);
    }
}
