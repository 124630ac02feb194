package org.uklad.system;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.web.router.RouteAttributes;
import java.util.List;

/**
 * The request size limits. The server's own limit ({@code micronaut.server.max-request-size}) is
 * as large as the largest import, because it is one number for every route; this filter keeps
 * every other route at {@code uklad.request.max-size} (256 KB: a 60-item questionnaire is a few
 * KB, anything far larger is abuse) before any body is read. Routes marked {@link LargeUpload}
 * take up to {@code uklad.imports.max-size}, counted again as they spool. A body of unannounced
 * length (chunked) is refused on the other routes, since its size could not be checked first;
 * browsers and the usual clients always announce it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestSizeFilter implements Ordered {

    private final ProblemResponder responder;
    private final long requestMax;
    private final long uploadMax;

    RequestSizeFilter(ProblemResponder responder, @Value("${uklad.request.max-size:262144}") long requestMax,
                      @Value("${uklad.imports.max-size:104857600}") long uploadMax) {
        this.responder = responder;
        this.requestMax = requestMax;
        this.uploadMax = uploadMax;
    }

    /** Right after the security headers, before anything (the CSRF filter) reads a body. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        boolean large = RouteAttributes.getRouteMatch(request).map(m -> m.getAnnotationMetadata().hasAnnotation(LargeUpload.class)).orElse(false);
        long length = request.getContentLength();
        if (length > (large ? uploadMax : requestMax)) {
            return responder.respond(request, ErrorCode.BODY_TOO_LARGE, List.of());
        }
        if (length < 0 && !large && request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return responder.respond(request, ErrorCode.BODY_TOO_LARGE, List.of());
        }
        return null;
    }
}
