package org.uklad.response;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.questionnaires.GapSide;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.wave.AccessCode;
import org.uklad.wave.DemoSeed;
import org.uklad.wave.Waves;

/**
 * Answers the demo wave's codes of both demo schools through the ordinary submission, so that a
 * first start shows the dashboards, the comparison with the partner, the problem matrix, the PDF
 * and the free-text answers filled: the supported school answers lower than its mentor. Counts
 * are whole blocks of the minimum group size, so everything answered is published. Off outside
 * the {@code dev} environment, like the demo itself.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoResponses implements ApplicationEventListener<DemoSeed.Seeded> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoResponses.class);
    private static final List<String> COMMENTS = List.of(
            "Хочется больше кружков после уроков", "Учителя объясняют понятно", "В столовой шумно",
            "Нужно больше времени на перемене", "Мне нравится наш класс", "Хотелось бы больше проектов");

    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final SubmissionService submissions;

    DemoResponses(Waves waves, QuestionnaireRegistry questionnaires, SubmissionService submissions) {
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.submissions = submissions;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        Random random = new Random(2026);
        int stored = 0;
        for (AccessCode code : waves.codes(event.waveId())) {
            Questionnaire q = questionnaires.byId(code.questionnaireVersionId()).orElseThrow().questionnaire();
            double level = code.schoolId() == event.supportedSchoolId() ? 0.45 : 0.72;
            int respondents = switch (q.respondent()) {
                case STUDENT -> 25;
                case PARENT, TEACHER -> 15;
            };
            for (int i = 0; i < respondents; i++) {
                submissions.submit(code.code(), UUID.randomUUID().toString(), answers(q, random, level), false);
                stored++;
            }
        }
        LOG.info("Demo answers stored: {}", stored);
    }

    /** Plausible answers around a school's level (0 lowest to 1 highest); a comment from some. */
    static Map<String, Object> answers(Questionnaire q, Random random, double level) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Item item : q.items()) {
            if (item.showIf() != null && !item.showIf().anyOf().contains(String.valueOf(answers.get(item.showIf().item())))) {
                continue; // its condition does not hold: not asked
            }
            switch (item.type()) {
                case LIKERT -> {
                    ResponseScale scale = q.scaleOf(item);
                    // teachers picture their ideal school above the school as it is
                    double at = item.gapSide() == GapSide.IDEAL ? Math.min(1, level + 0.3) : level;
                    double centre = scale.min() + at * (scale.max() - scale.min());
                    if (item.reverse()) {
                        centre = scale.min() + scale.max() - centre;
                    }
                    long v = Math.round(centre + random.nextGaussian() * 0.9);
                    answers.put(item.id(), (int) Math.max(scale.min(), Math.min(scale.max(), v)));
                }
                case NUMBER -> {
                    if (item.min() != null && item.max() != null) {
                        answers.put(item.id(), item.min() + random.nextInt(item.max() - item.min() + 1));
                    }
                }
                case SINGLE -> {
                    if (!item.options().isEmpty()) {
                        answers.put(item.id(), item.options().get(random.nextInt(item.options().size())).value());
                    }
                }
                case TEXT -> {
                    if (random.nextInt(3) == 0) {
                        answers.put(item.id(), COMMENTS.get(random.nextInt(COMMENTS.size())));
                    }
                }
                case MULTIPLE -> item.options().stream().filter(o -> !o.exclusive()).findFirst()
                        .ifPresent(o -> answers.put(item.id(), List.of(o.value())));
            }
        }
        return answers;
    }
}
