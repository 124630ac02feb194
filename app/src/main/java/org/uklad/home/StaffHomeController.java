package org.uklad.home;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import org.uklad.account.StaffPaths;

/** The staff home after sign-in: each role's answer one click away ({@link HomePresenter}). */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffHomeController {

    private final HomePresenter presenter;

    StaffHomeController(HomePresenter presenter) {
        this.presenter = presenter;
    }

    @Get(StaffPaths.HOME)
    HttpResponse<?> home(HttpRequest<?> request, Authentication auth) {
        return HttpResponse.ok(new ModelAndView<>("staff/home", presenter.page(request, auth)));
    }
}
