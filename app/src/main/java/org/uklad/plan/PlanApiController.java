package org.uklad.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.StrictJson;

/**
 * The programme's indicators with plan and fact as JSON (coordinators only; directors and
 * psychologists get 403). Each indicator comes with its fact (a computed one with what is behind
 * it, an entered one with its entries), its status (REACHED, NOT_YET, OVERDUE: reached when the
 * fact is at least the plan, overdue from the day after the due date) and, for a municipality or
 * school level, each place's fact and status. Session callers send {@code X-CSRF-Token} on changes.
 */
@Controller("/api/v1/staff/plan")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured("ADMIN")
class PlanApiController {

    private static final Set<String> INDICATOR_NUMBERS = Set.of("planValue");
    private static final Set<String> FACT_NUMBERS = Set.of("indicatorId", "schoolId", "value");

    private final Plans plans;
    private final StrictJson json;

    PlanApiController(Plans plans, StrictJson json) {
        this.plans = plans;
        this.json = json;
    }

    /** Every indicator with plan, fact and status as of today (in the service's time zone). */
    @Get
    Plan.Table plan(Authentication auth) {
        return plans.table(auth);
    }

    /**
     * Adds an indicator: {@code {"name": "…", "unit": "COUNT|PERCENT|SHARE_OF_SCHOOLS", "level":
     * "REGION|MUNICIPALITY|SCHOOL", "source": "ENTERED" or a metric (WAVES_RUN, IDENTIFIED_WITH_PROGRAMME,
     * PARTNERSHIP_PAIRS, SCHOOLS_MONITORED, MEASURES_DONE, SPECIALIST_POSTS, STAFF_TRAINED), "planValue":
     * 11, "dueOn": "2027-08-31", "note": "…"}}; 201 with the indicator, 422 naming every field's mistake.
     */
    @Post("/indicators")
    HttpResponse<Plan.Indicator> add(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        Map<String, String> in = fields(json.object(request, raw), PlanController.INDICATOR_FIELDS, INDICATOR_NUMBERS);
        return HttpResponse.created(plans.add(auth, PlanController.indicatorInput(in)));
    }

    /**
     * Enters a fact of an ENTERED indicator: {@code {"indicatorId": 3, "value": 4, "notedOn":
     * "2026-11-20", "note": "…"}}, with {@code "municipality"} or {@code "schoolId"} where the
     * indicator's level is MUNICIPALITY or SCHOOL; the latest entry of a place is its fact.
     */
    @Post("/facts")
    HttpResponse<Plan.Fact> enter(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        Map<String, String> in = fields(json.object(request, raw), PlanController.FACT_FIELDS, FACT_NUMBERS);
        return HttpResponse.created(plans.enter(auth, PlanController.factInput(in)));
    }

    /** Creates those of seed 003's twelve standard indicators not created yet; how many it created. */
    @Post("/standard")
    Map<String, Integer> standard(Authentication auth) {
        return Map.of("created", plans.standardSet(auth));
    }

    /** The body's fields as text, for the one validation of {@link Plans}; numbers must be JSON numbers. */
    private static Map<String, String> fields(JsonNode body, List<String> names, Set<String> numbers) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        names.forEach(n -> out.put(n, ""));
        for (Map.Entry<String, JsonNode> e : body.entries()) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            if (!out.containsKey(name)) {
                errors.add(FieldError.of(name, FieldCode.UNKNOWN_FIELD));
            } else if (v.isNull()) {
                out.put(name, "");
            } else if (numbers.contains(name)) {
                if (v.isNumber()) {
                    out.put(name, v.getNumberValue().toString());
                } else {
                    errors.add(FieldError.of(name, FieldCode.WRONG_TYPE, "number"));
                }
            } else if (v.isString()) {
                out.put(name, v.getStringValue());
            } else {
                errors.add(FieldError.of(name, FieldCode.WRONG_TYPE, "string"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        return out;
    }
}
