package org.uklad.focusgroup;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.Note;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusRepositories.NoteRepository;
import org.uklad.focusgroup.FocusRepositories.ParticipantsRepository;
import org.uklad.focusgroup.FocusRepositories.SessionRepository;
import org.uklad.focusgroup.FocusRepositories.StoredParticipants;
import org.uklad.focusgroup.FocusRepositories.StoredSession;
import org.uklad.questionnaires.GuideQuestion;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Jdbc;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * Focus-group sessions (who took part, counted by role and grade, and the guide used) and the
 * moderator's notes per guide question. The raw records are for the psychologists of the
 * session's school and administrators ({@link SchoolScope#canEdit}); directors read
 * {@link FocusSummaries the summary} only. The moderator's name is {@link Names normalised}; notes
 * are stored as {@link FocusText#clean cleaned}, within the limits of {@link Focus}.
 */
@Singleton
public class FocusSessions {

    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final Jdbc jdbc;
    private final SessionRepository sessions;
    private final ParticipantsRepository participants;
    private final NoteRepository notes;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final FocusGuides guides;

    FocusSessions(Jdbc jdbc, SessionRepository sessions, ParticipantsRepository participants, NoteRepository notes,
                  SchoolScope scope, Schools schools, Waves waves, FocusGuides guides) {
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.participants = participants;
        this.notes = notes;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.guides = guides;
    }

    /** Records a session with its participant counts (both or nothing). */
    public Session create(Authentication auth, NewSession in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.schoolId() == null || schools.find(in.schoolId()).isEmpty()) {
            errors.add(FieldError.of("schoolId", in.schoolId() == null ? FieldCode.REQUIRED : FieldCode.UNKNOWN_REFERENCE,
                    in.schoolId() == null ? "" : in.schoolId()));
        } else if (!scope.canEdit(auth, in.schoolId())) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        if (in.waveId() == null || waves.find(in.waveId()).isEmpty()) {
            errors.add(FieldError.of("waveId", in.waveId() == null ? FieldCode.REQUIRED : FieldCode.UNKNOWN_REFERENCE,
                    in.waveId() == null ? "" : in.waveId()));
        }
        if (in.audience() == null) {
            errors.add(FieldError.of("audience", FieldCode.REQUIRED));
        }
        LocalDate latest = LocalDate.now().plusDays(1);
        if (in.heldOn() == null) {
            errors.add(FieldError.of("heldOn", FieldCode.INVALID_DATE));
        } else if (in.heldOn().isBefore(EARLIEST) || in.heldOn().isAfter(latest)) {
            errors.add(FieldError.of("heldOn", FieldCode.RANGE, EARLIEST.toString(), latest.toString()));
        }
        String moderator = Names.normalise("moderator", in.moderator(), Focus.MODERATOR_MAX, errors);
        String guideKey = in.guideKey() == null || in.guideKey().isBlank() ? null : in.guideKey().strip();
        FocusGuides.Loaded guide = null;
        if (guideKey != null) {
            guide = guides.find(guideKey).orElse(null);
            if (guide == null) {
                errors.add(FieldError.of("guide", FieldCode.UNKNOWN_REFERENCE, guideKey.length() > 40 ? "" : guideKey));
            } else if (in.audience() != null && guide.guide().respondent() != in.audience()) {
                errors.add(FieldError.of("guide", FieldCode.GUIDE_AUDIENCE));
            }
        }
        checkParticipants(in.participants(), errors);
        FocusText.failOn(errors);
        StoredSession row = new StoredSession(null, in.schoolId(), in.waveId(), in.audience(), in.heldOn(), moderator,
                guideKey, guide == null ? null : guide.sha256(), StaffAuthentication.accountId(auth).orElse(null));
        long id = jdbc.inTransaction(() -> {
            long saved = sessions.save(row).id();
            participants.saveAll(in.participants().stream()
                    .map(p -> new StoredParticipants(null, saved, p.role(), p.grade(), p.count())).toList());
            return saved;
        });
        return find(id).orElseThrow();
    }

    /** Each row a role (and grade) once, 1–100 each and at most 100 together. */
    private static void checkParticipants(List<Participants> rows, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < rows.size(); i++) {
            Participants p = rows.get(i);
            String f = "participants[" + i + "]";
            if (p.role() == null) {
                errors.add(FieldError.of(f + ".role", FieldCode.REQUIRED));
            }
            if (p.grade() < 0 || p.grade() > 11) {
                errors.add(FieldError.of(f + ".grade", FieldCode.RANGE, 0, 11));
            }
            if (p.count() < 1 || p.count() > 100) {
                errors.add(FieldError.of(f + ".count", FieldCode.RANGE, 1, 100));
            }
            if (!seen.add(p.role() + "/" + p.grade())) {
                errors.add(FieldError.of(f, FieldCode.DUPLICATE));
            }
            total += Math.max(0, p.count());
        }
        if (rows.isEmpty()) {
            errors.add(FieldError.of("participants", FieldCode.NO_PARTICIPANTS));
        } else if (total > 100) {
            errors.add(FieldError.of("participants", FieldCode.RANGE, 1, 100));
        }
    }

    Optional<Session> find(long id) {
        return jdbc.readOnly(() -> withParticipants(sessions.findById(id).stream().toList())).stream().findFirst();
    }

    /** A session the user may edit (psychologist of its school, administrator); 404 / 403 otherwise. */
    public Session editable(Authentication auth, long id) {
        Session s = find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        scope.requireEdit(auth, s.schoolId());
        return s;
    }

    /** The sessions of a school in a wave, newest first (raw records: editors only). */
    public List<Session> sessions(Authentication auth, long schoolId, long waveId) {
        scope.requireEdit(auth, schoolId);
        return sessionsOf(schoolId, waveId);
    }

    /** Every session of the schools the user may edit, newest first. */
    public List<Session> editableSessions(Authentication auth) {
        List<Long> ids = scope.readableSchools(auth).stream().filter(id -> scope.canEdit(auth, id)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.readOnly(() -> withParticipants(sessions.findBySchoolIdInList(ids, FocusRepositories.NEWEST_FIRST)));
    }

    /** Sessions without an access check: for the summary, which checks read access itself. */
    List<Session> sessionsOf(long schoolId, long waveId) {
        return jdbc.readOnly(() -> withParticipants(
                sessions.findBySchoolIdAndWaveId(schoolId, waveId, FocusRepositories.NEWEST_FIRST)));
    }

    private List<Session> withParticipants(List<StoredSession> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Participants>> parts = new HashMap<>();
        participants.findBySessionIdInList(rows.stream().map(StoredSession::id).toList(), FocusRepositories.BY_ROLE_AND_GRADE)
                .forEach(p -> parts.computeIfAbsent(p.sessionId(), k -> new ArrayList<>()).add(p.participants()));
        return rows.stream().map(r -> new Session(r.id(), r.schoolId(), r.waveId(), r.audience(), r.heldOn(),
                r.moderator(), r.guideKey(), r.guideHash(), List.copyOf(parts.getOrDefault(r.id(), List.of())))).toList();
    }

    /** The question ids a note or excerpt of the session may name: the guide's, and {@value FocusGuides#GENERAL}. */
    Set<String> questionIds(Session s) {
        Set<String> out = new LinkedHashSet<>();
        if (s.guideKey() != null) {
            guides.find(s.guideKey()).ifPresent(g -> FocusGuides.questions(g.guide()).stream()
                    .map(GuideQuestion::id).forEach(out::add));
        }
        out.add(FocusGuides.GENERAL);
        return out;
    }

    public List<Note> notes(Authentication auth, long sessionId) {
        return notes(editable(auth, sessionId));
    }

    /** The notes of a session the caller already holds from {@link #editable}: no second access check. */
    public List<Note> notes(Session checked) {
        return notes.findBySessionIdOrderById(checked.id()).stream().map(FocusRepositories.StoredNote::note).toList();
    }

    /**
     * Saves the notes given (question id → text) in one transaction; an empty text removes the
     * note. All fields are checked first: past {@link Focus#NOTE_MAX} characters nothing is saved.
     */
    public void saveNotes(Authentication auth, long sessionId, Map<String, String> given) {
        Session s = editable(auth, sessionId);
        Set<String> known = questionIds(s);
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> cleaned = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String field = "note." + e.getKey();
            if (!known.contains(e.getKey())) {
                errors.add(FieldError.of(field, FieldCode.UNKNOWN_REFERENCE, e.getKey().length() > 64 ? "" : e.getKey()));
                continue;
            }
            String t = FocusText.clean(e.getValue());
            FocusText.check(errors, field, t, 0, Focus.NOTE_MAX);
            cleaned.put(e.getKey(), t);
        }
        FocusText.failOn(errors);
        jdbc.inTransaction(() -> {
            cleaned.forEach((questionId, text) -> {
                if (text.isEmpty()) {
                    notes.deleteBySessionIdAndQuestionId(sessionId, questionId);
                } else {
                    notes.put(sessionId, questionId, text);
                }
            });
            return null;
        });
    }
}
