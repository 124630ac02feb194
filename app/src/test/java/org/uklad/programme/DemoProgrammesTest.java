package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.account.DemoStaff;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.support.AppTest;

/**
 * The demo's support programme: the first pair, the closed entry wave as baseline, four measures with
 * figures as baselines on the school's weakest constructs there, in four statuses, one overdue, with
 * notes by the psychologist and the director.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.demo.enabled", value = "true")
class DemoProgrammesTest extends AppTest {

    @Inject Programmes programmes;
    @Inject Indicators indicators;
    @Inject DemoStaff staff;

    @Test
    void theDemoHasAProgrammeForAPairWithMeasuresInEveryStatus() {
        List<Programme> all = programmes.list(staff.coordinator(), null);
        assertThat(all).hasSize(1);
        Programme p = all.getFirst();
        assertThat(p.mentorSchoolId()).isNotNull();
        long entry = db.count("SELECT id FROM wave WHERE kind = 'ENTRY'");
        assertThat(p.baselineWaveId()).isEqualTo(entry);
        Programmes.Detail d = programmes.detail(staff.director(), p.id());
        List<Measure> measures = d.measures().stream().map(Programmes.MeasureDetail::measure).toList();
        assertThat(measures).hasSize(4);
        assertThat(measures).extracting(Measure::status).doesNotHaveDuplicates();
        assertThat(measures).filteredOn(m -> m.overdueOn(LocalDate.now())).hasSize(1);
        assertThat(measures).allSatisfy(m -> assertThat(m.baselineValue()).isNotNull());
        // on the weakest constructs: no other construct of the wave scores below the highest one chosen
        double highestChosen = measures.stream().mapToDouble(Measure::baselineValue).max().orElseThrow();
        for (Indicators.ConstructChoice c : indicators.constructsOf(entry)) {
            Double score = indicators.baseline(entry, p.supportedSchoolId(), c.questionnaireKey(), c.constructId());
            boolean chosen = measures.stream().anyMatch(m -> m.constructId().equals(c.constructId())
                    && m.questionnaireKey().equals(c.questionnaireKey()));
            if (!chosen && score != null) {
                assertThat(score).as(c.value()).isGreaterThanOrEqualTo(highestChosen);
            }
        }
        assertThat(d.measures().stream().mapToInt(m -> m.notes().size()).sum()).isEqualTo(4);
        assertThat(d.measures().stream().flatMap(m -> m.notes().stream()).map(ProgrammeRecords.MeasureNote::authorRole))
                .contains("PSYCHOLOGIST", "DIRECTOR");

        // the programme page shows each measure's measured effect since the entry wave, in words
        String page = new org.uklad.account.StaffAgent(http).signedIn("director", "demo-director")
                .get("/staff/programmes/" + p.id()).body();
        for (Measure m : measures) {
            assertThat(page).as("measure " + m.id()).contains("id=\"measure-effect-" + m.id() + "\"");
        }
        assertThat(page).containsAnyOf("явное улучшение", "нет явного изменения", "явное ухудшение");
    }
}
