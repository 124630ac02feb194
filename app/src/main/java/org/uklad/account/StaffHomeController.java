package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/** The staff home page (who you are, your schools) and the change of one's own password. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffHomeController {

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final SchoolScope scope;
    private final Accounts accounts;

    StaffHomeController(StaffPageSupport pages, StaffForms forms, SchoolScope scope, Accounts accounts) {
        this.pages = pages;
        this.forms = forms;
        this.scope = scope;
        this.accounts = accounts;
    }

    @Get(StaffPaths.HOME)
    HttpResponse<?> home(HttpRequest<?> request, Authentication auth) {
        Set<Long> own = Set.copyOf(StaffAuthentication.ownSchools(auth));
        boolean admin = scope.isCoordinator(auth);
        List<StaffPages.SchoolRow> rows = scope.readableSchoolRecords(auth).stream()
                .map(s -> new StaffPages.SchoolRow(s.id(), s.name(), s.municipality(), s.category().name(),
                        admin ? "all" : own.contains(s.id()) ? "own" : "partner", scope.canEdit(auth, s.id())))
                .toList();
        return HttpResponse.ok(new ModelAndView<>("staff/home", new StaffPages.HomePage(pages.chrome(request, auth), rows)));
    }

    @Get(StaffPaths.PASSWORD)
    HttpResponse<?> passwordForm(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String changed) {
        return HttpResponse.ok(new ModelAndView<>("staff/password", new StaffPages.PasswordPage(pages.chrome(request, auth),
                StaffAuthentication.mustChangePassword(auth), changed != null, Map.of())));
    }

    @Post(StaffPaths.PASSWORD)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changePassword(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        long accountId = StaffAuthentication.accountId(auth).orElseThrow(() -> new ProblemException(ErrorCode.FORBIDDEN));
        String keep = StaffAuthentication.session(request).map(StaffSession::tokenHash).orElse(null);
        return forms.submit(request, () -> {
            accounts.changePassword(accountId, StaffPageSupport.field(form, "current"),
                    StaffPageSupport.field(form, "password"), StaffPageSupport.field(form, "repeat"), keep);
            return HttpResponse.seeOther(URI.create(StaffPaths.PASSWORD + "?changed=1"));
        }, refused -> new ModelAndView<>("staff/password", new StaffPages.PasswordPage(pages.chrome(request, auth),
                StaffAuthentication.mustChangePassword(auth), false, refused.shown())));
    }
}
