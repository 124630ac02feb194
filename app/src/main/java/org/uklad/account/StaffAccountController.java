package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
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

/**
 * The signed-in staff member's own account page ({@value StaffPaths#ACCOUNT}): personal API tokens
 * made and revoked. Only a browser session reaches it; a token cannot make more tokens.
 */
@Controller(StaffPaths.ACCOUNT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffAccountController {

    private static final String VIEW = "staff/my-account";

    private final StaffAccountPresenter presenter;
    private final StaffForms forms;
    private final ApiTokens tokens;

    StaffAccountController(StaffAccountPresenter presenter, StaffForms forms, ApiTokens tokens) {
        this.presenter = presenter;
        this.forms = forms;
        this.tokens = tokens;
    }

    @Get
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String revoked) {
        return HttpResponse.ok(new ModelAndView<>(VIEW, presenter.page(request, auth, null, revoked != null, "", "90", Map.of())));
    }

    /**
     * A new token. The answer is the page itself with the token on it, not a redirect: the token is
     * shown exactly once and must never travel in a URL (pages are no-store).
     */
    @Post("/tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String name = StaffPageSupport.field(form, "name");
        String validity = StaffPageSupport.field(form, "validity");
        long accountId = owner(auth);
        return forms.submit(request, () -> {
            ApiTokens.Issued issued = tokens.create(accountId, name, validity);
            return StaffPageSupport.page(VIEW, presenter.page(request, auth, issued, false, "", "90", Map.of()), HttpStatus.OK);
        }, refused -> new ModelAndView<>(VIEW, presenter.page(request, auth, null, false, name, validity, refused.shown())));
    }

    @Post("/tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(Authentication auth, @PathVariable long id) {
        tokens.revoke(owner(auth), id);
        return HttpResponse.seeOther(URI.create(StaffPaths.ACCOUNT + "?revoked=1"));
    }

    private static long owner(Authentication auth) {
        return StaffAuthentication.accountId(auth).orElseThrow(() -> new ProblemException(ErrorCode.FORBIDDEN));
    }
}
