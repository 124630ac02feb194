package org.uklad.report;

import org.uklad.system.Messages;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.http.HttpRequest;
import org.uklad.audit.AuditLog;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.uklad.school.Schools;

/**
 * The school summary PDF (administration API, behind the admin token filter until staff roles
 * decide who may download which school). {@code ?lang=en} for English; Russian otherwise.
 */
@Controller("/api/v1/admin/waves/{id}/schools/{schoolId}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SchoolSummaryController {

    private static final MediaType PDF = MediaType.of("application/pdf");

    private final SchoolSummaryService summaries;
    private final Schools schools;
    private final AuditLog audit;

    private final HttpLocaleResolver locales;

    SchoolSummaryController(SchoolSummaryService summaries, Schools schools, AuditLog audit, HttpLocaleResolver locales) {
        this.locales = locales;
        this.summaries = summaries;
        this.schools = schools;
        this.audit = audit;
    }

    @Get(value = "/summary.pdf", produces = "application/pdf")
    HttpResponse<byte[]> summary(HttpRequest<?> request, @PathVariable long id, @PathVariable long schoolId) {
        // ?lang=en, else the language cookie, else Russian: the same resolution as every page
        Locale locale = Messages.supported(locales.resolveOrDefault(request));
        byte[] pdf = summaries.render(id, schoolId, locale);
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + id + ", school " + schoolId, "school summary, " + locale.getLanguage());
        String ascii = SchoolSummaryService.fileName(id, schoolId, locale);
        // the school's own name for browsers that read RFC 5987 (it is known to exist: render checked)
        String named = schools.find(schoolId).map(s -> s.name() + " — " + ascii).orElse(ascii);
        return HttpResponse.ok(pdf).contentType(PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(named, StandardCharsets.UTF_8).replace("+", "%20"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
