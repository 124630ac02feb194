package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/**
 * The demo's supported school shows a measured effect from the entry wave to the interim wave: its
 * answers rise between the waves (response/DemoResponses), so a demo programme with a measure on a
 * pupils' or teachers' construct has something to show on its page, in the API and the PDF.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class DemoEffectTest extends AppTest {

    @Inject MeasuredEffects effects;

    @Test
    void everyMeasureOnTheSupportedSchoolsConstructsIsMeasuredAndTheSchoolRisesMoreThanTheOthers() {
        long school = db.count("SELECT id FROM school WHERE name = 'Школа № 1 (демо)'");
        // the demo's entry wave: the one with the school's codes (other tests' waves may share the database)
        long entry = db.count("""
                SELECT w.id FROM wave w WHERE w.kind = 'ENTRY'
                  AND EXISTS (SELECT 1 FROM access_code c WHERE c.wave_id = w.id AND c.school_id = ?)""", school);
        long programme = db.count("""
                INSERT INTO programme (supported_school_id, title, baseline_wave_id) VALUES (?, 'Демо', ?) RETURNING id""",
                school, entry);
        List<String[]> indicators = List.of(new String[] {"students-5-11", "comfort"},
                new String[] {"students-5-11", "engagement"}, new String[] {"teachers", "shared_values"},
                new String[] {"parents", "comfort"});
        for (String[] i : indicators) {
            db.count("""
                    INSERT INTO programme_measure (programme_id, title, owner, indicator_kind, questionnaire_key, construct_id,
                        starts_on, due_on) VALUES (?, ?, 'MENTOR_SCHOOL', 'CONSTRUCT', ?, ?, ?, ?) RETURNING id""",
                    programme, i[0] + "/" + i[1], i[0], i[1], LocalDate.now().minusMonths(3), LocalDate.now().plusMonths(3));
        }
        Map<String, String> verdicts = new TreeMap<>();
        for (MeasureEffect m : effects.of(programme).measures()) {
            verdicts.put(m.measure(), m.steps().isEmpty() ? "none" : m.steps().getFirst().verdict()
                    + " " + m.steps().getFirst().difference() + " " + m.steps().getFirst().comparison());
        }
        // every measure is measured (both waves at least k) and the school rose more than the others on some of them;
        // whether a rise is "clear" depends on the demo's random answers (a clear one is the rule, not a guarantee)
        assertThat(verdicts.values()).as(verdicts.toString()).noneMatch(v -> v.startsWith("TOO_FEW") || v.equals("none"));
        assertThat(effects.of(programme).measures()).as(verdicts.toString())
                .anyMatch(m -> m.steps().getFirst().difference() > 0);
    }

    /**
     * The demo's own programme (programme/DemoProgrammes: measures on the school's weakest
     * constructs of the entry wave) shows what the cycle is for on a first start: clear improvements
     * beside unchanged measures, nothing fallen, nothing unmeasured. The demo is the same at every
     * start (its answers are drawn in a fixed order): three of its four measures improve clearly (at
     * least two are asked for); without what the school made up in its weakest areas
     * (response/DemoTeachersNeeds.MADE_UP) only one does.
     */
    @Test
    void theDemoProgrammesMeasuresOnWeakConstructsShowClearImprovement() {
        long programme = db.count("SELECT max(id) FROM programme WHERE title = 'Программа адресной поддержки (демо)'");
        Map<String, String> verdicts = new TreeMap<>();
        for (MeasureEffect m : effects.of(programme).measures()) {
            MeasureEffect.Step step = m.steps().getFirst();
            verdicts.put(m.indicator().en(), step.verdict() + " " + step.difference() + " p=" + step.p() + " " + step.comparison());
        }
        assertThat(verdicts).as(verdicts.toString()).hasSize(4);
        assertThat(verdicts.values()).as(verdicts.toString()).noneMatch(v -> v.startsWith("CLEAR_DECLINE") || v.startsWith("TOO_FEW"));
        assertThat(verdicts.values().stream().filter(v -> v.startsWith("CLEAR_IMPROVEMENT")))
                .as("clear improvements: " + verdicts).hasSizeGreaterThanOrEqualTo(2);
    }
}
