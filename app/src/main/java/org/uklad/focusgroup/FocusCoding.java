package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.uklad.account.SchoolScope;
import org.uklad.focusgroup.Focus.Excerpt;
import org.uklad.focusgroup.Focus.ExtraCode;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusRepositories.CodeRepository;
import org.uklad.focusgroup.FocusRepositories.ExcerptRepository;
import org.uklad.focusgroup.FocusRepositories.StoredCode;
import org.uklad.focusgroup.FocusRepositories.StoredExcerpt;
import org.uklad.questionnaires.Construct;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Jdbc;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;

/**
 * Coding what was said in a session: excerpts (a quote or paraphrase) carry a code, a sentiment,
 * tags and a mark when they represent the group well. The codes are the catalogue's constructs and
 * the project's extra codes, which psychologists and administrators add. Excerpts are for the
 * editors of the session's school ({@link FocusSessions#editable}); code labels are
 * {@link Names normalised}, excerpt text {@link FocusText#clean cleaned}.
 */
@Singleton
public class FocusCoding {

    static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]{1,39}$");

    private final Jdbc jdbc;
    private final CodeRepository extraCodes;
    private final ExcerptRepository excerpts;
    private final FocusSessions sessions;
    private final SchoolScope scope;
    private final FocusGuides guides;

    FocusCoding(Jdbc jdbc, CodeRepository extraCodes, ExcerptRepository excerpts, FocusSessions sessions,
                SchoolScope scope, FocusGuides guides) {
        this.jdbc = jdbc;
        this.extraCodes = extraCodes;
        this.excerpts = excerpts;
        this.sessions = sessions;
        this.scope = scope;
        this.guides = guides;
    }

    public List<ExtraCode> extraCodes() {
        return extraCodes.findAllOrderByCode().stream().map(StoredCode::extraCode).toList();
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
        Map<String, String> out = new LinkedHashMap<>();
        for (Construct k : guides.constructs()) {
            out.put(k.id(), k.title().in(lang));
        }
        for (ExtraCode k : extraCodes()) {
            out.put(k.code(), "en".equals(lang) ? k.labelEn() : k.labelRu());
        }
        return out;
    }

    /** Adds a code of the project; those who run the survey work (psychologists, administrators) only. */
    public ExtraCode addCode(Authentication auth, @Nullable String code, @Nullable String labelRu, @Nullable String labelEn) {
        if (!scope.mayManageWaves(auth)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        String k = FocusText.clean(code).toLowerCase(Locale.ROOT);
        List<FieldError> errors = new ArrayList<>();
        String ru = Names.normalise("labelRu", labelRu, 200, errors);
        String en = Names.normalise("labelEn", labelEn, 200, errors);
        if (!CODE.matcher(k).matches()) {
            errors.add(FieldError.of("code", FieldCode.CODE_FORMAT));
        } else if (codes().contains(k)) {
            errors.add(FieldError.of("code", FieldCode.DUPLICATE));
        }
        FocusText.failOn(errors);
        if (extraCodes.addIfNew(k, ru, en) == 0) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("code", FieldCode.DUPLICATE)));
        }
        return new ExtraCode(k, ru, en);
    }

    /** Tags as stored: split on commas, trimmed, lower case, distinct, in order. */
    static List<String> tags(List<String> raw, List<FieldError> errors, String field) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String r : raw) {
            for (String t : r.split("[,;]")) {
                String tag = FocusText.clean(t).toLowerCase(Locale.ROOT);
                if (tag.isEmpty()) {
                    continue;
                }
                if (FocusText.length(tag) > Focus.TAG_MAX) {
                    errors.add(FieldError.of(field, FieldCode.TAG_TOO_LONG, String.valueOf(Focus.TAG_MAX)));
                    return List.of();
                }
                out.add(tag);
            }
        }
        if (out.size() > Focus.TAGS_MAX) {
            errors.add(FieldError.of(field, FieldCode.TOO_MANY_TAGS, Focus.TAGS_MAX));
        }
        return List.copyOf(out);
    }

    /** Checks an excerpt for a session; returns it cleaned (id 0), adding every field error to {@code errors}. */
    Excerpt check(Session s, NewExcerpt in, Set<String> codes, String prefix, List<FieldError> errors) {
        String text = FocusText.clean(in.text());
        FocusText.check(errors, prefix + "text", text, 1, Focus.EXCERPT_MAX);
        String code = FocusText.clean(in.code());
        if (code.isEmpty()) {
            errors.add(FieldError.of(prefix + "code", FieldCode.REQUIRED));
        } else if (!codes.contains(code)) {
            errors.add(FieldError.of(prefix + "code", FieldCode.UNKNOWN_REFERENCE, code.length() > 40 ? "" : code));
        }
        if (in.sentiment() == null) {
            errors.add(FieldError.of(prefix + "sentiment", FieldCode.REQUIRED));
        }
        String q = in.questionId() == null || in.questionId().isBlank() ? null : in.questionId().strip();
        if (q != null && !sessions.questionIds(s).contains(q)) {
            errors.add(FieldError.of(prefix + "questionId", FieldCode.UNKNOWN_REFERENCE, q.length() > 64 ? "" : q));
        }
        List<String> tags = tags(in.tags(), errors, prefix + "tags");
        return new Excerpt(0, s.id(), q, text, code, in.sentiment(), tags, in.representative());
    }

    public Excerpt addExcerpt(Authentication auth, long sessionId, NewExcerpt in) {
        Session s = sessions.editable(auth, sessionId);
        List<FieldError> errors = new ArrayList<>();
        Excerpt e = check(s, in, codes(), "", errors);
        FocusText.failOn(errors);
        long id = excerpts.save(stored(e)).id();
        return new Excerpt(id, e.sessionId(), e.questionId(), e.text(), e.code(), e.sentiment(), e.tags(), e.representative());
    }

    public void deleteExcerpt(Authentication auth, long sessionId, long excerptId) {
        sessions.editable(auth, sessionId);
        if (excerpts.deleteByIdAndSessionId(excerptId, sessionId) == 0) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
    }

    public List<Excerpt> excerpts(Authentication auth, long sessionId) {
        return excerpts(sessions.editable(auth, sessionId));
    }

    /** The excerpts of a session the caller already holds from {@link FocusSessions#editable}. */
    public List<Excerpt> excerpts(Session checked) {
        return excerptsOf(List.of(checked.id()));
    }

    /** Excerpts of sessions by session, as recorded, without an access check (callers check). */
    List<Excerpt> excerptsOf(Collection<Long> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        return excerpts.findBySessionIdInList(sessionIds, FocusRepositories.BY_SESSION_AS_RECORDED).stream()
                .map(r -> new Excerpt(r.id(), r.sessionId(), r.questionId(), r.text(), r.code(), r.sentiment(),
                        Arrays.asList(r.tags()), r.representative()))
                .toList();
    }

    /** How an import changed the excerpts. */
    record Stored(int inserted, int updated) {}

    /** Writes imported excerpts in one transaction: rows with an id of the same session are recoded, the others added. */
    Stored storeImported(List<Excerpt> rows) {
        return jdbc.inTransaction(() -> {
            int inserted = 0;
            int updated = 0;
            for (Excerpt e : rows) {
                if (e.id() > 0) {
                    excerpts.recode(e.id(), e.sessionId(), e.questionId(), e.text(), e.code(), e.sentiment().name(),
                            e.tags().toArray(String[]::new), e.representative());
                    updated++;
                } else {
                    excerpts.save(stored(e));
                    inserted++;
                }
            }
            return new Stored(inserted, updated);
        });
    }

    private static StoredExcerpt stored(Excerpt e) {
        return new StoredExcerpt(null, e.sessionId(), e.questionId(), e.text(), e.code(), e.sentiment(),
                e.tags().toArray(String[]::new), e.representative());
    }
}
