package org.uklad.respondent;

import org.uklad.response.SubmissionService;
import org.uklad.response.Receipt;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uklad.system.CodeCheck;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * The respondent API: fetch the questionnaire behind a code, post a response with an
 * {@code Idempotency-Key}. Body: {@code {"answers": {"item_id": value, ...}}} where a value is a
 * scale value or number (JSON number), an option code or text (JSON string), or a list of option
 * codes (multiple choice).
 */
@Controller("/api/v1/surveys")
@ExecuteOn(TaskExecutors.BLOCKING)
class SurveyApiController {

    private final SurveyGate gate;
    private final SubmissionService submissions;
    private final StrictJson json;

    SurveyApiController(SurveyGate gate, SubmissionService submissions, StrictJson json) {
        this.gate = gate;
        this.submissions = submissions;
        this.json = json;
    }

    @Get("/{code}")
    SurveyDocument questionnaire(@PathVariable String code) {
        return SurveyDocument.of(gate.open(code));
    }

    @Post("/{code}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<Receipt> submit(HttpRequest<?> request, @PathVariable String code,
                                 @Header("Idempotency-Key") @Nullable String idempotencyKey, @Body @Nullable byte[] body) {
        Map<String, Object> answers = parseAnswers(json.object(request, body));
        // the code guard hands its check of this client to the storing statement (one read fewer)
        Receipt receipt = submissions.submit(code, idempotencyKey, answers, false, CodeCheck.of(request).orElse(null));
        return HttpResponse.status(receipt.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt);
    }

    private static Map<String, Object> parseAnswers(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.entries()) {
            if (!e.getKey().equals("answers")) {
                errors.add(FieldError.of(e.getKey(), FieldCode.UNKNOWN_FIELD));
            }
        }
        JsonNode answers = root.get("answers");
        if (answers == null || !answers.isObject()) {
            errors.add(FieldError.of("answers", FieldCode.WRONG_TYPE, "object"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : answers.entries()) {
            raw.put(e.getKey(), plain(e.getValue()));
        }
        return raw;
    }

    /** JSON values as the validator reads them; objects become a marker that fails every type check. */
    private static Object plain(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isNumber()) {
            Number n = node.getNumberValue();
            try {
                return n instanceof BigDecimal d ? d : new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return Boolean.FALSE; // NaN or infinity: not a number any item accepts
            }
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.values().forEach(v -> values.add(plain(v)));
            return values;
        }
        return Map.of();
    }
}
