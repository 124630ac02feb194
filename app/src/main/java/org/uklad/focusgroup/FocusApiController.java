package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    private final FocusGroups groups;
    private final FocusSummaries summaries;
    private final FocusCsv csv;

    FocusApiController(StrictJson json, FocusGroups groups, FocusSummaries summaries, FocusCsv csv) {
        this.json = json;
        this.groups = groups;
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
        return new CodeList(groups.codeLabels(lang(lang)), groups.extraCodes());
    }

    @Post("/codes")
    HttpResponse<ExtraCode> addCode(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        NewCodeBody b = json.read(request, raw, NewCodeBody.class);
        return HttpResponse.created(groups.addCode(auth, b.code(), b.labelRu(), b.labelEn()));
    }

    @Get
    List<Session> sessions(Authentication auth, @QueryValue long school, @QueryValue long wave) {
        return groups.sessions(auth, school, wave);
    }

    @Post("/sessions")
    HttpResponse<Session> create(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        JsonNode root = json.object(request, raw);
        List<FieldError> errors = new ArrayList<>();
        Fields f = new Fields(root, "", Set.of("schoolId", "waveId", "audience", "heldOn", "moderator", "guide",
                "participants"), errors);
        Long school = f.integer("schoolId");
        Long wave = f.integer("waveId");
        String audienceName = f.string("audience");
        Respondent audience = null;
        if (audienceName != null) {
            try {
                audience = Respondent.valueOf(audienceName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.of("audience", "wrong-type", "STUDENT | PARENT | TEACHER"));
            }
        }
        LocalDate heldOn = null;
        String date = f.string("heldOn");
        if (date != null) {
            try {
                heldOn = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                errors.add(FieldError.of("heldOn", "invalid-date"));
            }
        }
        List<Participants> participants = new ArrayList<>();
        JsonNode list = root.get("participants");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                errors.add(FieldError.of("participants", "wrong-type", "array"));
            } else {
                int i = 0;
                for (JsonNode p : list.values()) {
                    String prefix = "participants[" + i++ + "].";
                    if (!p.isObject()) {
                        errors.add(FieldError.of(prefix.substring(0, prefix.length() - 1), "wrong-type", "object"));
                        continue;
                    }
                    Fields pf = new Fields(p, prefix, Set.of("role", "grade", "count"), errors);
                    String role = pf.string("role");
                    ParticipantRole r = null;
                    if (role != null) {
                        try {
                            r = ParticipantRole.valueOf(role.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            errors.add(FieldError.of(prefix + "role", "wrong-type", "STUDENT | PARENT | TEACHER | STAFF"));
                        }
                    }
                    Long grade = pf.integer("grade");
                    Long count = pf.integer("count");
                    participants.add(new Participants(r, grade == null ? 0 : (int) Math.max(-1, Math.min(99, grade)),
                            count == null ? 0 : (int) Math.max(-1, Math.min(1000, count))));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Session s = groups.create(auth, new NewSession(school, wave, audience, heldOn, f.string("moderator"),
                f.string("guide"), participants));
        return HttpResponse.created(s);
    }

    @Get("/sessions/{id}")
    SessionDetail session(Authentication auth, @PathVariable long id) {
        Session s = groups.editable(auth, id);
        return new SessionDetail(s, groups.notes(auth, id), groups.excerpts(auth, id), groups.polls(auth, id));
    }

    @Put("/sessions/{id}/notes/{questionId}")
    HttpResponse<?> note(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                         @PathVariable String questionId, @Body @Nullable byte[] raw) {
        NoteBody b = json.read(request, raw, NoteBody.class);
        groups.saveNotes(auth, id, Map.of(questionId, b.text() == null ? "" : b.text()));
        return HttpResponse.noContent();
    }

    @Post("/sessions/{id}/excerpts")
    HttpResponse<Excerpt> excerpt(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                  @Body @Nullable byte[] raw) {
        ExcerptBody b = json.read(request, raw, ExcerptBody.class);
        return HttpResponse.created(groups.addExcerpt(auth, id, new NewExcerpt(b.questionId(), b.text(), b.code(),
                b.sentiment(), b.tags() == null ? List.of() : b.tags(), Boolean.TRUE.equals(b.representative()))));
    }

    @Delete("/sessions/{id}/excerpts/{excerptId}")
    HttpResponse<?> deleteExcerpt(Authentication auth, @PathVariable long id, @PathVariable long excerptId) {
        groups.deleteExcerpt(auth, id, excerptId);
        return HttpResponse.noContent();
    }

    @Post("/sessions/{id}/polls")
    HttpResponse<Poll> poll(HttpRequest<?> request, Authentication auth, @PathVariable long id, @Body @Nullable byte[] raw) {
        JsonNode root = json.object(request, raw);
        List<FieldError> errors = new ArrayList<>();
        Fields f = new Fields(root, "", Set.of("theme", "question", "counts"), errors);
        List<Integer> counts = new ArrayList<>();
        JsonNode list = root.get("counts");
        if (list == null || !list.isArray()) {
            errors.add(FieldError.of("counts", "wrong-type", "array of integers"));
        } else {
            for (JsonNode n : list.values()) {
                if (!n.isNumber() || n.getNumberValue().doubleValue() != Math.rint(n.getNumberValue().doubleValue())
                        || Math.abs(n.getNumberValue().doubleValue()) > 1_000_000) {
                    errors.add(FieldError.of("counts", "wrong-type", "array of integers"));
                    break;
                }
                counts.add(n.getNumberValue().intValue());
            }
        }
        String theme = f.string("theme");
        String question = f.string("question");
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return HttpResponse.created(groups.addPoll(auth, id, new NewPoll(theme, question, counts)));
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

    /** Strict reading of an object's fields: only the named ones, strings as strings, integers as integers. */
    static final class Fields {
        private final JsonNode node;
        private final String prefix;
        private final List<FieldError> errors;

        Fields(JsonNode node, String prefix, Set<String> allowed, List<FieldError> errors) {
            this.node = node;
            this.prefix = prefix;
            this.errors = errors;
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                if (!allowed.contains(e.getKey())) {
                    errors.add(FieldError.of(prefix + e.getKey(), "unknown-field"));
                }
            }
        }

        @Nullable String string(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isString()) {
                errors.add(FieldError.of(prefix + name, "wrong-type", "string"));
                return null;
            }
            return v.getStringValue();
        }

        @Nullable Long integer(String name) {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isNumber()) {
                errors.add(FieldError.of(prefix + name, "wrong-type", "integer"));
                return null;
            }
            double d = v.getNumberValue().doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
                errors.add(FieldError.of(prefix + name, "wrong-type", "integer"));
                return null;
            }
            return v.getNumberValue().longValue();
        }
    }
}
