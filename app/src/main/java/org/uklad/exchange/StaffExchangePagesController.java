package org.uklad.exchange;

import org.uklad.response.PaperImport;
import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPages;
import org.uklad.account.StaffPages.Option;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.system.ErrorCode;
import org.uklad.system.LargeUpload;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The staff pages of data in and out: per school the user may edit, the responses CSV of each
 * questionnaire and the codebook (coordinators also the whole wave), and the import of paper
 * responses with a report of each rejected row and column. Directors get 403: the export holds
 * free text, which is not for a school's management.
 */
@Controller("/staff/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ADMIN", "PSYCHOLOGIST"})
class StaffExchangePagesController {

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final ExchangeSteps steps;
    private final ImportJobs jobs;
    private final ImportJobPresenter presenter;
    private final long maxRequestSize;

    StaffExchangePagesController(StaffPageSupport pages, StaffForms forms, SchoolScope scope, Schools schools, Waves waves,
                                 ExchangeSteps steps, ImportJobs jobs, ImportJobPresenter presenter,
                                 @Value("${uklad.request.max-size:262144}") long maxRequestSize) {
        this.pages = pages;
        this.forms = forms;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.steps = steps;
        this.jobs = jobs;
        this.presenter = presenter;
        this.maxRequestSize = maxRequestSize;
    }

    /** A download link, with the same data in the other formats (Excel, SPSS, R) where there are. */
    record Link(String id, String label, String url, List<Link> formats) {
        Link(String id, String label, String url) {
            this(id, label, url, List.of());
        }
    }

    /** The workbook, SPSS and R downloads beside a responses CSV of the staff pages (served by the staff API). */
    private static List<Link> formats(String id, String csvUrl, String lang) {
        String api = "/api/v1" + csvUrl + "&lang=" + lang;
        return List.of(new Link(id + "-xlsx", "Excel", api.replace("/responses.csv?", "/responses.xlsx?")),
                new Link(id + "-sps", "SPSS", api.replace("/responses.csv?", "/responses.sps?")),
                new Link(id + "-r", "R", api.replace("/responses.csv?", "/responses.R?")));
    }

    /** One questionnaire of the wave: the codebook, and (for coordinators) the whole wave's responses. */
    record QuestionnaireLinks(String key, String title, Link codebook, @Nullable Link wave) {}

    /** One school the user may edit: a responses CSV per questionnaire and the import page. */
    record SchoolLinks(long id, String name, List<Link> responses, String importUrl) {}

    @Introspected
    record ExchangePage(StaffPages.Chrome chrome, long waveId, String waveName, List<QuestionnaireLinks> questionnaires,
                        List<SchoolLinks> schools) {}

    /** The import form; {@code result} after a successful import, {@code problems} after a refused one. */
    @Introspected
    record ImportPage(StaffPages.Chrome chrome, long waveId, String waveName, long schoolId, String schoolName,
                      List<Option> questionnaires, String maxSize, String maxBytes, String maxFile, String uploadUrl, String csv, String result,
                      List<ImportJobPresenter.Problem> problems, String problemsSummary) {}

    private record Checked(Wave wave, School school) {}

    /** Scope first, so a psychologist cannot learn from 404 versus 403 which ids exist. */
    private Checked check(Authentication auth, long waveId, long schoolId) {
        scope.requireEdit(auth, schoolId);
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return new Checked(wave, school);
    }


    private static String q(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    @Get("/data")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> data(HttpRequest<?> request, Authentication auth, @PathVariable long waveId) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        StaffPages.Chrome chrome = pages.chrome(request, auth);
        boolean admin = chrome.admin();
        List<LoadedQuestionnaire> used = steps.used(waveId);
        String base = "/staff/waves/" + waveId;
        List<QuestionnaireLinks> questionnaires = used.stream().map(lq -> new QuestionnaireLinks(lq.key(),
                lq.questionnaire().title().in(lang) + " (" + lq.key() + ", v" + lq.version() + ")",
                new Link("codebook-" + lq.key(), pages.text("exchange.codebook", locale), base + "/codebook.csv?questionnaire=" + q(lq.key())),
                admin ? new Link("wave-" + lq.key(), pages.text("exchange.waveResponses", locale),
                        base + "/responses.csv?questionnaire=" + q(lq.key()),
                        formats("wave-" + lq.key(), base + "/responses.csv?questionnaire=" + q(lq.key()), lang)) : null)).toList();
        List<SchoolLinks> editable = scope.readableSchoolRecords(auth).stream().filter(s -> scope.canEdit(auth, s.id()))
                .map(s -> new SchoolLinks(s.id(), s.label(), used.stream()
                        .map(lq -> new Link("responses-" + s.id() + "-" + lq.key(), lq.questionnaire().title().in(lang),
                                base + "/schools/" + s.id() + "/responses.csv?questionnaire=" + q(lq.key()),
                                formats("responses-" + s.id() + "-" + lq.key(),
                                        base + "/schools/" + s.id() + "/responses.csv?questionnaire=" + q(lq.key()), lang))).toList(),
                        base + "/schools/" + s.id() + "/import")).toList();
        return page("staff/exchange", new ExchangePage(chrome, waveId, wave.name(), questionnaires, editable),
                HttpStatus.OK);
    }

    @Get("/schools/{schoolId}/responses.csv")
    @Produces(ExchangeSteps.CSV)
    HttpResponse<String> schoolResponses(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                                         @QueryValue @Nullable String questionnaire) {
        scope.requireEdit(auth, schoolId);
        return steps.responses(waveId, questionnaire, schoolId);
    }

    @Get("/responses.csv")
    @Produces(ExchangeSteps.CSV)
    @Secured("ADMIN")
    HttpResponse<String> waveResponses(@PathVariable long waveId, @QueryValue @Nullable String questionnaire) {
        return steps.responses(waveId, questionnaire, null);
    }

    @Get("/codebook.csv")
    @Produces(ExchangeSteps.CSV)
    HttpResponse<String> codebook(@PathVariable long waveId, @QueryValue @Nullable String questionnaire) {
        return steps.codebook(waveId, questionnaire);
    }

    @Get("/schools/{schoolId}/import")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> importForm(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                               @QueryValue @Nullable String questionnaire, @QueryValue @Nullable Integer stored,
                               @QueryValue @Nullable Integer present) {
        Checked c = check(auth, waveId, schoolId);
        Locale locale = pages.locale(request);
        String result = stored == null || present == null ? ""
                : pages.text("exchange.imported", locale, String.valueOf(stored), String.valueOf(present));
        return page("staff/exchange-import", importPage(request, auth, c, questionnaire, "", result, List.of()), HttpStatus.OK);
    }

    private ImportPage importPage(HttpRequest<?> request, Authentication auth, Checked c, @Nullable String chosen, String csv,
                                  String result, List<ImportJobPresenter.Problem> problems) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<Option> options = steps.used(c.wave().id()).stream().map(lq -> new Option(lq.key(),
                lq.questionnaire().title().in(lang) + " (" + lq.key() + ", v" + lq.version() + ")", lq.key().equals(chosen))).toList();
        String maxSize = pages.text("exchange.maxSize", locale, String.valueOf(maxRequestSize / 1024));
        String maxFile = pages.text("exchange.import.maxFile", locale, String.valueOf(jobs.maxSize() / (1024 * 1024)));
        String uploadUrl = "/staff/waves/" + c.wave().id() + "/schools/" + c.school().id() + "/imports";
        return new ImportPage(pages.chrome(request, auth), c.wave().id(), c.wave().name(), c.school().id(), c.school().name(),
                options, maxSize, String.valueOf(maxRequestSize), maxFile, uploadUrl, csv, result, problems,
                problems.isEmpty() ? "" : pages.text("exchange.refused", locale, String.valueOf(problems.size())));
    }

    @Post("/schools/{schoolId}/import")
    @Produces(MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> importPaper(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        Checked c = check(auth, waveId, schoolId);
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String questionnaire = StaffPageSupport.field(form, "questionnaire");
        String csv = StaffPageSupport.field(form, "csv");
        String groupLabel = StaffPageSupport.field(form, "groupLabel");
        return forms.submit(request, () -> {
            PaperImport.ImportReport report = steps.importPaper(waveId, schoolId, questionnaire, csv, groupLabel);
            return HttpResponse.seeOther(URI.create("/staff/waves/" + waveId + "/schools/" + schoolId
                    + "/import?questionnaire=" + q(questionnaire) + "&stored=" + report.stored()
                    + "&present=" + report.alreadyPresent()));
        }, refused -> {
            Locale locale = pages.locale(request);
            List<ImportJobPresenter.Problem> problems = refused.errors().stream().map(f -> presenter.problem(f, locale)).toList();
            return new ModelAndView<>("staff/exchange-import", importPage(request, auth, c, questionnaire, csv, "", problems));
        });
    }

    /**
     * The import of a file of any size up to {@code uklad.imports.max-size}, posted as
     * {@code multipart/form-data}: the CSRF token (the form's first part) is checked before the
     * file is read; the file is spooled to disk and imported as a job; the answer is the job's
     * page, which shows the progress and then the result.
     */
    @Post("/schools/{schoolId}/imports")
    @Produces(MediaType.TEXT_HTML)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @LargeUpload
    HttpResponse<?> upload(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                           @Part("csrfToken") @Nullable String csrfToken, @Part("questionnaire") @Nullable String questionnaire,
                           @Part("groupLabel") @Nullable String groupLabel, @Part("encoding") @Nullable String encoding,
                           @Nullable StreamingFileUpload file) {
        try {
            StaffPageSupport.requireCsrf(request, csrfToken);
            Checked c = check(auth, waveId, schoolId);
            return forms.submit(request, () -> {
                LoadedQuestionnaire q = steps.inWave(waveId, questionnaire);
                if (file == null || file.getFilename() == null || file.getFilename().isBlank()) {
                    throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("file", FieldCode.REQUIRED)));
                }
                ImportJobs.Spooled spooled = jobs.spool(file.asInputStream());
                java.util.UUID id = jobs.start(ImportJobs.Request.of(waveId, schoolId, q, encoding, groupLabel, auth), spooled);
                return HttpResponse.seeOther(URI.create(importBase(waveId, schoolId) + "/" + id));
            }, refused -> {
                Locale locale = pages.locale(request);
                List<ImportJobPresenter.Problem> problems = refused.errors().stream().map(f -> presenter.problem(f, locale)).toList();
                return new ModelAndView<>("staff/exchange-import", importPage(request, auth, c, questionnaire, "", "", problems));
            });
        } finally {
            if (file != null && !file.isComplete()) {
                file.discard(); // a refused upload is not read to its end
            }
        }
    }

    private static String importBase(long waveId, long schoolId) {
        return "/staff/waves/" + waveId + "/schools/" + schoolId + "/imports";
    }

    /** A streamed import: a progress bar while it runs (the page polls its status; without script, it refreshes), then the result. */
    @Get("/schools/{schoolId}/imports/{id}")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> job(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId,
                        @PathVariable java.util.UUID id) {
        Checked c = check(auth, waveId, schoolId);
        ImportJob job = jobs.find(id).filter(j -> j.waveId() == waveId && j.schoolId() == schoolId)
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        String self = importBase(waveId, schoolId) + "/" + id;
        return page("staff/exchange-import-job", presenter.page(pages.chrome(request, auth), job, c.wave().name(), c.school().name(),
                "/api/v1" + self, self, "/staff/waves/" + waveId + "/schools/" + schoolId + "/import", pages.locale(request)),
                HttpStatus.OK);
    }
}
