package org.uklad.account;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Every staff answer, page, API response, download or error, is {@code Cache-Control: no-store}: it
 * shows one person's view of the data, and a shared computer's browser cache must not keep it.
 * Set here once instead of by each controller, so a new page or error cannot forget it.
 */
@ServerFilter({"/staff", "/staff/**", "/api/v1/staff/**"})
final class StaffNoStoreFilter implements Ordered {

    /** First in, last out: the header also goes on answers other filters cut short (403, 422 of CSRF, redirects). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }

    @ResponseFilter
    void noStore(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("Cache-Control", "no-store");   // set, not add: one header even if a controller set it
    }
}
