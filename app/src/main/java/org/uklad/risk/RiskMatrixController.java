package org.uklad.risk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import org.uklad.account.StaffPageSupport;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The coordinator's risk matrix of a wave (ADMIN only, like the wave overview it is linked from):
 * every school × every measured risk factor, filterable by municipality and category
 * ({@code ?municipality=…&category=SHNRO}).
 */
@Controller("/staff/waves/{waveId}/risks")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class RiskMatrixController {

    private final StaffPageSupport pages;
    private final Waves waves;
    private final RiskMatrixPresenter presenter;

    RiskMatrixController(StaffPageSupport pages, Waves waves, RiskMatrixPresenter presenter) {
        this.pages = pages;
        this.waves = waves;
        this.presenter = presenter;
    }

    @Get
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                         @QueryValue @Nullable String municipality, @QueryValue @Nullable String category) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return HttpResponse.ok(new ModelAndView<>("staff/risks", presenter.page(pages.chrome(request, auth), wave,
                municipality == null ? "" : municipality.strip(), category == null ? "" : category.strip(),
                pages.locale(request))));
    }
}
