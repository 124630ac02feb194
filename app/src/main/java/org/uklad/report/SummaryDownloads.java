package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.uklad.account.StaffPageSupport;
import org.uklad.audit.AuditLog;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * One school summary as a download, the same for every way in (administration API, staff API,
 * the dashboard's link): rendered, audit-logged, sent as an attachment that is never cached.
 * Callers decide who may download it before calling.
 */
@Singleton
class SummaryDownloads {

    static final MediaType PDF = MediaType.of("application/pdf");
    static final MediaType ZIP = MediaType.of("application/zip");

    private final SchoolSummaryService summaries;
    private final Schools schools;
    private final AuditLog audit;
    private final StaffPageSupport pages;

    SummaryDownloads(SchoolSummaryService summaries, Schools schools, AuditLog audit, StaffPageSupport pages) {
        this.summaries = summaries;
        this.schools = schools;
        this.audit = audit;
        this.pages = pages;
    }

    /**
     * @param staff the signed-in reader, whose rights decide whether the partner's figures are printed
     *              ({@link SchoolSummaryService#renderFor}); null for the administration API's token,
     *              which reads every school
     */
    MutableHttpResponse<byte[]> summary(HttpRequest<?> request, long waveId, long schoolId, @Nullable Authentication staff) {
        Locale locale = pages.locale(request); // ?lang=, else the language cookie, else Russian, as every page
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        byte[] pdf = staff == null ? summaries.render(waveId, schoolId, locale)
                : summaries.renderFor(staff, waveId, schoolId, locale);
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + waveId + ", school " + schoolId,
                "school summary, " + locale.getLanguage());
        String ascii = SchoolSummaryService.fileName(waveId, schoolId, locale);
        // the school's own name for browsers that read RFC 5987
        return attachment(pdf, PDF, ascii, school.name() + " — " + ascii);
    }

    /**
     * An attachment named twice: {@code filename} in ASCII for every client, {@code filename*} in
     * UTF-8 (RFC 6266 / 5987) for those that read it.
     */
    static MutableHttpResponse<byte[]> attachment(byte[] body, MediaType type, String ascii, String named) {
        return HttpResponse.ok(body).contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(named, StandardCharsets.UTF_8).replace("+", "%20"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
