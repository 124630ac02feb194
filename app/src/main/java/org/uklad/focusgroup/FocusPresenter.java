package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusPages.BlockView;
import org.uklad.focusgroup.FocusPages.ExcerptView;
import org.uklad.focusgroup.FocusPages.ParticipantRow;
import org.uklad.focusgroup.FocusPages.PollView;
import org.uklad.focusgroup.FocusPages.QuestionView;
import org.uklad.focusgroup.FocusPages.SessionRow;
import org.uklad.questionnaires.GuideBlock;
import org.uklad.questionnaires.GuideQuestion;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Builds the view models of the focus-group pages ({@link FocusPages}) from the sessions, guides
 * and summaries, in the page's language: what the user may choose, the notes per guide question,
 * excerpts, polls and the triangulation with the survey indices.
 */
@Singleton
class FocusPresenter {

    private final StaffPageSupport pages;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final FocusGuides guides;
    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls quickPolls;
    private final ReportFormats formats;

    FocusPresenter(StaffPageSupport pages, SchoolScope scope, Schools schools, Waves waves, FocusGuides guides,
                   FocusSessions sessions, FocusCoding coding, FocusPolls quickPolls, ReportFormats formats) {
        this.pages = pages;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.guides = guides;
        this.sessions = sessions;
        this.coding = coding;
        this.quickPolls = quickPolls;
        this.formats = formats;
    }

    private String schoolName(long id) {
        return schools.find(id).map(School::name).orElse("#" + id);
    }

    private String waveName(long id) {
        return waves.find(id).map(Wave::name).orElse("#" + id);
    }

    private String audience(Respondent r, Locale locale) {
        return pages.text("focus.audience." + r.name(), locale);
    }

    /** A notice named in the address, in words; an unknown name reads as "saved". */
    @Nullable
    String notice(@Nullable String notice, Locale locale) {
        if (notice == null) {
            return null;
        }
        String key = switch (notice) {
            case "code", "imported" -> notice;
            default -> "saved";
        };
        return pages.text("focus.notice." + key, locale);
    }

    FocusPages.ListPage listPage(HttpRequest<?> request, Authentication auth, @Nullable Long school, @Nullable Long wave,
                                 Map<String, String> errors, Map<String, String> values, @Nullable String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<School> readable = scope.readableSchoolRecords(auth);
        List<Wave> allWaves = waves.all();
        List<Option> schoolOptions = readable.stream()
                .map(s -> new Option(String.valueOf(s.id()), s.name(), school != null && s.id() == school.longValue())).toList();
        List<Option> waveOptions = allWaves.stream()
                .map(w -> new Option(String.valueOf(w.id()), w.name(), wave != null && w.id() == wave.longValue())).toList();
        // names from the lists already loaded, not two lookups per row
        Map<Long, String> schoolNames = new HashMap<>();
        readable.forEach(s -> schoolNames.put(s.id(), s.name()));
        Map<Long, String> waveNames = new HashMap<>();
        allWaves.forEach(w -> waveNames.put(w.id(), w.name()));
        boolean canEdit = school != null && scope.canEdit(auth, school);
        List<SessionRow> rows = sessions.editableSessions(auth).stream()
                .filter(s -> (school == null || s.schoolId() == school) && (wave == null || s.waveId() == wave))
                .map(s -> new SessionRow(s.id(), schoolNames.computeIfAbsent(s.schoolId(), this::schoolName),
                        waveNames.computeIfAbsent(s.waveId(), this::waveName), audience(s.audience(), locale),
                        formats.of(locale).date(s.heldOn()), s.moderator(), guideTitle(s, lang), s.participantTotal()))
                .toList();
        List<Option> codes = coding.codeLabels(lang).entrySet().stream()
                .map(e -> new Option(e.getKey(), e.getValue(), false)).toList();
        return new FocusPages.ListPage(pages.chrome(request, auth), schoolOptions, waveOptions, school, wave, canEdit,
                scope.mayManageWaves(auth), rows, codes, errors, values, notice(notice, locale));
    }

    private String guideTitle(Session s, String lang) {
        if (s.guideKey() == null) {
            return "—";
        }
        return guides.find(s.guideKey()).map(g -> g.guide().title().in(lang)).orElse(s.guideKey());
    }

    /** The new-session form; 403 for one who edits no school. */
    FocusPages.NewPage newPage(HttpRequest<?> request, Authentication auth, Map<String, String> values,
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

    /** The notes of a session as stored, by question. */
    Map<String, String> notes(Session s) {
        Map<String, String> notes = new LinkedHashMap<>();
        sessions.notes(s).forEach(n -> notes.put(n.questionId(), n.text()));
        return notes;
    }

    FocusPages.SessionPage sessionPage(HttpRequest<?> request, Authentication auth, Session s, Map<String, String> notes,
                                       Map<String, String> values, Map<String, String> errors, @Nullable String notice) {
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
                s.waveId(), waveName(s.waveId()), audience(s.audience(), locale), formats.of(locale).date(s.heldOn()), s.moderator(),
                guide == null ? "—" : guide.guide().title().in(lang), s.guideHash() == null ? "" : s.guideHash().substring(0, 12),
                participants, blocks, questions, codes, excerpts, polls, values, errors, notice);
    }

    private static PollView pollView(Poll p, Map<String, String> labels, Locale locale) {
        Double mean = p.mean();
        return new PollView(labels.getOrDefault(p.theme(), p.theme()), p.question(), p.counts(), p.total(),
                mean == null ? "—" : String.format(locale, "%.2f", mean));
    }

    FocusPages.SummaryPage summaryPage(HttpRequest<?> request, Authentication auth, FocusSummaries.Summary summary,
                                       long schoolId) {
        Locale locale = pages.locale(request);
        // the same figures, written the same way, as in the PDF summary's focus-group section
        ReportFormat f = formats.of(locale);
        List<FocusPages.TriangulationView> tri = summary.triangulation().stream().map(t -> new FocusPages.TriangulationView(
                audience(t.audience(), locale), t.label(), t.excerpts(), f.signedCoefficient(t.balance()),
                t.surveyScore() == null ? pages.text("focus.summary.noSurvey", locale) : f.score(t.surveyScore()),
                pages.text("focus.agreement." + t.agreement().name(), locale), t.flagged())).toList();
        List<PollView> polls = summary.polls().stream().map(p -> new PollView(p.label() + " · " + audience(p.audience(), locale),
                p.question(), p.counts(), p.total(), p.mean() == null ? "—" : String.format(locale, "%.2f", p.mean()))).toList();
        return new FocusPages.SummaryPage(pages.chrome(request, auth), summary, scope.canEdit(auth, schoolId), tri, polls);
    }

    /**
     * The refusals of a CSV import as one line for the form: "row 3.text" from the importer reads as
     * "Строка 3, столбец text".
     */
    String csvErrors(List<org.uklad.system.FieldError> errors, Locale locale) {
        List<String> lines = new ArrayList<>();
        errors.forEach(fe -> {
            String message = pages.text("field." + fe.code(), locale, fe.args().toArray());
            java.util.regex.Matcher row = ROW_FIELD.matcher(fe.field());
            lines.add(row.matches() ? pages.text("focus.csv.rowError", locale, row.group(1), row.group(2), message)
                    : pages.text("focus.csv.fileError", locale, fe.field(), message));
        });
        return String.join(" · ", lines);
    }

    private static final java.util.regex.Pattern ROW_FIELD = java.util.regex.Pattern.compile("row (\\d+)\\.(.*)");
}
