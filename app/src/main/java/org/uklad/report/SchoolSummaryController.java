package org.uklad.report;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * The school summary PDF through the administration API (behind the admin token filter: any
 * school). Staff download theirs through {@link StaffSummaryController}. {@code ?lang=en} for
 * English; Russian otherwise.
 */
@Controller("/api/v1/admin/waves/{id}/schools/{schoolId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchoolSummaryController {

    private final SummaryDownloads downloads;

    SchoolSummaryController(SummaryDownloads downloads) {
        this.downloads = downloads;
    }

    @Get(value = "/summary.pdf", produces = "application/pdf")
    HttpResponse<byte[]> summary(HttpRequest<?> request, @PathVariable long id, @PathVariable long schoolId) {
        return downloads.summary(request, id, schoolId, null);
    }
}
