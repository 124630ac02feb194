package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read replica's datasource is used only when its URL is given; a replica named by its other
 * settings alone stops the start instead of quietly reading from an empty embedded database.
 */
class ReadReplicaConfigurationTest {

    @Test
    void withoutAReplicaTheHeavyReadsUseThePrimary() {
        try (ApplicationContext context = ApplicationContext.run(Map.of(), "test")) {
            ReadReplica reads = context.getBean(ReadReplica.class);
            assertThat(reads.separate()).isFalse();
            assertThat(reads.jdbc()).isSameAs(context.getBean(Jdbc.class));
        }
    }

    @Test
    void aReplicaWithoutItsUrlStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> {
            try (ApplicationContext context = ApplicationContext.run(Map.of("datasources.read.username", "reader"), "test")) {
                context.getBean(ReadReplica.class);
            }
        }).hasStackTraceContaining("DATASOURCES_READ_URL");
    }
}
