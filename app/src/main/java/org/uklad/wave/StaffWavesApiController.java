package org.uklad.wave;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import org.uklad.system.Messages;

/** The staff JSON of waves: the list the user sees and the live monitoring the page polls. */
@Controller("/api/v1/staff/waves")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffWavesApiController {

    private final WaveMonitoring monitoring;
    private final HttpLocaleResolver locales;

    StaffWavesApiController(WaveMonitoring monitoring, HttpLocaleResolver locales) {
        this.monitoring = monitoring;
        this.locales = locales;
    }

    @Serdeable
    record WaveItem(long id, String name, WaveKind kind, Instant opensAt, Instant closesAt, WaveState state) {}

    @Get
    List<WaveItem> list(Authentication auth) {
        Instant now = Instant.now();
        return monitoring.visible(auth).stream()
                .map(w -> new WaveItem(w.id(), w.name(), w.kind(), w.opensAt(), w.closesAt(), w.stateAt(now))).toList();
    }

    @Get("/{id}/monitoring")
    HttpResponse<WaveMonitoring.Monitoring> monitoring(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        String lang = Messages.supported(locales.resolveOrDefault(request)).getLanguage();
        return HttpResponse.ok(monitoring.monitoring(auth, id, lang));
    }
}
