package org.uklad.respondent;

import org.uklad.response.SubmissionService;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.uklad.system.CodeCheck;
import org.uklad.system.ErrorCode;
import org.uklad.system.Forms;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;
import org.uklad.system.UrlEncodedForm;
import org.uklad.wave.AccessCodeGenerator;
import org.uklad.wave.DemoSeed;
import org.uklad.wave.SurveyAccess;
import org.uklad.wave.Waves;

/**
 * The respondent's pages: type a code, answer, see the thank-you page. Server-rendered and usable
 * without JavaScript; submission follows Post/Redirect/Get and re-shows the form with each error.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class SurveyPageController {

    static final String KEY_FIELD = "idempotencyKey";
    /** How long the classroom mode's thank-you page stays before the next respondent's clean form. */
    static final int KIOSK_RETURN_SECONDS = 15;

    private final SurveyGate gate;
    private final Waves waves;
    private final SubmissionService submissions;
    private final Messages messages;
    private final HttpLocaleResolver locales;
    private final DemoSeed demo;

    SurveyPageController(SurveyGate gate, Waves waves, SubmissionService submissions, Messages messages,
                         HttpLocaleResolver locales, @Nullable DemoSeed demo) {
        this.demo = demo;
        this.gate = gate;
        this.waves = waves;
        this.submissions = submissions;
        this.messages = messages;
        this.locales = locales;
    }

    private Locale locale(HttpRequest<?> request) {
        return Messages.supported(locales.resolveOrDefault(request));
    }

    @Get
    ModelAndView<SurveyPages.HomePage> home(HttpRequest<?> request) {
        String lang = locale(request).getLanguage();
        return new ModelAndView<>("survey/home", new SurveyPages.HomePage(lang, SurveyPages.other(lang), "", null, demoLinks(),
                false));
    }

    /** The code form's target: a known code goes to its survey, anything else back with a message. */
    @Get("/enter")
    HttpResponse<?> enter(HttpRequest<?> request, @QueryValue @Nullable String code,
                          @QueryValue(SurveyPages.KIOSK) @Nullable String kiosk) {
        boolean classroom = SurveyPages.kiosk(kiosk);
        var resolved = waves.resolve(code == null ? "" : code);
        if (resolved.isPresent()) {
            return HttpResponse.seeOther(URI.create(SurveyPages.inMode("/s/" + resolved.get().code().code(), classroom)));
        }
        Locale locale = locale(request);
        String lang = locale.getLanguage();
        String error = messages.get(AccessCodeGenerator.normalize(code == null ? "" : code).isPresent()
                ? "home.error.unknown" : "home.error.format", locale);
        String typed = code == null ? "" : code.strip();
        return HttpResponse.status(HttpStatus.NOT_FOUND).body(new ModelAndView<>("survey/home",
                new SurveyPages.HomePage(lang, SurveyPages.other(lang), typed.length() > 64 ? "" : typed, error,
                        demoLinks(), classroom)));
    }

    private List<DemoSeed.DemoLink> demoLinks() {
        return demo == null ? List.of() : demo.links();
    }

    @Get("/s/{code}")
    HttpResponse<?> form(HttpRequest<?> request, @PathVariable String code,
                         @QueryValue(SurveyPages.KIOSK) @Nullable String kiosk) {
        SurveyAccess access = gate.open(code);
        String lang = locale(request).getLanguage();
        return HttpResponse.ok(new ModelAndView<>("survey/form", SurveyPages.form(access, lang,
                UUID.randomUUID().toString(), Map.of(), Map.of(), List.of(), SurveyPages.kiosk(kiosk), 1)))
                .header("Cache-Control", "no-store");
    }

    @Post("/s/{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> submit(HttpRequest<?> request, @PathVariable String code, @Body @Nullable String body) {
        Map<String, List<String>> form = UrlEncodedForm.decode(body)
                .orElseThrow(() -> new ProblemException(ErrorCode.MALFORMED_FORM));
        String key = form.getOrDefault(KEY_FIELD, List.of("")).getFirst();
        boolean kiosk = SurveyPages.kiosk(form.getOrDefault(SurveyPages.KIOSK, List.of("")).getFirst());
        Map<String, List<String>> entered = new LinkedHashMap<>();
        Map<String, Object> raw = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("a.")) {
                String item = name.substring(2);
                entered.put(item, values);
                raw.put(item, values.size() == 1 ? values.getFirst() : values);
            }
        });
        // no gate here: a resubmission of a stored answer must succeed even after a single-use code is spent;
        // what this replica last read for the code will do, as for the API (the storing statement checks it again)
        SurveyAccess access = waves.resolveRemembered(code).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
        // a Next/Back button was pressed: never a send, even when its value was tampered with (then step 1)
        var step = form.containsKey(FormSteps.STEP)
                ? java.util.Optional.of(FormSteps.requested(form.get(FormSteps.STEP).getFirst()).orElse(1))
                : java.util.Optional.<Integer>empty();
        if (step.isPresent()) {
            // Next or Back of a paged form without JavaScript: the next step with every answer carried in the
            // form itself (the other steps' questions are in the page, hidden); nothing is stored until it is sent
            return HttpResponse.ok(new ModelAndView<>("survey/form", SurveyPages.form(access, locale(request).getLanguage(),
                    key, entered, Map.of(), List.of(), kiosk, step.get()))).header("Cache-Control", "no-store");
        }
        return Forms.submit(List.of(), false, () -> {
            submissions.submit(access, key, raw, true, CodeCheck.of(request).orElse(null));
            return HttpResponse.seeOther(URI.create(SurveyPages.inMode("/s/" + access.code().code() + "/done", kiosk)));
        }, refused -> {
            Locale locale = locale(request);
            String address = SurveyPages.address(access.questionnaire().questionnaire().respondent());
            Map<String, String> errors = SurveyPages.byItem(refused,
                    f -> messages.get(SurveyPages.errorKey(f.code(), address), locale, f.args().toArray()));
            List<String> summary = List.of(messages.get("survey.errors.summary." + address, locale, errors.size()));
            // the form holds the respondent's answers: kept out of caches as the form itself is
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ModelAndView<>("survey/form",
                    SurveyPages.form(access, locale.getLanguage(), key, entered, errors, summary, kiosk,
                            // a paged form opens at the first step with an error
                            errors.keySet().stream().mapToInt(item -> FormSteps.stepOf(
                                    access.questionnaire().questionnaire(), item)).min().orElse(1))))
                    .header("Cache-Control", "no-store");
        });
    }

    /**
     * The thank-you page. In the classroom mode it returns to a clean form by itself (a Refresh
     * header works without JavaScript), so the next pupil never starts on someone else's page.
     */
    @Get("/s/{code}/done")
    HttpResponse<?> done(HttpRequest<?> request, @PathVariable String code,
                         @QueryValue(SurveyPages.KIOSK) @Nullable String kiosk) {
        String normalized = AccessCodeGenerator.normalize(code).orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN));
        String lang = locale(request).getLanguage();
        boolean classroom = SurveyPages.kiosk(kiosk);
        String next = SurveyPages.inMode("/s/" + normalized, classroom);
        // the code names the questionnaire, so the thanks speak to a pupil as «ты»; nothing of the answers is needed.
        // An unknown code is a 404 like the form's, so the code-guessing guard counts it: a thank-you page
        // worded by the code's respondents would otherwise tell a guesser, unthrottled, which codes exist.
        String address = SurveyPages.address(waves.resolve(normalized)
                .orElseThrow(() -> new ProblemException(ErrorCode.CODE_UNKNOWN)).questionnaire().questionnaire().respondent());
        var response = HttpResponse.ok(new ModelAndView<>("survey/done",
                new SurveyPages.DonePage(lang, SurveyPages.other(lang), normalized, next, classroom,
                        KIOSK_RETURN_SECONDS, address)));
        return classroom ? response.header("Refresh", KIOSK_RETURN_SECONDS + "; url=" + next) : response;
    }
}
