package org.uklad.overview;

import org.uklad.context.ExternalResults;
import org.uklad.context.FamilyContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Messages;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * The coordinator's wave overview as JSON (ADMIN only; psychologists and directors get 403): the
 * schools × constructs matrix, clusters, context/resilience with suggested partners, pairs; the
 * external results the context view regresses on; the municipal summary PDF. Suppressed figures
 * carry no number. Session callers send {@code X-CSRF-Token} on changes.
 */
@Controller("/api/v1/staff/waves/{waveId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
class OverviewApiController {

    private final WaveOverviewService overviews;
    private final ExternalResults results;
    private final MunicipalSummary summary;
    private final StrictJson json;
    private final HttpLocaleResolver locales;

    OverviewApiController(WaveOverviewService overviews, ExternalResults results, MunicipalSummary summary,
                          StrictJson json, HttpLocaleResolver locales) {
        this.overviews = overviews;
        this.results = results;
        this.summary = summary;
        this.json = json;
        this.locales = locales;
    }

    /** All schools of the wave: matrix, clusters, context/resilience and pairs (rules: WaveOverviewService). */
    @Get("/overview")
    HttpResponse<WaveOverview> overview(@PathVariable long waveId) {
        return HttpResponse.ok(overviews.compute(waveId));
    }

    /** The municipal summary PDF; {@code ?lang=en} for English, Russian otherwise. */
    @Get(value = "/overview.pdf", produces = "application/pdf")
    HttpResponse<byte[]> pdf(HttpRequest<?> request, @PathVariable long waveId) {
        return summary.download(waveId, Messages.supported(locales.resolveOrDefault(request)));
    }

    /** The external results of the wave's schools. */
    @Get("/external-results")
    List<ExternalResults.ExternalResult> external(@PathVariable long waveId) {
        overviews.requireWave(waveId);
        return results.of(waveId);
    }

    /**
     * Sets a school's external result in the wave: {@code {"value": 4.25, "label": "ОГЭ, математика"}};
     * value a JSON number within 0–100000, label 1–200 characters. Replaces an earlier one.
     */
    @Put("/external-results/{schoolId}")
    ExternalResults.ExternalResult save(HttpRequest<?> request, @PathVariable long waveId, @PathVariable long schoolId,
                                        @Body @Nullable byte[] raw) {
        JsonNode body = json.object(request, raw);
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : body.entries()) {
            if (!e.getKey().equals("value") && !e.getKey().equals("label")) {
                errors.add(FieldError.of(e.getKey(), FieldCode.UNKNOWN_FIELD));
            }
        }
        JsonNode value = body.get("value");
        JsonNode label = body.get("label");
        if (value != null && !value.isNull() && !value.isNumber()) {
            errors.add(FieldError.of("value", FieldCode.WRONG_TYPE, "number"));
        }
        if (label != null && !label.isNull() && !label.isString()) {
            errors.add(FieldError.of("label", FieldCode.WRONG_TYPE, "string"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Double v = value == null || !value.isNumber() ? null : value.getNumberValue().doubleValue();
        String l = label == null || !label.isString() ? null : label.getStringValue();
        return results.save(waveId, schoolId, v, l);
    }
}
