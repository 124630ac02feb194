package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.analysis.scale.ScaleReport;
import org.uklad.support.AppTest;
import org.uklad.wave.Waves;

/**
 * Many responses, written straight into the tables, so that the streamed pass crosses many fetch
 * batches and many schools: every school's figures still equal one accumulator over the same rows.
 */
@MicronautTest(transactional = false)
class IndicesVolumeTest extends AppTest {

    static final int SCHOOLS = 12;
    static final int RESPONSES = 3 * IndicesStore.FETCH_SIZE;

    @Inject DataSource dataSource;
    @Inject Waves waves;
    @Inject IndicesService indices;

    @Test
    void aStreamedWaveGivesEachSchoolTheAccumulatorsFigures() throws SQLException {
        long wave = fixture.openWave("example");
        long version = waves.questionnaireVersionIds(wave).getFirst();
        long[] schools = new long[SCHOOLS];
        for (int s = 0; s < SCHOOLS; s++) {
            schools[s] = fixture.school("OTHER");
        }
        ScaleDefinition dem = new ScaleDefinition("dem", new int[] {0, 1}, new boolean[] {false, true}, 1, 4, ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE, 3);
        ScaleAccumulator expected = new ScaleAccumulator(dem, SuppressionPolicy.DEFAULT);
        Random random = new Random(7);
        DataSource raw = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
        try (Connection c = raw.getConnection();
             PreparedStatement response = c.prepareStatement("""
                     INSERT INTO response (id, wave_id, school_id, questionnaire_version_id, group_label, submitted_on)
                     VALUES (?, ?, ?, ?, '5А', ?)""");
             PreparedStatement answer = c.prepareStatement(
                     "INSERT INTO answer (response_id, item_id, value_int) VALUES (?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < RESPONSES; i++) {
                // school sizes differ, and the smallest schools stay below the threshold
                int s = i < SCHOOLS * 3 ? i % SCHOOLS : Math.min(SCHOOLS - 1, 2 + random.nextInt(SCHOOLS));
                UUID id = UUID.randomUUID();
                response.setObject(1, id);
                response.setLong(2, wave);
                response.setLong(3, schools[s]);
                response.setLong(4, version);
                response.setObject(5, LocalDate.now());
                response.addBatch();
                double[] row = {Double.NaN, Double.NaN};
                String[] items = {"grade", "dem1", "dem2", "com1"};
                for (int j = 0; j < items.length; j++) {
                    if (j > 0 && random.nextInt(6) == 0) {
                        continue; // skipped
                    }
                    int v = j == 0 ? 5 + random.nextInt(7) : 1 + random.nextInt(4);
                    answer.setObject(1, id);
                    answer.setString(2, items[j]);
                    answer.setInt(3, v);
                    answer.addBatch();
                    if (j == 1 || j == 2) {
                        row[j - 1] = v;
                    }
                }
                expected.add(Long.toString(schools[s]), row);
            }
            response.executeBatch();
            answer.executeBatch();
            c.commit();
        }
        ScaleReport report = expected.report();
        WaveIndices result = indices.compute(wave);
        ConstructIndex construct = result.questionnaires().getFirst().constructs().getFirst();
        assertThat(construct.construct()).isEqualTo("teacher_demandingness");
        assertThat(construct.schools()).extracting(SchoolIndex::schoolId)
                .containsExactly(java.util.Arrays.stream(schools).boxed().toArray(Long[]::new));
        List<Long> suppressed = new ArrayList<>();
        long shownN = 0;
        for (SchoolIndex school : construct.schools()) {
            var e = report.groups().get(Long.toString(school.schoolId()));
            if (e.isSuppressed()) {
                assertThat(school.suppressed()).isTrue();
                assertThat(school.n()).isNull();
                suppressed.add(school.schoolId());
                continue;
            }
            GroupScaleResult g = e.orElseThrow();
            assertThat(school.respondents()).isEqualTo(g.respondents());
            assertThat(school.n()).isEqualTo(g.n());
            shownN += g.n();
            assertThat(school.mean()).isCloseTo(g.score().mean(), within(1e-9));
            assertThat(school.median()).isCloseTo(g.score().median(), within(1e-9));
            assertThat(school.alpha()).isCloseTo(g.reliability().orElseThrow().alpha(), within(1e-9));
        }
        assertThat(suppressed).hasSize(2); // the schools with 3 respondents
        // the pooled figure shows only when the small schools together have none or at least 5 scored respondents
        long rest = report.overall().orElseThrow().n() - shownN;
        if (rest == 0 || rest >= 5) {
            assertThat(construct.overall().n()).isEqualTo(report.overall().orElseThrow().n());
            assertThat(construct.overall().mean()).isCloseTo(report.overall().orElseThrow().score().mean(), within(1e-9));
        } else {
            assertThat(construct.overall().suppressed()).isTrue();
            assertThat(construct.overall().n()).isNull();
            assertThat(construct.icc()).isNull();
        }
    }
}
