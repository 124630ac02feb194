package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.uklad.audit.AuditEvent;
import org.uklad.audit.AuditLog;
import org.uklad.audit.AuditText;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/** The audit log for coordinators: the latest staff actions, newest first, optionally of one kind. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
class StaffAuditController {

    static final int SHOWN = 300;

    private final StaffPageSupport pages;
    private final AuditLog audit;
    private final AuditText text;
    private final ReportFormats formats;

    StaffAuditController(StaffPageSupport pages, AuditLog audit, AuditText text, ReportFormats formats) {
        this.pages = pages;
        this.audit = audit;
        this.text = text;
        this.formats = formats;
    }

    private static AuditLog.Action action(@Nullable String name) {
        return Arrays.stream(AuditLog.Action.values()).filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    @Get("/staff/audit")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String action) {
        AuditLog.Action chosen = action(action);
        List<String> actions = Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList();
        Locale locale = pages.locale(request);
        ReportFormat f = formats.of(locale);
        // the page says each stored line in its language; the API below returns them as stored
        List<StaffPages.AuditRow> rows = audit.latest(chosen, SHOWN).stream()
                .map(e -> new StaffPages.AuditRow(f.dateTime(e.occurredAt()), text.actor(e.actor(), locale), e.action(),
                        text.target(e.target(), locale), text.detail(e.action(), e.detail(), locale)))
                .toList();
        return HttpResponse.ok(new ModelAndView<>("staff/audit", new StaffPages.AuditPage(pages.chrome(request, auth),
                rows, actions, chosen == null ? "" : chosen.name())));
    }

    @Get("/api/v1/admin/audit")
    List<AuditEvent> api(@QueryValue @Nullable String action, @QueryValue @Nullable Integer limit) {
        return audit.latest(action(action), limit == null ? SHOWN : limit);
    }
}
