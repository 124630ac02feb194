package org.uklad.dashboard;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;
import java.util.List;
import java.util.Locale;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.audit.AuditLog;
import org.uklad.indices.IndicesService;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.response.FreeTextAnswers;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The free-text answers of a school in a wave, for psychologists of the school and coordinators
 * only: directors get 403 here and in the API (free text can name people and is not for the
 * school's management). Answers come per question, alphabetically, with no date or response id,
 * and only from questionnaires answered by at least the anonymity threshold of respondents.
 * Every successful read, page or API, is in the audit log (who, which wave and school, which
 * questionnaires' texts were shown); a refused one is not a read and is not logged.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({"ADMIN", "PSYCHOLOGIST"})
class FreeTextController {

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final FreeTextAnswers answers;
    private final IndicesService indices;
    private final AuditLog audit;
    private final ReportFormats formats;

    FreeTextController(StaffPageSupport pages, SchoolScope scope, Schools schools, Waves waves, FreeTextAnswers answers,
                       IndicesService indices, AuditLog audit, ReportFormats formats) {
        this.pages = pages;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.answers = answers;
        this.indices = indices;
        this.audit = audit;
        this.formats = formats;
    }

    /** The page's view model; counts already formatted. */
    @io.micronaut.core.annotation.Introspected
    record FreeTextPage(org.uklad.account.StaffPages.Chrome chrome, long waveId, long schoolId, String waveName,
                        String schoolName, List<Block> questionnaires) {}

    record Block(String key, String title, String respondent, String respondents, boolean suppressed,
                 String suppressedText, List<Question> questions) {}

    record Question(String id, String text, String count, List<String> answers) {}

    /** The API's answer. */
    @Serdeable
    record FreeText(long waveId, long schoolId, int minGroupSize, List<FreeTextAnswers.Block> questionnaires) {}

    private record Read(Wave wave, School school, int minGroupSize, List<FreeTextAnswers.Block> blocks) {}

    /**
     * Checks access, reads the answers and logs the read. Scope first, so a psychologist cannot
     * learn from 404 versus 403 which ids exist; the log names the questionnaires and whether
     * their texts were shown, never a text.
     */
    private Read read(Authentication auth, long waveId, long schoolId, String via) {
        scope.requireRead(auth, schoolId);
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        int k = indices.minGroupSize();
        List<FreeTextAnswers.Block> blocks = answers.of(waveId, schoolId, k);
        String shown = blocks.isEmpty() ? "no free-text questions" : String.join(", ", blocks.stream()
                .map(b -> b.questionnaireKey() + (b.suppressed() ? " (hidden: under " + k + ")" : " (shown)")).toList());
        audit.record(AuditLog.Action.FREE_TEXT_VIEWED, "wave " + waveId + ", school " + schoolId, via + ": " + shown);
        return new Read(wave, school, k, blocks);
    }

    @Get("/staff/waves/{waveId}/schools/{schoolId}/free-text")
    @Produces(MediaType.TEXT_HTML)
    HttpResponse<?> page(HttpRequest<?> request, Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        Read c = read(auth, waveId, schoolId, "page");
        Locale locale = pages.locale(request);
        boolean en = "en".equals(locale.getLanguage());
        ReportFormat f = formats.of(locale);
        String suppressed = pages.text("freetext.suppressed", locale, f.count(c.minGroupSize()));
        List<Block> blocks = c.blocks().stream().map(b -> new Block(b.questionnaireKey(),
                en ? b.titleEn() : b.titleRu(),
                pages.text("report.role." + b.respondent().toLowerCase(Locale.ROOT), locale),
                pages.text("freetext.respondents", locale, f.count(b.respondents())), b.suppressed(), suppressed,
                b.questions().stream().map(q -> new Question(q.itemId(), en ? q.textEn() : q.textRu(),
                        pages.text("freetext.count", locale, f.count(q.answers().size())), q.answers())).toList()))
                .toList();
        return HttpResponse.ok(new ModelAndView<>("staff/free-text", new FreeTextPage(pages.chrome(request, auth), waveId,
                schoolId, c.wave().name(), c.school().name(), blocks)));
    }

    /**
     * The free-text answers of a school in a wave, per questionnaire and question, alphabetically
     * (no dates, no response ids). A questionnaire with fewer respondents than the threshold is
     * {@code suppressed} and carries no text. ADMIN and the school's psychologists; directors 403.
     */
    @Get("/api/v1/staff/waves/{waveId}/schools/{schoolId}/free-text")
    @Produces(MediaType.APPLICATION_JSON)
    HttpResponse<FreeText> api(Authentication auth, @PathVariable long waveId, @PathVariable long schoolId) {
        Read c = read(auth, waveId, schoolId, "staff API");
        return HttpResponse.ok(new FreeText(waveId, schoolId, c.minGroupSize(), c.blocks()));
    }
}
