package org.uklad.overview;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Locale;
import org.uklad.audit.AuditLog;

/** The municipal summary PDF of a wave, as the page and the API deliver it (audit-logged). */
@Singleton
class MunicipalSummary {

    private final WaveOverviewService overviews;
    private final OverviewPresenter presenter;
    private final MunicipalSummaryPdf pdf;
    private final AuditLog audit;

    MunicipalSummary(WaveOverviewService overviews, OverviewPresenter presenter, MunicipalSummaryPdf pdf,
                     AuditLog audit) {
        this.overviews = overviews;
        this.presenter = presenter;
        this.pdf = pdf;
        this.audit = audit;
    }

    HttpResponse<byte[]> download(long waveId, Locale locale) {
        WaveOverview o = overviews.compute(waveId);
        byte[] bytes = pdf.render(o, presenter.present(o, locale), locale, presenter.format(locale), Instant.now());
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + waveId, "municipal summary, " + locale.getLanguage());
        String name = "uklad-municipal-summary-wave-" + waveId + "-" + locale.getLanguage() + ".pdf";
        return HttpResponse.ok(bytes).contentType(MediaType.of("application/pdf"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
