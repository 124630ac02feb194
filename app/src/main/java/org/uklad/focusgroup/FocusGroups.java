package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.focusgroup.Focus.Excerpt;
import org.uklad.focusgroup.Focus.ExtraCode;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.Note;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.GuideQuestion;
import org.uklad.questionnaires.Respondent;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * Focus-group records: sessions, notes per guide question, coded excerpts, quick polls and the
 * project's extra codes. Every method checks access on the server with {@link SchoolScope}: the
 * psychologists of the session's school and administrators read and change the raw records;
 * directors get none of them (they read {@link FocusSummaries the summary} only). Names (the
 * moderator, a code's labels) are {@link Names normalised}; other free text is
 * stored as given (after removing control characters other than line breaks and tabs, and turning
 * CRLF into LF), within the limits of {@link Focus}; past a limit the field gets {@code too-long}.
 */
@Singleton
public class FocusGroups {

    static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{1,39}$");
    private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

    private final TransactionOperations<Connection> tx;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final FocusGuides guides;

    FocusGroups(TransactionOperations<Connection> tx, SchoolScope scope, Schools schools, Waves waves, FocusGuides guides) {
        this.tx = tx;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.guides = guides;
    }

    interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(Sql<T> work) {
        return tx.executeWrite(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private <T> T read(Sql<T> work) {
        return tx.executeRead(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Free text as stored: CRLF → LF, other control characters (NUL...) removed, outer blanks stripped. */
    static String clean(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().filter(cp -> cp == '\n' || cp == '\t' || !Character.isISOControl(cp)).forEach(sb::appendCodePoint);
        return sb.toString().strip();
    }

    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    static void text(List<FieldError> errors, String field, String value, int min, int max) {
        if (value.isEmpty() && min > 0) {
            errors.add(FieldError.of(field, "required"));
        } else if (length(value) > max) {
            errors.add(FieldError.of(field, "too-long", String.valueOf(max)));
        }
    }

    // ---- codes -------------------------------------------------------------------------------

    public List<ExtraCode> extraCodes() {
        return read(c -> {
            List<ExtraCode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code, label_ru, label_en FROM focus_code ORDER BY code");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ExtraCode(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    /** Every code an excerpt may carry: the constructs, then the project's extra codes. */
    public Set<String> codes() {
        Set<String> out = new LinkedHashSet<>();
        guides.constructs().forEach(k -> out.add(k.id()));
        extraCodes().forEach(k -> out.add(k.code()));
        return out;
    }

    /** The label of a code in a language (the code itself when unknown). */
    public Map<String, String> codeLabels(String lang) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Construct k : guides.constructs()) {
            out.put(k.id(), k.title().in(lang));
        }
        for (ExtraCode k : extraCodes()) {
            out.put(k.code(), "en".equals(lang) ? k.labelEn() : k.labelRu());
        }
        return out;
    }

    /** Adds a code of the project; psychologists and administrators only. */
    public ExtraCode addCode(Authentication auth, @Nullable String code, @Nullable String labelRu, @Nullable String labelEn) {
        requireEditor(auth);
        String k = clean(code).toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        String ru = Names.normalise("labelRu", labelRu, 200, errors);
        String en = Names.normalise("labelEn", labelEn, 200, errors);
        if (!CODE.matcher(k).matches()) {
            errors.add(FieldError.of("code", "code-format"));
        } else if (codes().contains(k)) {
            errors.add(FieldError.of("code", "duplicate"));
        }
        fail(errors);
        write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO focus_code (code, label_ru, label_en) VALUES (?, ?, ?) ON CONFLICT (code) DO NOTHING")) {
                ps.setString(1, k);
                ps.setString(2, ru);
                ps.setString(3, en);
                if (ps.executeUpdate() == 0) {
                    throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("code", "duplicate")));
                }
            }
            return null;
        });
        return new ExtraCode(k, ru, en);
    }

    private void requireEditor(Authentication auth) {
        org.uklad.account.Role role = org.uklad.account.Role.of(auth).orElse(null);
        if (role != org.uklad.account.Role.ADMIN && role != org.uklad.account.Role.PSYCHOLOGIST) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    private static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
    }

    // ---- sessions ----------------------------------------------------------------------------

    public Session create(Authentication auth, NewSession in) {
        List<FieldError> errors = new ArrayList<>();
        if (in.schoolId() == null || schools.find(in.schoolId()).isEmpty()) {
            errors.add(FieldError.of("schoolId", in.schoolId() == null ? "required" : "unknown-reference",
                    in.schoolId() == null ? "" : in.schoolId()));
        } else if (!scope.canEdit(auth, in.schoolId())) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        if (in.waveId() == null || waves.find(in.waveId()).isEmpty()) {
            errors.add(FieldError.of("waveId", in.waveId() == null ? "required" : "unknown-reference",
                    in.waveId() == null ? "" : in.waveId()));
        }
        if (in.audience() == null) {
            errors.add(FieldError.of("audience", "required"));
        }
        LocalDate latest = LocalDate.now().plusDays(1);
        if (in.heldOn() == null) {
            errors.add(FieldError.of("heldOn", "invalid-date"));
        } else if (in.heldOn().isBefore(EARLIEST) || in.heldOn().isAfter(latest)) {
            errors.add(FieldError.of("heldOn", "range", EARLIEST.toString(), latest.toString()));
        }
        String moderator = Names.normalise("moderator", in.moderator(), Focus.MODERATOR_MAX, errors);
        String guideKey = in.guideKey() == null || in.guideKey().isBlank() ? null : in.guideKey().strip();
        FocusGuides.Loaded guide = null;
        if (guideKey != null) {
            guide = guides.find(guideKey).orElse(null);
            if (guide == null) {
                errors.add(FieldError.of("guide", "unknown-reference", guideKey.length() > 40 ? "" : guideKey));
            } else if (in.audience() != null && guide.guide().respondent() != in.audience()) {
                errors.add(FieldError.of("guide", "guide-audience"));
            }
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int i = 0; i < in.participants().size(); i++) {
            Participants p = in.participants().get(i);
            String f = "participants[" + i + "]";
            if (p.role() == null) {
                errors.add(FieldError.of(f + ".role", "required"));
            }
            if (p.grade() < 0 || p.grade() > 11) {
                errors.add(FieldError.of(f + ".grade", "range", 0, 11));
            }
            if (p.count() < 1 || p.count() > 100) {
                errors.add(FieldError.of(f + ".count", "range", 1, 100));
            }
            if (!seen.add(p.role() + "/" + p.grade())) {
                errors.add(FieldError.of(f, "duplicate"));
            }
            total += Math.max(0, p.count());
        }
        if (in.participants().isEmpty()) {
            errors.add(FieldError.of("participants", "no-participants"));
        } else if (total > 100) {
            errors.add(FieldError.of("participants", "range", 1, 100));
        }
        fail(errors);
        String hash = guide == null ? null : guide.sha256();
        Long accountId = StaffAuthentication.accountId(auth).orElse(null);
        long id = write(c -> {
            long sid;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO focus_session (school_id, wave_id, audience, held_on, moderator, guide_key, guide_hash, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, in.schoolId());
                ps.setLong(2, in.waveId());
                ps.setString(3, in.audience().name());
                ps.setObject(4, in.heldOn());
                ps.setString(5, moderator);
                ps.setString(6, guideKey);
                ps.setString(7, hash);
                ps.setObject(8, accountId);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    sid = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO focus_participants (session_id, role, grade, count) VALUES (?, ?, ?, ?)")) {
                for (Participants p : in.participants()) {
                    ps.setLong(1, sid);
                    ps.setString(2, p.role().name());
                    ps.setInt(3, p.grade());
                    ps.setInt(4, p.count());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return sid;
        });
        return find(id).orElseThrow();
    }

    Optional<Session> find(long id) {
        List<Session> found = sessions("s.id = ?", id);
        return found.stream().findFirst();
    }

    /** A session the user may edit (psychologist of its school, administrator); 404 / 403 otherwise. */
    public Session editable(Authentication auth, long id) {
        Session s = find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        scope.requireEdit(auth, s.schoolId());
        return s;
    }

    /** The sessions of a school in a wave (raw records: editors only). */
    public List<Session> sessions(Authentication auth, long schoolId, long waveId) {
        scope.requireEdit(auth, schoolId);
        return sessions("s.school_id = ? AND s.wave_id = ?", schoolId, waveId);
    }

    /** Every session of the schools the user may edit, newest first. */
    public List<Session> editableSessions(Authentication auth) {
        List<Long> ids = scope.readableSchools(auth).stream().filter(id -> scope.canEdit(auth, id)).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return sessions("s.school_id = ANY (?)", (Object) ids.toArray(Long[]::new));
    }

    /** Sessions without an access check: for the summary, which checks read access itself. */
    List<Session> sessionsOf(long schoolId, long waveId) {
        return sessions("s.school_id = ? AND s.wave_id = ?", schoolId, waveId);
    }

    private List<Session> sessions(String where, Object... params) {
        return read(c -> {
            Map<Long, List<Participants>> parts = new TreeMap<>();
            List<Object[]> rows = new ArrayList<>();
            String sql = "SELECT s.id, s.school_id, s.wave_id, s.audience, s.held_on, s.moderator, s.guide_key, s.guide_hash "
                    + "FROM focus_session s WHERE " + where + " ORDER BY s.held_on DESC, s.id DESC";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                                rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getString(8)});
                    }
                }
            }
            if (!rows.isEmpty()) {
                Long[] ids = rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new);
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT session_id, role, grade, count FROM focus_participants WHERE session_id = ANY (?) ORDER BY role, grade")) {
                    ps.setArray(1, c.createArrayOf("bigint", ids));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            parts.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Participants(
                                    ParticipantRole.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4)));
                        }
                    }
                }
            }
            List<Session> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new Session((Long) r[0], (Long) r[1], (Long) r[2], Respondent.valueOf((String) r[3]),
                        (LocalDate) r[4], (String) r[5], (String) r[6], (String) r[7],
                        List.copyOf(parts.getOrDefault((Long) r[0], List.of()))));
            }
            return out;
        });
    }

    private static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Long[] longs) {
                ps.setArray(i + 1, c.createArrayOf("bigint", longs));
            } else {
                ps.setObject(i + 1, p);
            }
        }
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

    // ---- notes -------------------------------------------------------------------------------

    public List<Note> notes(Authentication auth, long sessionId) {
        return notes(editable(auth, sessionId));
    }

    /** The notes of a session the caller already holds from {@link #editable}: no second access check. */
    public List<Note> notes(Session checked) {
        long sessionId = checked.id();
        return read(c -> {
            List<Note> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT question_id, text FROM focus_note WHERE session_id = ? ORDER BY id")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Note(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Saves the notes given (question id → text) in one transaction; an empty text removes the
     * note. All fields are checked first: past {@link Focus#NOTE_MAX} characters nothing is saved.
     */
    public void saveNotes(Authentication auth, long sessionId, Map<String, String> notes) {
        Session s = editable(auth, sessionId);
        Set<String> known = questionIds(s);
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> cleaned = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> e : notes.entrySet()) {
            String field = "note." + e.getKey();
            if (!known.contains(e.getKey())) {
                errors.add(FieldError.of(field, "unknown-reference", e.getKey().length() > 64 ? "" : e.getKey()));
                continue;
            }
            String t = clean(e.getValue());
            text(errors, field, t, 0, Focus.NOTE_MAX);
            cleaned.put(e.getKey(), t);
        }
        fail(errors);
        write(c -> {
            try (PreparedStatement up = c.prepareStatement("""
                    INSERT INTO focus_note (session_id, question_id, text) VALUES (?, ?, ?)
                    ON CONFLICT (session_id, question_id) DO UPDATE SET text = EXCLUDED.text, updated_at = now()""");
                 PreparedStatement del = c.prepareStatement("DELETE FROM focus_note WHERE session_id = ? AND question_id = ?")) {
                for (Map.Entry<String, String> e : cleaned.entrySet()) {
                    PreparedStatement ps = e.getValue().isEmpty() ? del : up;
                    ps.setLong(1, sessionId);
                    ps.setString(2, e.getKey());
                    if (!e.getValue().isEmpty()) {
                        ps.setString(3, e.getValue());
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    // ---- excerpts ----------------------------------------------------------------------------

    /** Tags as stored: split on commas, trimmed, lower case, distinct, in order. */
    static List<String> tags(List<String> raw, List<FieldError> errors, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            for (String t : r.split("[,;]")) {
                String tag = clean(t).toLowerCase(Locale.ROOT);
                if (tag.isEmpty()) {
                    continue;
                }
                if (length(tag) > Focus.TAG_MAX) {
                    errors.add(FieldError.of(field, "tag-too-long", String.valueOf(Focus.TAG_MAX)));
                    return List.of();
                }
                out.add(tag);
            }
        }
        if (out.size() > Focus.TAGS_MAX) {
            errors.add(FieldError.of(field, "too-many-tags", Focus.TAGS_MAX));
        }
        return List.copyOf(out);
    }

    /** Checks an excerpt for a session; returns it cleaned (id 0) or throws with every field error. */
    Excerpt check(Session s, NewExcerpt in, Set<String> codes, String prefix, List<FieldError> errors) {
        String text = clean(in.text());
        text(errors, prefix + "text", text, 1, Focus.EXCERPT_MAX);
        String code = clean(in.code());
        if (code.isEmpty()) {
            errors.add(FieldError.of(prefix + "code", "required"));
        } else if (!codes.contains(code)) {
            errors.add(FieldError.of(prefix + "code", "unknown-reference", code.length() > 40 ? "" : code));
        }
        if (in.sentiment() == null) {
            errors.add(FieldError.of(prefix + "sentiment", "required"));
        }
        String q = in.questionId() == null || in.questionId().isBlank() ? null : in.questionId().strip();
        if (q != null && !questionIds(s).contains(q)) {
            errors.add(FieldError.of(prefix + "questionId", "unknown-reference", q.length() > 64 ? "" : q));
        }
        List<String> tags = tags(in.tags(), errors, prefix + "tags");
        return new Excerpt(0, s.id(), q, text, code, in.sentiment(), tags, in.representative());
    }

    public Excerpt addExcerpt(Authentication auth, long sessionId, NewExcerpt in) {
        Session s = editable(auth, sessionId);
        List<FieldError> errors = new ArrayList<>();
        Excerpt e = check(s, in, codes(), "", errors);
        fail(errors);
        long id = write(c -> insert(c, e));
        return new Excerpt(id, e.sessionId(), e.questionId(), e.text(), e.code(), e.sentiment(), e.tags(), e.representative());
    }

    static long insert(Connection c, Excerpt e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO focus_excerpt (session_id, question_id, text, code, sentiment, tags, representative)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, e.sessionId());
            ps.setString(2, e.questionId());
            ps.setString(3, e.text());
            ps.setString(4, e.code());
            ps.setString(5, e.sentiment().name());
            ps.setArray(6, c.createArrayOf("text", e.tags().toArray()));
            ps.setBoolean(7, e.representative());
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void update(Connection c, Excerpt e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE focus_excerpt SET question_id = ?, text = ?, code = ?, sentiment = ?, tags = ?, representative = ?
                WHERE id = ? AND session_id = ?""")) {
            ps.setString(1, e.questionId());
            ps.setString(2, e.text());
            ps.setString(3, e.code());
            ps.setString(4, e.sentiment().name());
            ps.setArray(5, c.createArrayOf("text", e.tags().toArray()));
            ps.setBoolean(6, e.representative());
            ps.setLong(7, e.id());
            ps.setLong(8, e.sessionId());
            ps.executeUpdate();
        }
    }

    public void deleteExcerpt(Authentication auth, long sessionId, long excerptId) {
        editable(auth, sessionId);
        int n = write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM focus_excerpt WHERE id = ? AND session_id = ?")) {
                ps.setLong(1, excerptId);
                ps.setLong(2, sessionId);
                return ps.executeUpdate();
            }
        });
        if (n == 0) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
    }

    public List<Excerpt> excerpts(Authentication auth, long sessionId) {
        return excerpts(editable(auth, sessionId));
    }

    /** The excerpts of a session the caller already holds from {@link #editable}. */
    public List<Excerpt> excerpts(Session checked) {
        return excerptsOf(new Long[] {checked.id()});
    }

    /** Excerpts of sessions, without an access check (callers check). */
    List<Excerpt> excerptsOf(Long[] sessionIds) {
        if (sessionIds.length == 0) {
            return List.of();
        }
        return read(c -> {
            List<Excerpt> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, session_id, question_id, text, code, sentiment, tags, representative
                    FROM focus_excerpt WHERE session_id = ANY (?) ORDER BY session_id, id""")) {
                ps.setArray(1, c.createArrayOf("bigint", sessionIds));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Array tags = rs.getArray(7);
                        out.add(new Excerpt(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                Sentiment.valueOf(rs.getString(6)), Arrays.asList((String[]) tags.getArray()),
                                rs.getBoolean(8)));
                    }
                }
            }
            return out;
        });
    }

    /** Writes imported excerpts: rows with an id of the same session are updated, the others inserted. */
    int[] storeImported(List<Excerpt> rows) {
        return write(c -> {
            int inserted = 0;
            int updated = 0;
            for (Excerpt e : rows) {
                if (e.id() > 0) {
                    update(c, e);
                    updated++;
                } else {
                    insert(c, e);
                    inserted++;
                }
            }
            return new int[] {inserted, updated};
        });
    }

    // ---- polls -------------------------------------------------------------------------------

    public Poll addPoll(Authentication auth, long sessionId, NewPoll in) {
        Session s = editable(auth, sessionId);
        List<FieldError> errors = new ArrayList<>();
        String theme = clean(in.theme());
        if (theme.isEmpty()) {
            errors.add(FieldError.of("theme", "required"));
        } else if (!codes().contains(theme)) {
            errors.add(FieldError.of("theme", "unknown-reference", theme.length() > 40 ? "" : theme));
        }
        String question = clean(in.question());
        text(errors, "question", question, 1, Focus.POLL_QUESTION_MAX);
        List<Integer> counts = in.counts();
        if (counts.size() < 2 || counts.size() > 10) {
            errors.add(FieldError.of("counts", "range", 2, 10));
        } else {
            int total = 0;
            for (int i = 0; i < counts.size(); i++) {
                Integer n = counts.get(i);
                if (n == null || n < 0 || n > 100) {
                    errors.add(FieldError.of("counts[" + i + "]", "range", 0, 100));
                } else {
                    total += n;
                }
            }
            if (total == 0) {
                errors.add(FieldError.of("counts", "no-votes"));
            } else if (total > s.participantTotal()) {
                errors.add(FieldError.of("counts", "more-votes-than-participants", s.participantTotal()));
            }
        }
        fail(errors);
        long id = write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO focus_poll (session_id, theme, question, counts) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, sessionId);
                ps.setString(2, theme);
                ps.setString(3, question);
                ps.setArray(4, c.createArrayOf("integer", counts.toArray()));
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Poll(id, sessionId, theme, question, List.copyOf(counts));
    }

    public List<Poll> polls(Authentication auth, long sessionId) {
        return polls(editable(auth, sessionId));
    }

    /** The polls of a session the caller already holds from {@link #editable}. */
    public List<Poll> polls(Session checked) {
        return pollsOf(new Long[] {checked.id()});
    }

    List<Poll> pollsOf(Long[] sessionIds) {
        if (sessionIds.length == 0) {
            return List.of();
        }
        return read(c -> {
            List<Poll> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, session_id, theme, question, counts FROM focus_poll WHERE session_id = ANY (?) ORDER BY session_id, id")) {
                ps.setArray(1, c.createArrayOf("bigint", sessionIds));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer[] counts = (Integer[]) rs.getArray(5).getArray();
                        out.add(new Poll(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), List.of(counts)));
                    }
                }
            }
            return out;
        });
    }
}
