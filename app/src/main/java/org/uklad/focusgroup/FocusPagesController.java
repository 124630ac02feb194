package org.uklad.focusgroup;

import static org.uklad.account.StaffForms.echo;
import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusPages.ParticipantRow;
import org.uklad.questionnaires.Respondent;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The focus-group pages of the staff workspace: the list by school and wave, a new session, the
 * session (notes per guide question, coding of excerpts, quick polls), the summary beside the
 * survey indices, CSV export and import. Forms are read with {@link StaffPageSupport#form}, never
 * {@code @Body} (the CSRF filter reads the body); the pages are built by {@link FocusPresenter}.
 * Psychologists of the school and administrators edit; directors read the summary only.
 */
@Controller("/staff/focus-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class FocusPagesController {

    static final int PARTICIPANT_ROWS = 4;

    private final StaffPageSupport pages;
    private final StaffForms forms;
    private final FocusPresenter presenter;
    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls quickPolls;
    private final FocusSummaries summaries;
    private final FocusCsv csv;

    FocusPagesController(StaffPageSupport pages, StaffForms forms, FocusPresenter presenter, FocusSessions sessions,
                         FocusCoding coding, FocusPolls quickPolls, FocusSummaries summaries, FocusCsv csv) {
        this.pages = pages;
        this.forms = forms;
        this.presenter = presenter;
        this.sessions = sessions;
        this.coding = coding;
        this.quickPolls = quickPolls;
        this.summaries = summaries;
        this.csv = csv;
    }

    @Nullable
    private static Long id(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    // ---- list ------------------------------------------------------------------------------

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String school,
                         @QueryValue @Nullable String wave, @QueryValue @Nullable String notice) {
        return page("staff/focus/list", presenter.listPage(request, auth, id(school), id(wave), Map.of(), Map.of(), notice),
                HttpStatus.OK);
    }

    @Post("/codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addCode(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String code = StaffPageSupport.field(form, "code");
        String ru = StaffPageSupport.field(form, "labelRu");
        String en = StaffPageSupport.field(form, "labelEn");
        return forms.submit(request, () -> {
            coding.addCode(auth, code, ru, en);
            return redirect("/staff/focus-groups?notice=code");
        }, refused -> new ModelAndView<>("staff/focus/list", presenter.listPage(request, auth, null, null, refused.shown(),
                Map.of("code", echo(code, 140), "labelRu", echo(ru, 300), "labelEn", echo(en, 300)), null)));
    }

    // ---- new session ---------------------------------------------------------------------------

    @Get("/new")
    HttpResponse<?> newForm(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String school,
                            @QueryValue @Nullable String wave) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("school", school == null ? "" : school);
        values.put("wave", wave == null ? "" : wave);
        values.put("heldOn", LocalDate.now().toString());
        Object name = auth.getAttributes().get("displayName");
        values.put("moderator", name == null ? "" : name.toString());
        List<ParticipantRow> rows = new ArrayList<>();
        for (int i = 0; i < PARTICIPANT_ROWS; i++) {
            rows.add(new ParticipantRow("", "", ""));
        }
        return page("staff/focus/new", presenter.newPage(request, auth, values, rows, Map.of()), HttpStatus.OK);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        // the service validates what was sent; only what is echoed back into the form is shortened
        Map<String, String> sent = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : List.of("school", "wave", "audience", "heldOn", "moderator", "guide")) {
            sent.put(f, StaffPageSupport.field(form, f));
            values.put(f, echo(sent.get(f), 300));
        }
        List<String> roles = form.getOrDefault("pRole", List.of());
        List<String> grades = form.getOrDefault("pGrade", List.of());
        List<String> counts = form.getOrDefault("pCount", List.of());
        List<ParticipantRow> rows = new ArrayList<>();
        List<Participants> participants = new ArrayList<>();
        List<FieldError> parseErrors = new ArrayList<>();
        for (int i = 0; i < Math.min(20, Math.max(PARTICIPANT_ROWS, counts.size())); i++) {
            String role = i < roles.size() ? roles.get(i) : "";
            String grade = i < grades.size() ? grades.get(i) : "";
            String count = i < counts.size() ? counts.get(i).strip() : "";
            rows.add(new ParticipantRow(echo(role, 120), echo(grade, 105), echo(count, 105)));
            if (count.isEmpty()) {
                continue;
            }
            ParticipantRole r = Arrays.stream(ParticipantRole.values()).filter(x -> x.name().equals(role)).findFirst()
                    .orElse(null);
            try {
                participants.add(new Participants(r, grade.isBlank() ? 0 : Integer.parseInt(grade.strip()),
                        Integer.parseInt(count)));
            } catch (NumberFormatException e) {
                parseErrors.add(FieldError.of("participants", FieldCode.RANGE, 1, 100));
            }
        }
        Respondent audience = Arrays.stream(Respondent.values()).filter(r -> r.name().equals(sent.get("audience")))
                .findFirst().orElse(null);
        LocalDate heldOn = null;
        try {
            heldOn = LocalDate.parse(sent.get("heldOn"));
        } catch (DateTimeParseException e) {
            // reported by the service as invalid-date
        }
        NewSession session = new NewSession(id(sent.get("school")), id(sent.get("wave")), audience, heldOn,
                sent.get("moderator"), sent.get("guide"), participants);
        return forms.submit(request, parseErrors, false,
                () -> redirect("/staff/focus-groups/" + sessions.create(auth, session).id()),
                refused -> new ModelAndView<>("staff/focus/new", presenter.newPage(request, auth, values, rows,
                        renamed(refused.shown(),
                        k -> k.startsWith("participants") ? "participants" : k))));
    }

    /** The errors shown at the form's own field names (the service names each participant row, each count). */
    private static Map<String, String> renamed(Map<String, String> errors, UnaryOperator<String> field) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((k, v) -> out.putIfAbsent(field.apply(k), v));
        return out;
    }

    // ---- session -----------------------------------------------------------------------------

    @Get("/{id}")
    HttpResponse<?> session(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                            @QueryValue @Nullable String notice) {
        Session s = sessions.editable(auth, id);
        return page("staff/focus/session", presenter.sessionPage(request, auth, s, presenter.notes(s), Map.of(), Map.of(),
                presenter.notice(notice, pages.locale(request))), HttpStatus.OK);
    }

    @Post("/{id}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> notes(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Session s = sessions.editable(auth, id);
        Map<String, String> notes = new LinkedHashMap<>();
        StaffPageSupport.form(request).forEach((k, v) -> {
            if (k.startsWith("note.") && !v.isEmpty()) {
                notes.put(k.substring(5), v.getFirst());
            }
        });
        return forms.submit(request, () -> {
            sessions.saveNotes(auth, id, notes);
            return redirect("/staff/focus-groups/" + id + "?notice=saved#notes");
        }, refused -> sessionForm(request, auth, s, notes, Map.of(), refused.shown()));
    }

    private ModelAndView<?> sessionForm(HttpRequest<?> request, Authentication auth, Session s, Map<String, String> notes,
                                        Map<String, String> values, Map<String, String> errors) {
        return new ModelAndView<>("staff/focus/session", presenter.sessionPage(request, auth, s, notes, values, errors, null));
    }

    @Post("/{id}/excerpts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addExcerpt(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Session s = sessions.editable(auth, id);
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : List.of("questionId", "text", "code", "sentiment", "tags", "representative")) {
            values.put(f, StaffPageSupport.field(form, f));
        }
        Sentiment sentiment = Arrays.stream(Sentiment.values()).filter(x -> x.name().equals(values.get("sentiment")))
                .findFirst().orElse(null);
        return forms.submit(request, () -> {
            coding.addExcerpt(auth, id, new NewExcerpt(values.get("questionId"), values.get("text"), values.get("code"),
                    sentiment, List.of(values.get("tags")), !values.get("representative").isEmpty()));
            return redirect("/staff/focus-groups/" + id + "?notice=saved#excerpts");
        }, refused -> sessionForm(request, auth, s, presenter.notes(s), echo(values, 20_000), refused.shown()));
    }

    @Post("/{id}/excerpts/{excerptId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deleteExcerpt(Authentication auth, @PathVariable long id, @PathVariable long excerptId) {
        coding.deleteExcerpt(auth, id, excerptId);
        return redirect("/staff/focus-groups/" + id + "#excerpts");
    }

    @Post("/{id}/polls")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addPoll(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Session s = sessions.editable(auth, id);
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("theme", StaffPageSupport.field(form, "theme"));
        values.put("question", StaffPageSupport.field(form, "pollQuestion"));
        List<Integer> counts = new ArrayList<>();
        for (int point = 1; point <= 5; point++) {
            String v = StaffPageSupport.field(form, "count" + point).strip();
            values.put("count" + point, echo(v, 6));
            try {
                counts.add(v.isEmpty() ? 0 : Integer.parseInt(v));
            } catch (NumberFormatException e) {
                counts.add(-1);   // the service reports it as out of range for this point
            }
        }
        return forms.submit(request, () -> {
            quickPolls.addPoll(auth, id, new NewPoll(values.get("theme"), values.get("question"), counts));
            return redirect("/staff/focus-groups/" + id + "?notice=saved#polls");
        }, refused -> sessionForm(request, auth, s, presenter.notes(s), echo(values, 1000),
                renamed(refused.shown(),
                k -> k.startsWith("counts") ? "counts" : k.equals("question") ? "pollQuestion" : k)));
    }

    // ---- summary -----------------------------------------------------------------------------

    @Get("/summary")
    HttpResponse<?> summary(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String school,
                            @QueryValue @Nullable String wave) {
        Long schoolId = id(school);
        Long waveId = id(wave);
        if (schoolId == null || waveId == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        FocusSummaries.Summary summary = summaries.summary(auth, schoolId, waveId, pages.locale(request).getLanguage());
        return page("staff/focus/summary", presenter.summaryPage(request, auth, summary, schoolId), HttpStatus.OK);
    }

    // ---- CSV ---------------------------------------------------------------------------------

    @Get("/export.csv")
    @Produces("text/csv;charset=utf-8")
    HttpResponse<?> export(Authentication auth, @QueryValue String school, @QueryValue String wave) {
        Long schoolId = id(school);
        Long waveId = id(wave);
        if (schoolId == null || waveId == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        String body = csv.export(auth, schoolId, waveId);
        return HttpResponse.ok(body.getBytes(StandardCharsets.UTF_8)).contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"focus-excerpts-" + schoolId + "-" + waveId + ".csv\"");
    }

    @Post("/import")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> importCsv(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Long schoolId = id(StaffPageSupport.field(form, "school"));
        Long waveId = id(StaffPageSupport.field(form, "wave"));
        if (schoolId == null || waveId == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return forms.submit(request, () -> {
            csv.importCsv(auth, schoolId, waveId, StaffPageSupport.field(form, "csv"));
            return redirect("/staff/focus-groups?school=" + schoolId + "&wave=" + waveId + "&notice=imported");
        }, refused -> new ModelAndView<>("staff/focus/list", presenter.listPage(request, auth, schoolId, waveId,
                Map.of("csv", presenter.csvErrors(refused.errors(), pages.locale(request))), Map.of(), null)));
    }
}
