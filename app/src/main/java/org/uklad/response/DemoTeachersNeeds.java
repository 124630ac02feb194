package org.uklad.response;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.annotation.Order;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.wave.DemoSeed;
import org.uklad.wave.Waves;

/**
 * The teachers of every demo school answer the professional needs questionnaire
 * ({@value #QUESTIONNAIRE}) in both demo waves, so that each dashboard's "team training needs"
 * section is filled and differs between schools: each school lacks most in its own area (a
 * different one per school) and somewhat in a second, the rest near the school's level, as
 * {@link DemoResponses} draws every other form. Its codes are made here, after
 * {@link DemoResponses} has answered the others ({@link Order}: it answers every code it finds, and
 * the other forms' answers stay as they were), and before the demo programme reads the entry wave's
 * scores. Whole blocks of the minimum group size, so everything is published. Off outside the
 * {@code dev} environment.
 */
@Singleton
@Order(50)
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoTeachersNeeds implements ApplicationEventListener<DemoSeed.Seeded> {

    static final String QUESTIONNAIRE = "teachers-needs";
    static final String GROUP = "Педагоги";
    /** The staff the codes expect, as the teachers' form's codes. */
    static final int EXPECTED = 20;
    /** How far below the school's level its weakest and its second weakest area lie (0–1 level). */
    static final double WEAKEST = 0.3;
    static final double SECOND = 0.15;
    /**
     * How much of that a supported school has made up by the interim wave (besides its overall
     * rise): the demo programme's measures aim at its weakest areas, so its measured effect shows
     * clear improvements there and no clear change elsewhere.
     */
    static final double MADE_UP = 0.12;

    private static final Logger LOG = LoggerFactory.getLogger(DemoTeachersNeeds.class);

    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final SubmissionService submissions;
    private final ResponseRelease release;

    DemoTeachersNeeds(Waves waves, QuestionnaireRegistry questionnaires, SubmissionService submissions, ResponseRelease release) {
        this.release = release;
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.submissions = submissions;
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        // drawn in one fixed order, so every demo has the same answers
        Random random = new Random(2204);
        List<Runnable> groups = new ArrayList<>();
        int answered = 0;
        for (long wave : List.of(event.entryWaveId(), event.interimWaveId())) {
            LoadedQuestionnaire loaded = waves.questionnaireVersionIds(wave).stream()
                    .map(id -> questionnaires.byId(id).orElseThrow()).filter(q -> q.key().equals(QUESTIONNAIRE))
                    .findFirst().orElse(null);
            if (loaded == null) {
                continue; // the demo's waves were made without the module
            }
            Questionnaire q = loaded.questionnaire();
            List<String> areas = q.constructs().values().stream().filter(c -> c.index() == IndexKind.LEVEL)
                    .map(Construct::id).toList();
            boolean later = wave == event.interimWaveId();
            for (int s = 0; s < event.schools().size(); s++) {
                DemoSeed.DemoSchool school = event.schools().get(s);
                String code = waves.generateCodes(wave, school.id(), QUESTIONNAIRE, GROUP, 1, 500, EXPECTED).getFirst().code();
                double level = school.level() + (later && school.supported() ? DemoResponses.SUPPORTED_GAIN : 0);
                // each school its own weakest area, and a second one three places on
                String weakest = areas.get(s % areas.size());
                String second = areas.get((s + 3) % areas.size());
                double madeUp = later && school.supported() ? MADE_UP : 0;
                List<Map<String, Object>> group = new ArrayList<>();
                for (int i = 0; i < DemoResponses.TEACHERS; i++) {
                    group.add(DemoResponses.answers(q, random, level + random.nextGaussian() * DemoResponses.PERSON_SD,
                            c -> c.equals(weakest) ? madeUp - WEAKEST : c.equals(second) ? madeUp - SECOND
                                    : DemoResponses.offset(school.name(), c) / 2));
                }
                answered += group.size();
                groups.add(() -> DemoResponses.submitInBlocks(submissions, release, code, group));
            }
        }
        DemoResponses.store(groups);
        LOG.info("Demo answers to the teachers' needs questionnaire stored: {}", answered);
    }
}
