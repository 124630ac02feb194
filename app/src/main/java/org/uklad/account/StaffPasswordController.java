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
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/** The change of one's own password (the home page is {@code home/StaffHomeController}). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffPasswordController {

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final Accounts accounts;

    StaffPasswordController(StaffPageSupport pages, StaffForms forms, Accounts accounts) {
        this.pages = pages;
        this.forms = forms;
        this.accounts = accounts;
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
