package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.support.Database;
import org.uklad.wave.Wave;
import org.uklad.wave.WaveKind;
import org.uklad.wave.Waves;

/**
 * Held submissions are sealed with the configured key, unreadable without it, and a start with a
 * key that cannot open them is refused instead of losing them.
 */
class SealingKeyTest {

    @TempDir
    Path dir;

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private ApplicationContext start(String key) {
        return ApplicationContext.run(Map.of(
                "uklad.database.embedded.mode", "persistent",
                "uklad.database.embedded.data-dir", dir.resolve("pg").toString(),
                "uklad.responses.sealing-key", key,
                "micronaut.server.port", -1), "test");
    }

    @Test
    void aHeldSubmissionOpensOnlyWithItsKeyAndAnotherKeyStopsTheStart() {
        String key = newKey();
        ResponseStore.Group group;
        LocalDate day = LocalDate.of(2026, 12, 1);
        List<StoredAnswer> answers = List.of(StoredAnswer.ofInt("dem1", 4), StoredAnswer.ofText("comment", "секрет"));
        try (ApplicationContext first = start(key)) {
            long school = first.getBean(Schools.class).register("Школа с ключом", "Район", SchoolCategory.OTHER).id();
            Wave wave = first.getBean(Waves.class).create("Волна", WaveKind.ENTRY, Instant.now().minus(Duration.ofHours(1)),
                    Instant.now().plus(Duration.ofDays(1)), List.of("example"));
            long version = first.getBean(Waves.class).questionnaireVersionIds(wave.id()).getFirst();
            group = new ResponseStore.Group(wave.id(), school, version, "7А");
            @SuppressWarnings("unchecked")
            TransactionOperations<Connection> tx = first.getBean(TransactionOperations.class);
            ResponseStore store = first.getBean(ResponseStore.class);
            boolean held = store.hold("key-of-the-test-1", "fingerprint", group, day, answers);
            assertThat(held).isTrue();
            Database db = new Database(first.getBean(DataSource.class));
            assertThat(db.count("SELECT count(*) FROM response_held WHERE position(convert_to('секрет', 'UTF8') IN sealed) > 0"))
                    .isZero();
            // a configured key is never written to the database
            assertThat(db.count("SELECT count(*) FROM server_secret WHERE name = 'sealing'")).isZero();
            // what a start with another key meets: refused, naming the setting
            assertThatThrownBy(() -> new Sealing(newKey(), tx, first.getBean(org.uklad.system.ServerSecrets.class))).hasMessageContaining("uklad.responses.sealing-key cannot open 1 key");
        }

        try (ApplicationContext again = start(key)) {
            Database db = new Database(again.getBean(DataSource.class));
            assertThat(db.count("SELECT count(*) FROM response_held")).isEqualTo(1);
            assertThat(again.getBean(Sealing.class).open(Sealing.where(group.waveId(), group.schoolId(), group.versionId(), "7А", day),
                    heldBytes(again))).isEqualTo(answers);
        }
    }

    private static byte[] heldBytes(ApplicationContext context) {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource
                .unwrapDataSource(context.getBean(DataSource.class)).getConnection();
             var rs = c.createStatement().executeQuery("SELECT sealed FROM response_held")) {
            rs.next();
            return rs.getBytes(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
