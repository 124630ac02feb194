package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Guards {@code /api/v1/admin/**} and the metrics endpoint with the administration bearer token. */
@ServerFilter({"/api/v1/admin/**", "/prometheus"})
final class AdminTokenFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFilter.class);

    private final byte[] expected;
    private final ProblemResponder responder;

    AdminTokenFilter(AdminApiConfiguration configuration, ProblemResponder responder) {
        this.responder = responder;
        String token = configuration.apiToken();
        if (token == null || token.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            LOG.warn("No uklad.admin.api-token configured; generated one for this run: {}", token);
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authorize(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, expected)) {
                return null;
            }
        }
        return responder.respond(request, ErrorCode.UNAUTHORIZED, List.of())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
}
