package org.uklad.respondent;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.util.Locale;
import org.uklad.system.ErrorCode;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;

/**
 * The public pages of the questionnaires that come with the service, no code needed: what a parent
 * reads before a child answers (every question and answer, the privacy note, who sees what), and
 * the printable form for paper collection. Linked from the invitation sheets and the form's first page.
 */
@Controller("/questionnaires")
@ExecuteOn(TaskExecutors.BLOCKING)
class QuestionnairePreviewController {

    private final QuestionnairePreview preview;
    private final QuestionnairePdf pdf;
    private final HttpLocaleResolver locales;

    QuestionnairePreviewController(QuestionnairePreview preview, QuestionnairePdf pdf, HttpLocaleResolver locales) {
        this.preview = preview;
        this.pdf = pdf;
        this.locales = locales;
    }

    private Locale locale(HttpRequest<?> request) {
        return Messages.supported(locales.resolveOrDefault(request));
    }

    @Get
    @Produces(MediaType.TEXT_HTML)
    ModelAndView<QuestionnairePreview.IndexPage> index(HttpRequest<?> request) {
        return new ModelAndView<>("survey/questionnaires", preview.index(locale(request)));
    }

    @Get("/{key:[a-z0-9_-]+}")
    @Produces(MediaType.TEXT_HTML)
    ModelAndView<QuestionnairePreview.PreviewPage> page(HttpRequest<?> request, @PathVariable String key) {
        return new ModelAndView<>("survey/questionnaire", preview.page(key, locale(request))
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND)));
    }

    /** The printable form, shown in the browser (inline) to be printed; {@code ?lang=en} for English. */
    @Get("/{key:[a-z0-9_-]+}.pdf")
    @Produces("application/pdf")
    HttpResponse<byte[]> printable(HttpRequest<?> request, @PathVariable String key) {
        Locale locale = locale(request);
        var page = preview.page(key, locale).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return HttpResponse.ok(pdf.render(page, locale)).contentType("application/pdf")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + key + "-" + locale.getLanguage() + ".pdf\"");
    }
}
