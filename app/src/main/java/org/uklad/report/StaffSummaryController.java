package org.uklad.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import org.uklad.account.SchoolScope;

/**
 * A school's summary PDF for signed-in staff, by role ({@link SchoolScope#requireDownload}): an
 * administrator any school, a psychologist their assigned schools, a director their own school
 * only (not the partner shown beside it). The partner's figures are printed only for a reader who
 * sees them on the dashboard ({@link SchoolScope#mayReadPartner}). The same document at two addresses: the dashboard's
 * link and the staff JSON API's. {@code ?lang=en} for English; Russian otherwise.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffSummaryController {

    private final SummaryDownloads downloads;
    private final SchoolScope scope;

    StaffSummaryController(SummaryDownloads downloads, SchoolScope scope) {
        this.downloads = downloads;
        this.scope = scope;
    }

    @Get(value = "/staff/waves/{waveId}/schools/{schoolId}/summary.pdf", produces = "application/pdf")
    HttpResponse<byte[]> page(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                              @PathVariable long schoolId) {
        return download(request, auth, waveId, schoolId);
    }

    @Get(value = "/api/v1/staff/waves/{waveId}/schools/{schoolId}/summary.pdf", produces = "application/pdf")
    HttpResponse<byte[]> api(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                             @PathVariable long schoolId) {
        return download(request, auth, waveId, schoolId);
    }

    private HttpResponse<byte[]> download(HttpRequest<?> request, Authentication auth, long waveId, long schoolId) {
        // scope first: a director must not learn from 404 versus 403 which school ids exist
        scope.requireDownload(auth, schoolId);
        return downloads.summary(request, waveId, schoolId, auth);
    }
}
