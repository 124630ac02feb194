package org.uklad.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.support.AppTest;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * The demo's external results: three years of ОГЭ (four subjects) and ЕГЭ (three) for the eight
 * schools, the ШНРО schools at the bottom and the ШУВРО schools at the top of every subject and
 * year, one school without one subject, and each wave's outcome ОГЭ mathematics of its school year.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class DemoExternalScoresTest extends AppTest {

    @Inject ExternalScores scores;
    @Inject ExternalResults results;
    @Inject Schools schools;
    @Inject Waves waves;

    @Test
    void threeYearsWithTheLowResultSchoolsAtTheBottomAndTheHighResultSchoolsAtTheTop() {
        Map<Long, School> demo = schools.all().stream().filter(s -> s.municipality().equals("Демо-район"))
                .collect(Collectors.toMap(School::id, s -> s));
        List<ExternalScore> all = scores.find("Демо-район", null, null, null, null);
        List<Integer> years = all.stream().map(ExternalScore::year).distinct().sorted().toList();
        assertThat(years).hasSize(3);
        assertThat(years.get(2) - years.get(0)).isEqualTo(2);
        assertThat(all).hasSize(3 * 8 * (DemoExternalScores.OGE.size() + DemoExternalScores.EGE.size()) - 3);
        List<String> checked = new ArrayList<>();
        all.stream().collect(Collectors.groupingBy(s -> s.year() + " " + s.assessment() + " " + s.subject())).forEach((key, group) -> {
            List<SchoolCategory> order = group.stream().sorted(Comparator.comparingDouble(ExternalScore::meanScore))
                    .map(s -> demo.get(s.schoolId()).category()).toList();
            int n = order.size();
            assertThat(order.subList(0, 2)).as(key).containsOnly(SchoolCategory.SHNRO);
            assertThat(order.subList(n - 3, n)).as(key).containsOnly(SchoolCategory.SHUVRO);
            checked.add(key);
        });
        assertThat(checked).hasSize(3 * 7);
        // one school has no ЕГЭ social studies, in any year
        assertThat(all.stream().filter(s -> s.subject().equals(DemoExternalScores.MISSING_SUBJECT) && s.assessment().equals("ЕГЭ"))
                .map(s -> demo.get(s.schoolId()).name()).distinct()).hasSize(7).doesNotContain(DemoExternalScores.MISSING_SCHOOL);
        // each wave's one number is ОГЭ mathematics of its school year, for all eight schools
        for (Wave w : waves.all()) {
            ExternalScores.Outcome o = scores.outcome(w.id()).orElseThrow();
            assertThat(o).isEqualTo(new ExternalScores.Outcome(ExternalScores.schoolYear(w.opensAt()), "ОГЭ", "математика"));
            assertThat(results.of(w.id())).hasSize(8);
        }
    }
}
