package org.uklad.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.support.Http;

/**
 * Plausible answers to any questionnaire, for the report tests, the sample PDF and the benchmark:
 * every unconditional likert item answered around a school's own level (so schools differ), the
 * first option of choice questions, the lowest allowed number; free text left out.
 */
public final class SyntheticAnswers {

    private SyntheticAnswers() {
    }

    /**
     * @param level where this respondent's likert answers centre, 0 (lowest point) to 1 (highest)
     */
    public static Map<String, Object> answers(Questionnaire q, Random random, double level) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Item item : q.items()) {
            if (item.showIf() != null) {
                continue;
            }
            if (item.type() == ItemType.LIKERT) {
                ResponseScale scale = q.scaleOf(item);
                // teachers picture their ideal school above the school as it is
                double at = item.gapSide() == GapSide.IDEAL ? Math.min(1, level + 0.3) : level;
                double centre = scale.min() + at * (scale.max() - scale.min());
                if (item.reverse()) {
                    centre = scale.min() + scale.max() - centre;
                }
                long v = Math.round(centre + random.nextGaussian() * 0.8);
                answers.put(item.id(), (int) Math.max(scale.min(), Math.min(scale.max(), v)));
            } else if (item.type() == ItemType.NUMBER && item.min() != null) {
                answers.put(item.id(), item.min());
            } else if (item.type() == ItemType.SINGLE && !item.options().isEmpty()) {
                answers.put(item.id(), item.options().getFirst().value());
            }
        }
        return answers;
    }

    /** Submits one response through the respondent API; fails unless it is stored. */
    public static void submit(Http http, String code, Map<String, Object> answers) {
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                http.toJson(Map.of("answers", answers)), "Idempotency-Key", UUID.randomUUID().toString());
        if (r.status() != 201) {
            throw new AssertionError("expected 201 but got " + r.status() + ": " + r.body());
        }
    }
}
