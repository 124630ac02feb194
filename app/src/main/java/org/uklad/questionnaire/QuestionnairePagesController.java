package org.uklad.questionnaire;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages;
import org.uklad.audit.AuditLog;
import org.uklad.questionnaires.SourceFile;
import org.uklad.system.ErrorCode;
import org.uklad.system.ReportFormat;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;

/**
 * The coordinator's questionnaires page: every stored version, and a form to import a new or changed
 * instrument (the YAML file as text). An unchanged file makes no new version; a changed one the
 * next version; a file with problems stores nothing and the page lists each problem with its line.
 */
@Controller("/staff/questionnaires")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class QuestionnairePagesController {

    private final StaffPageSupport pages;
    private final QuestionnaireRegistry registry;
    private final AuditLog audit;
    /** Import days in the same zone as every other date staff see. */
    private final ReportFormats formats;

    QuestionnairePagesController(StaffPageSupport pages, QuestionnaireRegistry registry, AuditLog audit,
                                 ReportFormats formats) {
        this.pages = pages;
        this.registry = registry;
        this.audit = audit;
        this.formats = formats;
    }

    /** One stored version as listed. */
    public record Row(long id, String key, String version, String respondent, String title, String source, String imported) {}

    /** The page: versions, the import form's values, the problems of a refused file, the notice of the last import. */
    @Introspected
    public record QuestionnairesPage(StaffPages.Chrome chrome, List<Row> versions, String name, String text,
                                     List<String> problems, String notice) {}

    @Get("{?notice}")
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        Locale locale = pages.locale(request);
        String shown = notice == null || !notice.matches("(created|unchanged)-[a-z][a-z0-9-]{0,63}-\\d{1,6}") ? ""
                : pages.text("questionnaires.notice." + notice.substring(0, notice.indexOf('-')), locale,
                notice.substring(notice.indexOf('-') + 1, notice.lastIndexOf('-')), notice.substring(notice.lastIndexOf('-') + 1));
        return page(request, auth, "", "", List.of(), shown, HttpStatus.OK);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> importFile(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String name = StaffPageSupport.field(form, "name").strip();
        String text = StaffPageSupport.field(form, "text");
        String sourceName = name.isEmpty() ? "uploaded.yaml" : name.length() > 200 ? name.substring(0, 200) : name;
        if (text.isBlank()) {
            return page(request, auth, sourceName, text, List.of(pages.text("questionnaires.empty", pages.locale(request))), "",
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        try {
            ImportResult result = registry.importFile(new SourceFile(sourceName, text));
            if (result.created()) {
                audit.record(AuditLog.Action.QUESTIONNAIRE_IMPORTED, "questionnaire " + result.key(),
                        "version " + result.version() + " from " + sourceName);
            }
            return HttpResponse.seeOther(URI.create("/staff/questionnaires?notice=" + (result.created() ? "created" : "unchanged")
                    + "-" + result.key() + "-" + result.version()));
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.QUESTIONNAIRE_INVALID) {
                throw e;
            }
            // each problem with where it is ("line 12: …"), as the validator words it
            List<String> problems = e.fieldErrors().stream().map(fe -> fe.field() + ": " + fe.args().getFirst()).toList();
            return page(request, auth, sourceName, text, problems, "", HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    private HttpResponse<?> page(HttpRequest<?> request, Authentication auth, String name, String text, List<String> problems,
                                 String notice, HttpStatus status) {
        boolean en = "en".equals(pages.locale(request).getLanguage());
        Locale locale = pages.locale(request);
        ReportFormat format = formats.of(locale);
        List<Row> rows = registry.list().stream().map(q -> new Row(q.id(), q.key(), Integer.toString(q.version()),
                pages.text("report.role." + q.respondent().toLowerCase(Locale.ROOT), locale), en ? q.titleEn() : q.titleRu(),
                q.sourceName(), format.date(q.importedAt()))).toList();
        return HttpResponse.status(status).body(new ModelAndView<>("staff/questionnaires",
                new QuestionnairesPage(pages.chrome(request, auth), rows, name, text, problems, notice)));
    }
}
