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
                                              @QueryValue String questionnaire, @Body @Nullable byte[] body) {
        scope.requireEdit(auth, schoolId);
        return steps.importPaper(waveId, schoolId, questionnaire, ExchangeSteps.utf8(body));
    }
}
