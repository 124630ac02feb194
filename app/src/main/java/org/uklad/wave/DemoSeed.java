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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.account.DemoStaff;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;

/**
 * For trying the product on a laptop: on first start of an empty database, a demo municipality of
 * eight schools (two mentor–supported pairs), an entry wave that closed months ago and an interim
 * wave open now, both with the bundled questionnaires (never the example), shared access
 * codes per class and for the teachers, and the demo staff ({@link DemoStaff}: the director of
 * the first supported school, a psychologist of both supported schools). Then {@link Seeded} is
 * published so that the features above answer the codes ({@code response/}), record external
 * results ({@code overview/}) and a focus group ({@code focusgroup/}); the entry wave is closed
 * after its answers are in (a closed wave takes none). The home page links to the supported
 * school's codes of the open wave. Off outside the {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
public class DemoSeed implements ApplicationEventListener<ServerStartupEvent> {

    static final String ENTRY_WAVE = "Входной мониторинг (демо)";
    static final String WAVE_NAME = "Промежуточный мониторинг (демо)";
    static final String MUNICIPALITY = "Демо-район";
    /** The questionnaire for grades 2-4, handed to a third-year class. */
    static final String YOUNG_PUPILS_FORM = "students-2-4";
    static final String SUPPORTED = "Школа № 1 (демо)";

    /**
     * The questionnaires of both demo waves, in this order (never the example). The teachers' needs
     * module has no groups here: its codes and answers come from {@code response/DemoTeachersNeeds}.
     */
    static final List<String> FORMS = List.of(YOUNG_PUPILS_FORM, "students-5-11", "parents", "teachers", "teachers-needs");
    /** Which groups take each questionnaire, with the size each is expected to have (none: made by its own listener). */
    static final Map<String, Map<String, Integer>> GROUPS = Map.of(
            YOUNG_PUPILS_FORM, Map.of("3А", 24),
            "students-5-11", Map.of("7Б", 25, "8А", 25),
            "parents", Map.of("3А", 20, "7Б", 20, "8А", 20), // parents answer for their child's class
            "teachers", Map.of("Педагоги", 20));

    /**
     * A school of the demo as planned: its overall level (0 lowest to 1 highest) in the entry
     * wave, and the school it is supported by, if any.
     */
    record Plan(String name, SchoolCategory category, double level, String mentor) {}

    static final List<Plan> PLANS = List.of(
            new Plan(SUPPORTED, SchoolCategory.SHNRO, 0.38, "Школа № 2 (демо)"),
            new Plan("Школа № 2 (демо)", SchoolCategory.SHUVRO, 0.72, null),
            new Plan("Школа № 3 (демо)", SchoolCategory.SHRSSU, 0.42, "Лицей № 4 (демо)"),
            new Plan("Лицей № 4 (демо)", SchoolCategory.SHUVRO, 0.74, null),
            new Plan("Школа № 5 (демо)", SchoolCategory.SHNRO, 0.50, null),
            new Plan("Школа № 6 (демо)", SchoolCategory.SHRSSU, 0.56, null),
            new Plan("Школа № 7 (демо)", SchoolCategory.SHUVRO, 0.64, null),
            new Plan("Школа № 8 (демо)", SchoolCategory.SHRSSU, 0.52, null));

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

    /** A demo survey link shown on the home page. */
    @Introspected
    public record DemoLink(String title, String groupLabel, String path) {}

    /**
     * A demo school for the features that fill it in.
     *
     * @param level     its overall level in the entry wave, 0 lowest to 1 highest
     * @param supported whether a mentor school supports it (it improves between the waves)
     */
    public record DemoSchool(long id, String name, double level, boolean supported) {}

    /**
     * Published once the demo's schools, waves, codes and accounts exist; the entry wave is still
     * open while the listeners run and is closed after them.
     */
    public record Seeded(long entryWaveId, long interimWaveId, List<DemoSchool> schools) {

        /** The first supported school, the one the home page's links and the focus group are for. */
        public DemoSchool firstSupported() {
            return schools.stream().filter(DemoSchool::supported).findFirst().orElseThrow();
        }
    }

    private final Schools schools;
    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final DemoStaff staff;
    private final ApplicationEventPublisher<Seeded> seeded;
    private volatile List<DemoLink> links = List.of();

    DemoSeed(Schools schools, Waves waves, QuestionnaireRegistry questionnaires, DemoStaff staff,
             ApplicationEventPublisher<Seeded> seeded) {
        this.schools = schools;
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.staff = staff;
        this.seeded = seeded;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (schools.count() == 0) {
            seed();
        }
        links = findLinks();
    }

    public List<DemoLink> links() {
        return links;
    }

    /** One link per questionnaire: the supported school's first group of the open wave. */
    private List<DemoLink> findLinks() {
        Optional<Long> supported = schools.all().stream().filter(s -> s.name().equals(SUPPORTED)).map(School::id).findFirst();
        Optional<Wave> open = waves.all().stream().filter(w -> w.name().equals(WAVE_NAME)).findFirst();
        if (supported.isEmpty() || open.isEmpty()) {
            return List.of();
        }
        List<DemoLink> found = new ArrayList<>();
        List<Long> versions = new ArrayList<>();
        for (AccessCode c : waves.codes(open.get().id())) {
            if (c.schoolId() == supported.get().longValue() && !versions.contains(c.questionnaireVersionId())) {
                versions.add(c.questionnaireVersionId());
                found.add(new DemoLink(questionnaires.byId(c.questionnaireVersionId()).orElseThrow().questionnaire().title().ru(),
                        c.groupLabel(), "/s/" + c.code()));
            }
        }
        return List.copyOf(found);
    }

    private void seed() {
        long started = System.nanoTime();
        Map<String, School> byName = new LinkedHashMap<>();
        for (Plan p : PLANS) {
            byName.put(p.name(), schools.register(p.name(), MUNICIPALITY, p.category()));
        }
        List<DemoSchool> demoSchools = new ArrayList<>();
        for (Plan p : PLANS) {
            if (p.mentor() != null) {
                schools.pair(byName.get(p.mentor()).id(), byName.get(p.name()).id());
            }
            demoSchools.add(new DemoSchool(byName.get(p.name()).id(), p.name(), p.level(), p.mentor() != null));
        }
        List<String> keys = FORMS.stream().filter(k -> questionnaires.latest(k).isPresent()).toList();
        Instant now = Instant.now();
        // created open so that its answers go through the ordinary submission, closed below
        Wave entry = waves.create(ENTRY_WAVE, WaveKind.ENTRY, now.minus(Duration.ofDays(150)), now.plus(Duration.ofDays(1)), keys);
        Wave interim = waves.create(WAVE_NAME, WaveKind.INTERIM, now.minus(Duration.ofDays(14)), now.plus(Duration.ofDays(365)), keys);
        for (Wave wave : List.of(entry, interim)) {
            for (School school : byName.values()) {
                for (String key : keys) {
                    GROUPS.getOrDefault(key, Map.of()).forEach((group, size) ->
                            waves.generateCodes(wave.id(), school.id(), key, group, 1, 500, size));
                }
            }
        }
        staff.create(byName.get(SUPPORTED).id(), demoSchools.stream().filter(DemoSchool::supported).map(DemoSchool::id).toList());
        seeded.publishEvent(new Seeded(entry.id(), interim.id(), List.copyOf(demoSchools)));
        waves.reschedule(entry.id(), now.minus(Duration.ofDays(120)));
        LOG.info("Demo data created in {} ms: {} schools of {} in two pairs, a closed entry wave and an open interim wave, "
                        + "answered; staff sign-ins '{}' and '{}' (passwords in the README); see the home page",
                (System.nanoTime() - started) / 1_000_000, PLANS.size(), MUNICIPALITY, DemoStaff.DIRECTOR, DemoStaff.PSYCHOLOGIST);
    }
}
