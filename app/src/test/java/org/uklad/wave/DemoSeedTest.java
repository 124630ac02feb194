package org.uklad.wave;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/** The demo on a fresh database: each questionnaire goes to a group it was written for. */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class DemoSeedTest extends AppTest {

    @Inject DemoSeed demo;

    @Test
    void theShortFormGoesToAThirdYearClassAndParentsCodesTakeTheClass() {
        Map<String, String> groupByTitle = demo.links().stream()
                .collect(Collectors.toMap(DemoSeed.DemoLink::title, DemoSeed.DemoLink::groupLabel));
        assertThat(groupByTitle).containsEntry("Анкета для учеников 2–4 классов", "3А")
                .containsEntry("Анкета для учащихся 5–11 классов", "7Б")
                .containsEntry("Анкета для родителей", "7Б")
                .containsEntry("Анкета для педагогов", "Педагоги");
        assertThat(db.count("SELECT count(*) FROM access_code WHERE group_label = '3А'")).isEqualTo(2); // both schools
        assertThat(http.get("/", "Accept", "text/html").body()).contains("3А");
    }

    /** A first start shows results: both demo schools have answered every questionnaire, all of it published. */
    @Test
    void bothDemoSchoolsHaveAnsweredSoEveryResultIsFilled() {
        assertThat(db.count("SELECT count(*) FROM response_held")).isZero();
        assertThat(db.count("SELECT count(DISTINCT school_id) FROM response")).isEqualTo(2);
        assertThat(db.count("SELECT count(DISTINCT (school_id, questionnaire_version_id)) FROM response"))
                .isEqualTo(2 * db.count("SELECT count(*) FROM wave_questionnaire"));
        long wave = db.count("SELECT id FROM wave");
        long supported = db.count("SELECT id FROM school WHERE name = 'Школа № 1 (демо)'");
        String indices = http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + supported + "/indices", null).body();
        assertThat(indices).contains("\"suppressed\":false").contains("\"rwgJ\":");
        // free-text answers, enough of them for the free-text page to show them
        assertThat(db.count("SELECT count(*) FROM answer WHERE value_text IN ('Учителя объясняют понятно', "
                + "'Мне нравится наш класс', 'В столовой шумно')")).isGreaterThanOrEqualTo(5);
    }
}
