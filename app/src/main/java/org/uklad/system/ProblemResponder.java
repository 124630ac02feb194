package org.uklad.system;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.views.ViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a catalogue error into the answer the client understands: problem+json for the API and
 * for non-browser clients, a friendly page (in the respondent's language) for browsers.
 */
@Singleton
public class ProblemResponder {

    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    private final Messages messages;
    private final HttpLocaleResolver localeResolver;
    private final JsonMapper json;
    private final ViewsRenderer<Object, HttpRequest<?>> views;

    ProblemResponder(Messages messages, HttpLocaleResolver localeResolver, JsonMapper json,
                     ViewsRenderer<Object, HttpRequest<?>> views) {
        this.messages = messages;
        this.localeResolver = localeResolver;
        this.json = json;
        this.views = views;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, ErrorCode code, List<FieldError> fieldErrors) {
        Locale locale = Messages.supported(localeResolver.resolveOrDefault(request));
        Problem problem = problem(request, code, fieldErrors, locale);
        MutableHttpResponse<?> response;
        if (wantsHtml(request)) {
            ErrorPage page = new ErrorPage(locale.getLanguage(), problem.status(), problem.title(), problem.detail(),
                    problem.code(), problem.errors(), problem.instance());
            Writable html = views.render("system/error", page, request);
            response = HttpResponse.status(code.status()).contentType(MediaType.TEXT_HTML_TYPE + ";charset=utf-8").body(html);
        } else {
            response = HttpResponse.status(code.status()).contentType(PROBLEM_JSON).body(toJson(problem));
        }
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            response.header(HttpHeaders.RETRY_AFTER, "5");
        }
        if (code == ErrorCode.TOO_MANY_REQUESTS && response.getHeaders().get(HttpHeaders.RETRY_AFTER) == null) {
            response.header(HttpHeaders.RETRY_AFTER, "60");
        }
        return response;
    }

    /** The same, telling when to come back: the answer's one Retry-After, replacing any default. */
    public MutableHttpResponse<?> respond(HttpRequest<?> request, ErrorCode code, long retryAfterSeconds) {
        MutableHttpResponse<?> response = respond(request, code, List.of());
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        return response;
    }

    public Problem problem(HttpRequest<?> request, ErrorCode code, List<FieldError> fieldErrors, Locale locale) {
        List<Problem.Field> fields = fieldErrors.stream()
                .map(f -> new Problem.Field(f.field(), f.code(),
                        messages.get("field." + f.code(), locale, f.args().toArray())))
                .toList();
        return new Problem(code.type(), messages.get(code.titleKey(), locale), code.status().getCode(),
                messages.get(code.detailKey(), locale), code.slug(), MaskedPath.of(request.getPath()), fields);
    }

    private String toJson(Problem problem) {
        try {
            return new String(json.writeValueAsBytes(problem), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Browsers ask for text/html; the API and scripts get problem+json. */
    public static boolean wantsHtml(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/")) {
            return false;
        }
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    /** View model of the error page. */
    @io.micronaut.core.annotation.Introspected
    public record ErrorPage(String lang, int status, String title, String detail, String code,
                            List<Problem.Field> errors, String path) {}
}
