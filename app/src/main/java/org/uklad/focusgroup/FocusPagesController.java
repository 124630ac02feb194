package org.uklad.focusgroup;

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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.Role;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusPages.BlockView;
import org.uklad.focusgroup.FocusPages.ExcerptView;
import org.uklad.focusgroup.FocusPages.Option;
import org.uklad.focusgroup.FocusPages.ParticipantRow;
import org.uklad.focusgroup.FocusPages.PollView;
import org.uklad.focusgroup.FocusPages.QuestionView;
import org.uklad.focusgroup.FocusPages.SessionRow;
import org.uklad.questionnaires.GuideBlock;
import org.uklad.questionnaires.GuideQuestion;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ReportFormat;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The focus-group pages of the staff workspace: the list by school and wave, a new session, the
 * session (notes per guide question, coding of excerpts, quick polls), the summary beside the
 * survey indices, CSV export and import. Forms are read with {@link StaffPageSupport#form}, never
 * {@code @Body} (the CSRF filter reads the body). Psychologists of the school and administrators
 * edit; directors read the summary only.
 */
@Controller("/staff/focus-groups")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class FocusPagesController {

    static final int PARTICIPANT_ROWS = 4;

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final FocusGuides guides;
    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls quickPolls;
    private final FocusSummaries summaries;
    private final FocusCsv csv;

    FocusPagesController(StaffPageSupport pages, SchoolScope scope, Schools schools, Waves waves, FocusGuides guides,
                         FocusSessions sessions, FocusCoding coding, FocusPolls quickPolls, FocusSummaries summaries,
                         FocusCsv csv) {
        this.pages = pages;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.guides = guides;
        this.sessions = sessions;
        this.coding = coding;
        this.quickPolls = quickPolls;
        this.summaries = summaries;
        this.csv = csv;
    }


    private static Long id(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern ROW_FIELD = java.util.regex.Pattern.compile("row (\\d+)\\.(.*)");

    private String schoolName(long id) {
        return schools.find(id).map(School::name).orElse("#" + id);
    }

    private String waveName(long id) {
        return waves.find(id).map(Wave::name).orElse("#" + id);
    }

    private String audience(Respondent r, Locale locale) {
        return pages.text("focus.audience." + r.name(), locale);
    }

    // ---- list ------------------------------------------------------------------------------

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String school,
                         @QueryValue @Nullable String wave, @QueryValue @Nullable String notice) {
        return page("staff/focus/list", listPage(request, auth, id(school), id(wave), Map.of(), Map.of(), notice),
                HttpStatus.OK);
    }

    private FocusPages.ListPage listPage(HttpRequest<?> request, Authentication auth, @Nullable Long school,
                                         @Nullable Long wave, Map<String, String> errors, Map<String, String> values,
                                         @Nullable String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<org.uklad.school.School> readable = scope.readableSchoolRecords(auth);
        List<org.uklad.wave.Wave> allWaves = waves.all();
        List<Option> schoolOptions = readable.stream()
                .map(s -> new Option(String.valueOf(s.id()), s.name(), school != null && s.id() == school.longValue())).toList();
        List<Option> waveOptions = allWaves.stream()
                .map(w -> new Option(String.valueOf(w.id()), w.name(), wave != null && w.id() == wave.longValue())).toList();
        // names from the lists already loaded, not two lookups per row
        Map<Long, String> schoolNames = new java.util.HashMap<>();
        readable.forEach(s -> schoolNames.put(s.id(), s.name()));
        Map<Long, String> waveNames = new java.util.HashMap<>();
        allWaves.forEach(w -> waveNames.put(w.id(), w.name()));
        boolean canEdit = school != null && scope.canEdit(auth, school);
        Role role = Role.of(auth).orElseThrow();
        boolean editor = role == Role.ADMIN || role == Role.PSYCHOLOGIST;
        List<SessionRow> rows = sessions.editableSessions(auth).stream()
                .filter(s -> (school == null || s.schoolId() == school) && (wave == null || s.waveId() == wave))
                .map(s -> new SessionRow(s.id(), schoolNames.computeIfAbsent(s.schoolId(), this::schoolName),
                        waveNames.computeIfAbsent(s.waveId(), this::waveName), audience(s.audience(), locale),
                        s.heldOn().toString(), s.moderator(), guideTitle(s, lang), s.participantTotal()))
                .toList();
        List<Option> codes = coding.codeLabels(lang).entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), false)).toList();
        return new FocusPages.ListPage(pages.chrome(request, auth), schoolOptions, waveOptions, school, wave, canEdit,
                editor, rows, codes, errors, values, notice == null ? null : pages.text("focus.notice." + notice(notice), locale));
    }

    private static String notice(String n) {
        return switch (n) {
            case "code", "imported" -> n;
            default -> "saved";
        };
    }

    private String guideTitle(Session s, String lang) {
        if (s.guideKey() == null) {
            return "—";
        }
        return guides.find(s.guideKey()).map(g -> g.guide().title().in(lang)).orElse(s.guideKey());
    }

    @Post("/codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addCode(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String code = StaffPageSupport.field(form, "code");
        String ru = StaffPageSupport.field(form, "labelRu");
        String en = StaffPageSupport.field(form, "labelEn");
        try {
            coding.addCode(auth, code, ru, en);
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> values = Map.of("code", cut(code, 40), "labelRu", cut(ru, 200), "labelEn", cut(en, 200));
            return page("staff/focus/list", listPage(request, auth, null, null,
                    pages.errors(e.fieldErrors(), pages.locale(request)), values, null), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/focus-groups?notice=code"));
    }

    private static String cut(String s, int max) {
        return s.length() > max + 100 ? "" : s;
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
        return page("staff/focus/new", newPage(request, auth, values, rows, Map.of()), HttpStatus.OK);
    }

    private FocusPages.NewPage newPage(HttpRequest<?> request, Authentication auth, Map<String, String> values,
                                       List<ParticipantRow> participants, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<Option> schoolOptions = scope.readableSchoolRecords(auth).stream().filter(s -> scope.canEdit(auth, s.id()))
                .map(s -> new Option(String.valueOf(s.id()), s.name(), String.valueOf(s.id()).equals(values.get("school"))))
                .toList();
        if (schoolOptions.isEmpty()) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        List<Option> waveOptions = waves.all().stream()
                .map(w -> new Option(String.valueOf(w.id()), w.name(), String.valueOf(w.id()).equals(values.get("wave"))))
                .toList();
        List<Option> audiences = Arrays.stream(Respondent.values())
                .map(r -> new Option(r.name(), audience(r, locale), r.name().equals(values.get("audience")))).toList();
        List<Option> guideOptions = new ArrayList<>();
        guideOptions.add(new Option("", pages.text("focus.session.noGuide", locale), "".equals(values.getOrDefault("guide", ""))));
        guides.all().forEach(g -> guideOptions.add(new Option(g.guide().key(),
                g.guide().title().in(lang) + " (" + audience(g.guide().respondent(), locale) + ")",
                g.guide().key().equals(values.get("guide")))));
        List<Option> roles = Arrays.stream(ParticipantRole.values())
                .map(r -> new Option(r.name(), pages.text("focus.role." + r.name(), locale), false)).toList();
        return new FocusPages.NewPage(pages.chrome(request, auth), schoolOptions, waveOptions, audiences, guideOptions,
                roles, participants, values, errors);
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
            values.put(f, cut(sent.get(f), 200));
        }
        List<String> roles = form.getOrDefault("pRole", List.of());
        List<String> grades = form.getOrDefault("pGrade", List.of());
        List<String> counts = form.getOrDefault("pCount", List.of());
        List<ParticipantRow> rows = new ArrayList<>();
        List<Participants> participants = new ArrayList<>();
        List<org.uklad.system.FieldError> parseErrors = new ArrayList<>();
        for (int i = 0; i < Math.min(20, Math.max(PARTICIPANT_ROWS, counts.size())); i++) {
            String role = i < roles.size() ? roles.get(i) : "";
            String grade = i < grades.size() ? grades.get(i) : "";
            String count = i < counts.size() ? counts.get(i).strip() : "";
            rows.add(new ParticipantRow(cut(role, 20), cut(grade, 5), cut(count, 5)));
            if (count.isEmpty()) {
                continue;
            }
            ParticipantRole r = Arrays.stream(ParticipantRole.values()).filter(x -> x.name().equals(role)).findFirst()
                    .orElse(null);
            int g;
            int n;
            try {
                g = grade.isBlank() ? 0 : Integer.parseInt(grade.strip());
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                parseErrors.add(org.uklad.system.FieldError.of("participants", "range", 1, 100));
                continue;
            }
            participants.add(new Participants(r, g, n));
        }
        Respondent audience = Arrays.stream(Respondent.values()).filter(r -> r.name().equals(sent.get("audience")))
                .findFirst().orElse(null);
        LocalDate heldOn = null;
        try {
            heldOn = LocalDate.parse(sent.get("heldOn"));
        } catch (DateTimeParseException e) {
            // reported by the service as invalid-date
        }
        try {
            if (!parseErrors.isEmpty()) {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, parseErrors);
            }
            Session s = sessions.create(auth, new NewSession(id(sent.get("school")), id(sent.get("wave")), audience,
                    heldOn, sent.get("moderator"), sent.get("guide"), participants));
            return HttpResponse.seeOther(URI.create("/staff/focus-groups/" + s.id()));
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            pages.errors(e.fieldErrors(), pages.locale(request)).forEach((k, v) ->
                    errors.putIfAbsent(k.startsWith("participants") ? "participants" : k, v));
            return page("staff/focus/new", newPage(request, auth, values, rows, errors), HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    // ---- session -----------------------------------------------------------------------------

    @Get("/{id}")
    HttpResponse<?> session(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                            @QueryValue @Nullable String notice) {
        Session s = sessions.editable(auth, id);
        Map<String, String> notes = new LinkedHashMap<>();
        sessions.notes(s).forEach(n -> notes.put(n.questionId(), n.text()));
        return page("staff/focus/session", sessionPage(request, auth, s, notes, Map.of(), Map.of(),
                notice == null ? null : pages.text("focus.notice." + notice(notice), pages.locale(request))), HttpStatus.OK);
    }

    private FocusPages.SessionPage sessionPage(HttpRequest<?> request, Authentication auth, Session s,
                                               Map<String, String> notes, Map<String, String> values,
                                               Map<String, String> errors, @Nullable String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        Map<String, String> labels = coding.codeLabels(lang);
        List<BlockView> blocks = new ArrayList<>();
        List<Option> questions = new ArrayList<>();
        Map<String, String> questionText = new LinkedHashMap<>();
        String general = pages.text("focus.session.general", locale);
        questionText.put(FocusGuides.GENERAL, general);
        var guide = s.guideKey() == null ? null : guides.find(s.guideKey()).orElse(null);
        if (guide != null) {
            for (GuideBlock b : guide.guide().blocks()) {
                List<QuestionView> qs = new ArrayList<>();
                for (GuideQuestion q : b.questions()) {
                    qs.add(new QuestionView(q.id(), q.text().in(lang), q.probes().stream().map(p -> p.in(lang)).toList(),
                            notes.getOrDefault(q.id(), ""), errors.getOrDefault("note." + q.id(), "")));
                    questionText.put(q.id(), q.text().in(lang));
                }
                blocks.add(new BlockView(b.title().in(lang), b.construct() == null ? "" : labels.getOrDefault(b.construct(), ""),
                        b.minutes(), qs));
            }
        }
        blocks.add(new BlockView(general, "", 0, List.of(new QuestionView(FocusGuides.GENERAL,
                pages.text("focus.session.generalHelp", locale), List.of(), notes.getOrDefault(FocusGuides.GENERAL, ""),
                errors.getOrDefault("note." + FocusGuides.GENERAL, "")))));
        String chosenQuestion = values.getOrDefault("questionId", "");
        questionText.forEach((qid, text) -> questions.add(new Option(qid,
                (qid.equals(FocusGuides.GENERAL) ? "" : qid + ": ") + text, qid.equals(chosenQuestion))));
        List<Option> codes = labels.entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), e.getKey().equals(values.get("code")))).toList();
        List<ExcerptView> excerpts = coding.excerpts(s).stream().map(e -> new ExcerptView(e.id(),
                e.questionId() == null ? "" : e.questionId(), e.text(), labels.getOrDefault(e.code(), e.code()),
                pages.text("focus.sentiment." + e.sentiment().name(), locale), String.join(", ", e.tags()),
                e.representative())).toList();
        List<PollView> polls = quickPolls.polls(s).stream().map(p -> pollView(p, labels, locale)).toList();
        String participants = String.join("; ", s.participants().stream().map(p -> pages.text("focus.role." + p.role().name(), locale)
                + (p.grade() > 0 ? " " + p.grade() + " " + pages.text("focus.grade", locale) : "") + ": " + p.count()).toList());
        return new FocusPages.SessionPage(pages.chrome(request, auth), s.id(), schoolName(s.schoolId()), s.schoolId(),
                s.waveId(), waveName(s.waveId()), audience(s.audience(), locale), s.heldOn().toString(), s.moderator(),
                guide == null ? "—" : guide.guide().title().in(lang), s.guideHash() == null ? "" : s.guideHash().substring(0, 12),
                participants, blocks, questions, codes, excerpts, polls, values, errors, notice);
    }

    PollView pollView(Poll p, Map<String, String> labels, Locale locale) {
        Double mean = p.mean();
        return new PollView(labels.getOrDefault(p.theme(), p.theme()), p.question(), p.counts(), p.total(),
                mean == null ? "—" : String.format(locale, "%.2f", mean));
    }

    @Post("/{id}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> notes(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Session s = sessions.editable(auth, id);
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Map<String, String> notes = new LinkedHashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith("note.") && !v.isEmpty()) {
                notes.put(k.substring(5), v.getFirst());
            }
        });
        try {
            sessions.saveNotes(auth, id, notes);
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            return page("staff/focus/session", sessionPage(request, auth, s, notes, Map.of(),
                    pages.errors(e.fieldErrors(), pages.locale(request)), null), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/focus-groups/" + id + "?notice=saved#notes"));
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
        try {
            coding.addExcerpt(auth, id, new NewExcerpt(values.get("questionId"), values.get("text"), values.get("code"),
                    sentiment, List.of(values.get("tags")), !values.get("representative").isEmpty()));
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> notes = new LinkedHashMap<>();
            sessions.notes(s).forEach(n -> notes.put(n.questionId(), n.text()));
            values.replaceAll((k, v) -> v.length() > 20_000 ? "" : v);
            return page("staff/focus/session", sessionPage(request, auth, s, notes, values,
                    pages.errors(e.fieldErrors(), pages.locale(request)), null), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/focus-groups/" + id + "?notice=saved#excerpts"));
    }

    @Post("/{id}/excerpts/{excerptId}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> deleteExcerpt(Authentication auth, @PathVariable long id, @PathVariable long excerptId) {
        coding.deleteExcerpt(auth, id, excerptId);
        return HttpResponse.seeOther(URI.create("/staff/focus-groups/" + id + "#excerpts"));
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
            values.put("count" + point, v.length() > 6 ? "" : v);
            try {
                counts.add(v.isEmpty() ? 0 : Integer.parseInt(v));
            } catch (NumberFormatException e) {
                counts.add(-1);   // the service reports it as out of range for this point
            }
        }
        try {
            quickPolls.addPoll(auth, id, new NewPoll(values.get("theme"), values.get("question"), counts));
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> notes = new LinkedHashMap<>();
            sessions.notes(s).forEach(n -> notes.put(n.questionId(), n.text()));
            Map<String, String> errors = new LinkedHashMap<>();
            pages.errors(e.fieldErrors(), pages.locale(request)).forEach((k, v) ->
                    errors.putIfAbsent(k.startsWith("counts") ? "counts" : k.equals("question") ? "pollQuestion" : k, v));
            values.replaceAll((k, v) -> v.length() > 1000 ? "" : v);
            return page("staff/focus/session", sessionPage(request, auth, s, notes, values, errors, null),
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/focus-groups/" + id + "?notice=saved#polls"));
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
        Locale locale = pages.locale(request);
        FocusSummaries.Summary summary = summaries.summary(auth, schoolId, waveId, locale.getLanguage());
        // the same figures, written the same way, as in the PDF summary's focus-group section
        ReportFormat f = new ReportFormat(locale, java.time.ZoneOffset.UTC);
        List<FocusPages.TriangulationView> tri = summary.triangulation().stream().map(t -> new FocusPages.TriangulationView(
                audience(t.audience(), locale), t.label(), t.excerpts(), f.signedCoefficient(t.balance()),
                t.surveyScore() == null ? pages.text("focus.summary.noSurvey", locale) : f.score(t.surveyScore()),
                pages.text("focus.agreement." + t.agreement().name(), locale), t.flagged())).toList();
        List<PollView> polls = summary.polls().stream().map(p -> new PollView(p.label() + " · " + audience(p.audience(), locale),
                p.question(), p.counts(), p.total(), p.mean() == null ? "—" : String.format(locale, "%.2f", p.mean()))).toList();
        return page("staff/focus/summary", new FocusPages.SummaryPage(pages.chrome(request, auth), summary,
                scope.canEdit(auth, schoolId), tri, polls), HttpStatus.OK);
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
                .header("Content-Disposition", "attachment; filename=\"focus-excerpts-" + schoolId + "-" + waveId + ".csv\"")
                .header("Cache-Control", "no-store");
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
        try {
            csv.importCsv(auth, schoolId, waveId, StaffPageSupport.field(form, "csv"));
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            Locale locale = pages.locale(request);
            List<String> lines = new ArrayList<>();
            e.fieldErrors().forEach(fe -> {
                String message = pages.text("field." + fe.code(), locale, fe.args().toArray());
                // "row 3.text" from the importer reads as "Строка 3, столбец text" on the page
                java.util.regex.Matcher row = ROW_FIELD.matcher(fe.field());
                lines.add(row.matches() ? pages.text("focus.csv.rowError", locale, row.group(1), row.group(2), message)
                        : pages.text("focus.csv.fileError", locale, fe.field(), message));
            });
            errors.put("csv", String.join(" · ", lines));
            return page("staff/focus/list", listPage(request, auth, schoolId, waveId, errors, Map.of(), null),
                    HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/focus-groups?school=" + schoolId + "&wave=" + waveId + "&notice=imported"));
    }
}
