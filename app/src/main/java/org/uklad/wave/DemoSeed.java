package org.uklad.wave;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaire.QuestionnaireSummary;

/**
 * For trying the product on a laptop: on first start of an empty database, a supported school and
 * its mentor, an open wave with every loaded questionnaire, and shared access codes, linked from
 * the home page. Off outside the {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
public class DemoSeed implements ApplicationEventListener<ServerStartupEvent> {

    static final String WAVE_NAME = "Демонстрационная волна / Demo wave";
    /** The questionnaire for grades 2-4, handed to a third-year class. */
    static final String YOUNG_PUPILS_FORM = "students-2-4";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

    /** A demo survey link shown on the home page. */
    @Introspected
    public record DemoLink(String title, String groupLabel, String path) {}

    /** Published once the demo wave and its codes exist, for the respondents' side to answer them. */
    public record Seeded(long waveId, long supportedSchoolId, long mentorSchoolId) {}

    static final String SUPPORTED = "Школа № 1 (демо)";

    private final Schools schools;
    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final ApplicationEventPublisher<Seeded> seeded;
    private volatile List<DemoLink> links = List.of();

    DemoSeed(Schools schools, Waves waves, QuestionnaireRegistry questionnaires, ApplicationEventPublisher<Seeded> seeded) {
        this.schools = schools;
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.seeded = seeded;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (schools.count() == 0) {
            seed();
        }
        long supported = schools.all().stream().filter(s -> s.name().equals(SUPPORTED)).mapToLong(School::id).findFirst().orElse(-1);
        links = waves.all().stream().filter(w -> w.name().equals(WAVE_NAME)).findFirst()
                .map(w -> waves.codes(w.id()).stream()
                        .filter(c -> c.schoolId() == supported) // the mentor school's codes are answered by the demo itself
                        .map(c -> new DemoLink(questionnaires.byId(c.questionnaireVersionId()).orElseThrow().questionnaire().title().ru(),
                                c.groupLabel(), "/s/" + c.code()))
                        .toList())
                .orElse(List.of());
    }

    public List<DemoLink> links() {
        return links;
    }

    private void seed() {
        School supported = schools.register(SUPPORTED, "Демо-район", SchoolCategory.SHNRO);
        School mentor = schools.register("Школа № 2 (демо)", "Демо-район", SchoolCategory.SHUVRO);
        schools.pair(mentor.id(), supported.id());
        List<String> keys = new ArrayList<>();
        for (QuestionnaireSummary q : questionnaires.list()) {
            if (!keys.contains(q.key())) {
                keys.add(q.key());
            }
        }
        Instant now = Instant.now();
        Wave wave = waves.create(WAVE_NAME, WaveKind.ENTRY, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)), keys);
        for (String key : keys) {
            String respondent = questionnaires.latest(key).orElseThrow().questionnaire().respondent().name();
            String group = switch (respondent) {
                case "TEACHER" -> "Педагоги";
                // a parents' code takes the child's class; the short form is for grades 2-4 only
                default -> key.equals(YOUNG_PUPILS_FORM) ? "3А" : "7Б";
            };
            waves.generateCodes(wave.id(), supported.id(), key, group, 1, 500, 25);
            waves.generateCodes(wave.id(), mentor.id(), key, group, 1, 500, 25);
        }
        LOG.info("Demo data created: two partner schools, an open wave and access codes; see the home page");
        seeded.publishEvent(new Seeded(wave.id(), supported.id(), mentor.id()));
    }
}
