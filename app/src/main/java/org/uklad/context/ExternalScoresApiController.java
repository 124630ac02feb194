package org.uklad.context;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;
import org.uklad.system.UploadedText;

/**
 * External results over years for coordinators (others 403): per school, year, assessment and
 * subject, the mean score, participants and the share below the pass mark. Import a monitoring
 * centre's CSV (all rows or none; a 422 problem names each bad line and column as
 * {@code "line 3: mean_score"}), correct or delete one row, and choose each wave's one-number
 * outcome. Every change is audited. Session callers send {@code X-CSRF-Token}.
 */
@Controller("/api/v1/staff/external-scores")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ExternalScoresApiController {

    /** A wave's outcome as the API gives it. */
    @Serdeable
    record WaveOutcome(long waveId, int year, String assessment, String subject, String label) {}

    private final ExternalScores scores;
    private final SchoolScope scope;
    private final StrictJson json;

    ExternalScoresApiController(ExternalScores scores, SchoolScope scope, StrictJson json) {
        this.scores = scores;
        this.scope = scope;
        this.json = json;
    }

    /**
     * The stored scores matching every filter given, by municipality, school, year, assessment and
     * subject.
     *
     * @param municipality the municipality as registered
     * @param schoolId     one school
     * @param year         the year of the results
     * @param assessment   ЕГЭ, ОГЭ, ВПР, a regional test's name, or ИНОЕ
     * @param subject      the subject (any case)
     */
    @Get
    @Produces(MediaType.APPLICATION_JSON)
    List<ExternalScore> list(Authentication auth, @QueryValue @Nullable String municipality, @QueryValue @Nullable Long schoolId,
                             @QueryValue @Nullable Integer year, @QueryValue @Nullable String assessment,
                             @QueryValue @Nullable String subject) {
        scope.requireCoordinator(auth);
        return scores.find(municipality, schoolId, year, assessment, subject);
    }

    /**
     * Imports a monitoring centre's CSV (body: the file; format in docs/external-results.md): one
     * row per school × year × assessment × subject; columns school_id or municipality + school,
     * year, assessment, subject, mean_score, participants, below_pass_share (optional; a share 0–1
     * or a percent with %), named in Russian or English in any case; a comma or a semicolon between
     * fields, a decimal comma or point; UTF-8 (with or without BOM) or Windows-1251. All rows are
     * stored or none; a repeated key is an error; a stored row is replaced. Answers how many rows
     * were added and replaced.
     *
     * @param encoding {@code utf-8} or {@code windows-1251}; by default UTF-8 when the body is valid UTF-8
     */
    @Post
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    ExternalScores.ImportReport importCsv(Authentication auth, @QueryValue @Nullable String encoding,
                                          @Body @Nullable byte[] body) {
        scope.requireCoordinator(auth);
        return scores.importCsv(UploadedText.decode(body, encoding));
    }

    /**
     * Adds or corrects one score. Body: a JSON object with meanScore (a number 0–100000),
     * participants (a whole number 0–1000000, 0 when not known) and belowPassShare (0–1, or null
     * or absent when not given), e.g. <code>{"meanScore": 61.5, "participants": 48, "belowPassShare": 0.06}</code>.
     * The assessment ЕГЭ, ОГЭ or ВПР is written so whatever the spelling (EGE, егэ), the subject in lower case.
     */
    @Put("/{schoolId}/{year}/{assessment}/{subject}")
    @Produces(MediaType.APPLICATION_JSON)
    ExternalScore save(HttpRequest<?> request, Authentication auth, @PathVariable long schoolId, @PathVariable int year,
                       @PathVariable String assessment, @PathVariable String subject, @Body @Nullable byte[] raw) {
        scope.requireCoordinator(auth);
        JsonNode body = json.object(request, raw);
        List<FieldError> errors = new ArrayList<>();
        unknown(body, Set.of("meanScore", "participants", "belowPassShare"), errors);
        String mean = number(body, "meanScore", errors);
        String participants = number(body, "participants", errors);
        String share = number(body, "belowPassShare", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return scores.save(String.valueOf(schoolId), String.valueOf(year), assessment, subject, mean, participants, share);
    }

    /** Deletes one score (404 when there is none). */
    @Delete("/{schoolId}/{year}/{assessment}/{subject}")
    HttpResponse<Void> delete(Authentication auth, @PathVariable long schoolId, @PathVariable int year,
                              @PathVariable String assessment, @PathVariable String subject) {
        scope.requireCoordinator(auth);
        scores.delete(new ExternalScore.Key(schoolId, year, assessment, subject));
        return HttpResponse.noContent();
    }

    /** Each wave's outcome: which year, assessment and subject its one number per school is. */
    @Get("/outcomes")
    @Produces(MediaType.APPLICATION_JSON)
    List<WaveOutcome> outcomes(Authentication auth) {
        scope.requireCoordinator(auth);
        return scores.outcomes().entrySet().stream().map(e -> outcome(e.getKey(), e.getValue())).toList();
    }

    /**
     * Chooses a wave's outcome. Body: a JSON object with year, assessment and subject, e.g.
     * <code>{"year": 2025, "assessment": "ОГЭ", "subject": "математика"}</code>. The wave's external
     * results (and the overview's context view) are then these scores.
     */
    @Put("/outcomes/{waveId}")
    @Produces(MediaType.APPLICATION_JSON)
    WaveOutcome chooseOutcome(HttpRequest<?> request, Authentication auth, @PathVariable long waveId,
                              @Body @Nullable byte[] raw) {
        scope.requireCoordinator(auth);
        JsonNode body = json.object(request, raw);
        List<FieldError> errors = new ArrayList<>();
        unknown(body, Set.of("year", "assessment", "subject"), errors);
        String year = number(body, "year", errors);
        String assessment = text(body, "assessment", errors);
        String subject = text(body, "subject", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return outcome(waveId, scores.chooseOutcome(waveId, year, assessment, subject));
    }

    private static WaveOutcome outcome(long waveId, ExternalScores.Outcome o) {
        return new WaveOutcome(waveId, o.year(), o.assessment(), o.subject(), o.label());
    }

    private static void unknown(JsonNode body, Set<String> known, List<FieldError> errors) {
        for (Map.Entry<String, JsonNode> e : body.entries()) {
            if (!known.contains(e.getKey())) {
                errors.add(FieldError.of(e.getKey(), FieldCode.UNKNOWN_FIELD));
            }
        }
    }

    /** A JSON number as plain text (no exponent), "" when absent or null; anything else is a wrong type. */
    private static String number(JsonNode body, String field, List<FieldError> errors) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isNumber()) {
            errors.add(FieldError.of(field, FieldCode.WRONG_TYPE, "number"));
            return "";
        }
        return new BigDecimal(n.getNumberValue().toString()).toPlainString();
    }

    private static String text(JsonNode body, String field, List<FieldError> errors) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return "";
        }
        if (!n.isString()) {
            errors.add(FieldError.of(field, FieldCode.WRONG_TYPE, "string"));
            return "";
        }
        return n.getStringValue();
    }
}
