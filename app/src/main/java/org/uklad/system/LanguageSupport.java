package org.uklad.system;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.http.server.util.locale.HttpAbstractLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolutionConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Russian by default; {@code ?lang=en} (or {@code ?lang=ru}) switches the language and a cookie
 * remembers the choice. The browser's Accept-Language is deliberately not used: schools hand out
 * links to families whose phones are often set to English while the survey should open in Russian.
 */
final class LanguageSupport {

    static final String PARAMETER = "lang";

    private LanguageSupport() {
    }

    static Optional<String> requested(HttpRequest<?> request) {
        return request.getParameters().getFirst(PARAMETER)
                .map(v -> v.trim().toLowerCase(Locale.ROOT))
                .filter(v -> v.equals("ru") || v.equals("en"));
    }

    @Singleton
    static final class QueryParameterLocaleResolver extends HttpAbstractLocaleResolver {
        QueryParameterLocaleResolver(HttpLocaleResolutionConfiguration configuration) {
            super(configuration);
        }

        @Override
        public Optional<Locale> resolve(HttpRequest<?> request) {
            return requested(request).map(Locale::forLanguageTag);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    static final class LanguageCookieFilter {
        @ResponseFilter
        void remember(HttpRequest<?> request, MutableHttpResponse<?> response) {
            requested(request).ifPresent(lang -> response.cookie(Cookie.of(PARAMETER, lang)
                    .path("/").maxAge(Duration.ofDays(365)).sameSite(SameSite.Lax).httpOnly(true)));
        }
    }
}
