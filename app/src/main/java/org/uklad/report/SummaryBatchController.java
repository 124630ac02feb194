package org.uklad.report;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages;
import org.uklad.audit.AuditLog;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The batch of a wave's school summaries ({@link SummaryBatches}): started from the wave page (a
 * form) or the staff API, followed on its own page — a {@code <progress>} that
 * {@code /assets/summary-batch.js} updates from the status JSON; without JavaScript a plain link
 * reloads the page — cancelled there, and downloaded once as a ZIP.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class SummaryBatchController {

    private final SummaryBatches batches;
    private final StaffPageSupport pages;
    private final Waves waves;
    private final Schools schools;
    private final AuditLog audit;

    SummaryBatchController(SummaryBatches batches, StaffPageSupport pages, Waves waves, Schools schools, AuditLog audit) {
        this.batches = batches;
        this.pages = pages;
        this.waves = waves;
        this.schools = schools;
        this.audit = audit;
    }

    /**
     * The page's view model.
     *
     * @param statusPath   the status JSON the script polls
     * @param downloadPath the ZIP, or null when there is none to download
     * @param failed       names of the schools whose summary could not be made
     */
    @Introspected
    public record BatchPage(StaffPages.Chrome chrome, String id, long waveId, String waveName, String state,
                            String stateText, int done, int total, String progressText, boolean finished,
                            boolean cancellable, List<String> failed, @Nullable String downloadPath, String statusPath,
                            String keepText) {}

    /** The status JSON (and the staff API's answer). */
    @Serdeable
    public record Status(String id, long waveId, SummaryBatch.State state, String stateText, int done, int total,
                         int percent, String progressText, boolean finished, List<String> failed,
                         @Nullable String downloadUrl, String pageUrl) {}

    // ---- pages --------------------------------------------------------------------------------

    @Post(value = "/staff/waves/{waveId}/summaries", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> start(HttpRequest<?> request, Authentication auth, @PathVariable long waveId) {
        String lang = StaffPageSupport.field(StaffPageSupport.form(request), "lang");
        Locale locale = Messages.supported(Locale.forLanguageTag(lang.isEmpty() ? pages.locale(request).getLanguage() : lang));
        SummaryBatch b = batches.start(auth, waveId, locale);
        return HttpResponse.seeOther(URI.create(pagePath(b.id())));
    }

    @Get(value = "/staff/summary-batches/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @PathVariable String id) {
        SummaryBatch b = batches.visible(auth, uuid(id));
        Locale locale = pages.locale(request);
        Status s = status(b, locale);
        BatchPage page = new BatchPage(pages.chrome(request, auth), s.id(), b.waveId(), waveName(b.waveId()),
                b.state().name(), s.stateText(), b.done(), b.total(), s.progressText(), s.finished(), !s.finished(),
                s.failed(), s.downloadUrl(), "/api/v1/staff/summary-batches/" + b.id() + "?lang=" + locale.getLanguage(),
                pages.text("batch.kept", locale, Integer.toString(batches.keepDays())));
        return HttpResponse.ok(new ModelAndView<>("staff/summary-batch", page));
    }

    @Post(value = "/staff/summary-batches/{id}/cancel", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> cancelPage(Authentication auth, @PathVariable String id) {
        SummaryBatch b = batches.cancel(auth, uuid(id));
        return HttpResponse.seeOther(URI.create(pagePath(b.id())));
    }

    @Get(value = "/staff/summary-batches/{id}/summaries.zip", produces = "application/zip")
    HttpResponse<byte[]> zip(Authentication auth, @PathVariable String id) {
        SummaryBatch b = batches.visible(auth, uuid(id));
        byte[] zip = batches.takeZip(auth, b.id());
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + b.waveId(),
                "school summaries as ZIP: " + (b.total() - b.failedSchools().size()) + " of " + b.total() + ", " + b.lang());
        String name = "uklad-summaries-wave-" + b.waveId() + "-" + b.lang() + ".zip";
        return SummaryDownloads.attachment(zip, SummaryDownloads.ZIP, name, waveName(b.waveId()) + " — " + name);
    }

    // ---- staff JSON API -----------------------------------------------------------------------

    @Post("/api/v1/staff/waves/{waveId}/summary-batches")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<Status> startApi(HttpRequest<?> request, Authentication auth, @PathVariable long waveId) {
        Locale locale = pages.locale(request);
        SummaryBatch b = batches.start(auth, waveId, locale);
        return HttpResponse.status(HttpStatus.ACCEPTED).body(status(b, locale))
                .header("Location", "/api/v1/staff/summary-batches/" + b.id());
    }

    @Get("/api/v1/staff/summary-batches/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<Status> statusApi(HttpRequest<?> request, Authentication auth, @PathVariable String id) {
        SummaryBatch b = batches.visible(auth, uuid(id));
        return HttpResponse.ok(status(b, pages.locale(request)));
    }

    @Post("/api/v1/staff/summary-batches/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<Status> cancelApi(HttpRequest<?> request, Authentication auth, @PathVariable String id) {
        SummaryBatch b = batches.cancel(auth, uuid(id));
        return HttpResponse.ok(status(b, pages.locale(request)));
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Status status(SummaryBatch b, Locale locale) {
        List<String> failed = b.failedSchools().stream()
                .map(id -> schools.find(id).map(School::name).orElse("#" + id)).toList();
        return new Status(b.id().toString(), b.waveId(), b.state(), pages.text("batch.state." + b.state().name(), locale),
                b.done(), b.total(), b.percent(),
                pages.text("batch.progress", locale, Integer.toString(b.done()), Integer.toString(b.total())),
                b.state().finished(), failed,
                b.hasZip() ? "/staff/summary-batches/" + b.id() + "/summaries.zip" : null, pagePath(b.id()));
    }

    private String waveName(long waveId) {
        return waves.find(waveId).map(Wave::name).orElse("#" + waveId);
    }

    private static String pagePath(UUID id) {
        return "/staff/summary-batches/" + id;
    }

    /** A batch id; anything that is not one names no batch (404, never 500). */
    private static UUID uuid(String id) {
        try {
            UUID u = UUID.fromString(id);
            if (!u.toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
    }
}
