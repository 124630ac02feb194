package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.SuppressionPolicy;

/** The anonymity threshold comes from configuration and can never be set below 3. */
class IndicesConfigurationTest {

    @Test
    void aThresholdBelowThreeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> {
            try (ApplicationContext ignored = ApplicationContext.run(Map.of("uklad.indices.min-group-size", 2), "test")) {
                // started: the test fails below
            }
        }).hasStackTraceContaining("uklad.indices.min-group-size must be at least 3");
    }

    @Test
    void theThresholdDefaultsToFiveAndCanBeRaised() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "test")) {
            assertThat(context.getBean(SuppressionPolicy.class).minGroupSize()).isEqualTo(5);
            assertThat(context.getBean(IndicesService.class).minGroupSize()).isEqualTo(5);
        }
        try (ApplicationContext context = ApplicationContext.run(Map.of("uklad.indices.min-group-size", 10), "test")) {
            assertThat(context.getBean(IndicesService.class).minGroupSize()).isEqualTo(10);
        }
    }
}
