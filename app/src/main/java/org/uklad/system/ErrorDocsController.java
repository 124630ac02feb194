package org.uklad.system;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.views.ModelAndView;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The page behind each problem {@code type} URI: what the error means, in the reader's language;
 * for {@code validation-failed} also the catalogue of field-error codes ({@link FieldCode}).
 */
@Controller("/errors")
@Produces(MediaType.TEXT_HTML)
class ErrorDocsController {

    private final Messages messages;
    private final HttpLocaleResolver locales;

    ErrorDocsController(Messages messages, HttpLocaleResolver locales) {
        this.messages = messages;
        this.locales = locales;
    }

    @Get("/{slug}")
    HttpResponse<ModelAndView<ProblemResponder.ErrorPage>> describe(HttpRequest<?> request, @PathVariable String slug) {
        ErrorCode code = ErrorCode.bySlug(slug).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Locale locale = Messages.supported(locales.resolveOrDefault(request));
        return HttpResponse.ok(new ModelAndView<>("system/error", new ProblemResponder.ErrorPage(locale.getLanguage(),
                code.status().getCode(), messages.get(code.titleKey(), locale), messages.get(code.detailKey(), locale),
                code.slug(), fields(code, locale), request.getPath())));
    }

    /**
     * The page of {@code validation-failed} lists every field-error code a problem may name, with its
     * meaning; the values a problem fills in (bounds, names) show as an ellipsis.
     */
    private List<Problem.Field> fields(ErrorCode code, Locale locale) {
        if (code != ErrorCode.VALIDATION_FAILED) {
            return List.of();
        }
        return Arrays.stream(FieldCode.values())
                .map(f -> new Problem.Field(f.code(), f.code(), messages.get(f.messageKey(), locale, "…", "…", "…")))
                .toList();
    }
}
