package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.uklad.focusgroup.Focus.Excerpt;
import org.uklad.focusgroup.Focus.ExtraCode;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.Note;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.questionnaires.Respondent;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * The focus-group JSON API, the same operations and access rules as the pages. Bodies are strict
 * JSON ({@link StrictJson}): unknown fields and wrong types are refused field by field. Session
 * callers send {@code X-CSRF-Token} on every change.
 */
@Controller("/api/v1/staff/focus-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class FocusApiController {

    private final StrictJson json;
    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls polls;
    private final FocusSummaries summaries;
    private final FocusCsv csv;

    FocusApiController(StrictJson json, FocusSessions sessions, FocusCoding coding, FocusPolls polls,
                       FocusSummaries summaries, FocusCsv csv) {
        this.json = json;
        this.sessions = sessions;
        this.coding = coding;
        this.polls = polls;
        this.summaries = summaries;
        this.csv = csv;
    }

    @Serdeable
    record SessionDetail(Session session, List<Note> notes, List<Excerpt> excerpts, List<Poll> polls) {}

    @Serdeable
    record CodeList(Map<String, String> codes, List<ExtraCode> extra) {}

    record NewCodeBody(String code, String labelRu, String labelEn) {}

    record NoteBody(String text) {}

    record ExcerptBody(String questionId, String text, String code, Sentiment sentiment, List<String> tags,
                       Boolean representative) {}

    @Get("/codes")
    CodeList codes(@QueryValue @Nullable String lang) {
        return new CodeList(coding.codeLabels(lang(lang)), coding.extraCodes());
    }

    @Post("/codes")
    HttpResponse<ExtraCode> addCode(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        NewCodeBody b = json.read(request, raw, NewCodeBody.class);
        return HttpResponse.created(coding.addCode(auth, b.code(), b.labelRu(), b.labelEn()));
    }

    @Get
    List<Session> sessions(Authentication auth, @QueryValue long school, @QueryValue long wave) {
        return sessions.sessions(auth, school, wave);
    }

    /** Body of a new session; participants are counts by role and grade, never names. */
    record SessionBody(@Nullable Long schoolId, @Nullable Long waveId, @Nullable Respondent audience,
                       @Nullable LocalDate heldOn, @Nullable String moderator, @Nullable String guide,
                       @Nullable List<ParticipantBody> participants) {}

    record ParticipantBody(@Nullable ParticipantRole role, @Nullable Integer grade, @Nullable Integer count) {}

    /** Body of a quick poll: how many participants chose each point of the card. */
    record PollBody(@Nullable String theme, @Nullable String question, @Nullable List<Integer> counts) {}

    @Post("/sessions")
    HttpResponse<Session> create(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        SessionBody body = json.read(request, raw, SessionBody.class);
        List<Participants> participants = body.participants() == null ? List.of() : body.participants().stream()
                .map(p -> new Participants(p.role(), p.grade() == null ? 0 : p.grade(), p.count() == null ? 0 : p.count()))
                .toList();
        Session s = sessions.create(auth, new NewSession(body.schoolId(), body.waveId(), body.audience(), body.heldOn(),
                body.moderator(), body.guide(), participants));
        return HttpResponse.created(s);
    }

    @Get("/sessions/{id}")
    SessionDetail session(Authentication auth, @PathVariable long id) {
        Session s = sessions.editable(auth, id);
        return new SessionDetail(s, sessions.notes(s), coding.excerpts(s), polls.polls(s));
    }

    @Put("/sessions/{id}/notes/{questionId}")
    HttpResponse<?> note(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                         @PathVariable String questionId, @Body @Nullable byte[] raw) {
        NoteBody b = json.read(request, raw, NoteBody.class);
        sessions.saveNotes(auth, id, Map.of(questionId, b.text() == null ? "" : b.text()));
        return HttpResponse.noContent();
    }

    @Post("/sessions/{id}/excerpts")
    HttpResponse<Excerpt> excerpt(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                  @Body @Nullable byte[] raw) {
        ExcerptBody b = json.read(request, raw, ExcerptBody.class);
        return HttpResponse.created(coding.addExcerpt(auth, id, new NewExcerpt(b.questionId(), b.text(), b.code(),
                b.sentiment(), b.tags() == null ? List.of() : b.tags(), Boolean.TRUE.equals(b.representative()))));
    }

    @Delete("/sessions/{id}/excerpts/{excerptId}")
    HttpResponse<?> deleteExcerpt(Authentication auth, @PathVariable long id, @PathVariable long excerptId) {
        coding.deleteExcerpt(auth, id, excerptId);
        return HttpResponse.noContent();
    }

    @Post("/sessions/{id}/polls")
    HttpResponse<Poll> poll(HttpRequest<?> request, Authentication auth, @PathVariable long id, @Body @Nullable byte[] raw) {
        PollBody body = json.read(request, raw, PollBody.class);
        if (body.counts() == null) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("counts", FieldCode.REQUIRED)));
        }
        return HttpResponse.created(polls.addPoll(auth, id, new NewPoll(body.theme(), body.question(), body.counts())));
    }

    @Get("/summary")
    FocusSummaries.Summary summary(Authentication auth, @QueryValue long school, @QueryValue long wave,
                                   @QueryValue @Nullable String lang) {
        return summaries.summary(auth, school, wave, lang(lang));
    }

    @Get(value = "/export.csv", produces = "text/csv;charset=utf-8")
    HttpResponse<byte[]> export(Authentication auth, @QueryValue long school, @QueryValue long wave) {
        return HttpResponse.ok(csv.export(auth, school, wave).getBytes(StandardCharsets.UTF_8))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"focus-excerpts-" + school + "-" + wave + ".csv\"");
    }

    @Post(value = "/import", consumes = {"text/csv", MediaType.TEXT_PLAIN})
    FocusCsv.ImportReport importCsv(Authentication auth, @QueryValue long school, @QueryValue long wave,
                                    @Body @Nullable byte[] raw) {
        return csv.importCsv(auth, school, wave, raw == null ? "" : new String(raw, StandardCharsets.UTF_8));
    }

    private static String lang(@Nullable String lang) {
        return "en".equals(lang) ? "en" : "ru";
    }
}
