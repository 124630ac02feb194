package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.Database;

/** The default run keeps its data on disk, durably, across restarts. */
class EmbeddedDatabasePersistenceTest {

    @TempDir
    Path dir;

    private ApplicationContext start() {
        return ApplicationContext.run(Map.of(
                "uklad.database.embedded.mode", "persistent",
                "uklad.database.embedded.data-dir", dir.resolve("pg").toString(),
                "micronaut.server.port", -1), "test");
    }

    @Test
    void dataSurvivesARestartAndCommitsAreDurable() {
        try (ApplicationContext first = start()) {
            Database db = new Database(first.getBean(DataSource.class));
            assertThat(db.string("SHOW fsync")).isEqualTo("on");
            assertThat(db.string("SHOW synchronous_commit")).isEqualTo("on");
            db.count("SELECT count(*) FROM (SELECT 1) x");
            first.getBean(org.uklad.school.Schools.class).register("Школа на диске", "Район", org.uklad.school.SchoolCategory.OTHER);
        }
        assertThat(Files.exists(dir.resolve("pg").resolve("PG_VERSION"))).isTrue();
        try (ApplicationContext second = start()) {
            Database db = new Database(second.getBean(DataSource.class));
            assertThat(db.count("SELECT count(*) FROM school WHERE name = 'Школа на диске'")).isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(1);
        }
    }
}
