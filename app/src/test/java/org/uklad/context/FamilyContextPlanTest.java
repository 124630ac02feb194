package org.uklad.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.QueryPlans;

/** The family context reads one wave's parents through the indexes, never every response or answer. */
@MicronautTest(transactional = false)
class FamilyContextPlanTest extends AppTest {

    @Test
    void aWavesFamiliesAreReadThroughTheIndexesOnly() {
        String plan = db.plan(FamilyContextStore.ANSWERS, List.of("fc_books", "fc_education"), 1L, 3L);
        assertThat(plan).as("reached through the wave's index").contains("response_wave_school");
        assertThat(QueryPlans.scansNotNarrowedBy(plan, "response", "wave_id")).as(plan).isEmpty();
        assertThat(QueryPlans.scansNotNarrowedBy(plan, "answer", "response_id")).as(plan).isEmpty();
    }
}
