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
import org.uklad.audit.AuditEvent;
import org.uklad.audit.AuditLog;
import org.uklad.system.ReportFormats;

/** The audit log for coordinators: the latest staff actions, newest first, optionally of one kind. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
class StaffAuditController {

    static final int SHOWN = 300;
    private final java.time.format.DateTimeFormatter when;

    private final StaffPageSupport pages;
    private final AuditLog audit;

    StaffAuditController(StaffPageSupport pages, AuditLog audit,
                         ReportFormats formats) {
        this.when = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(formats.zone());
        this.pages = pages;
        this.audit = audit;
    }

    private static AuditLog.Action action(@Nullable String name) {
        return Arrays.stream(AuditLog.Action.values()).filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    @Get("/staff/audit")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String action) {
        AuditLog.Action chosen = action(action);
        List<String> actions = Arrays.stream(AuditLog.Action.values()).map(Enum::name).toList();
        List<StaffPages.AuditRow> rows = audit.latest(chosen, SHOWN).stream()
                .map(e -> new StaffPages.AuditRow(when.format(e.occurredAt()), e.actor(), e.action(), e.target(), e.detail()))
                .toList();
        return HttpResponse.ok(new ModelAndView<>("staff/audit", new StaffPages.AuditPage(pages.chrome(request, auth),
                rows, actions, chosen == null ? "" : chosen.name())));
    }

    @Get("/api/v1/admin/audit")
    List<AuditEvent> api(@QueryValue @Nullable String action, @QueryValue @Nullable Integer limit) {
        return audit.latest(action(action), limit == null ? SHOWN : limit);
    }
}
