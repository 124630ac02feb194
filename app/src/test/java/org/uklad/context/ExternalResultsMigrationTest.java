package org.uklad.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;

/**
 * Migration V16 on a database that holds one-number external results (V8): each moves into
 * external_score (year = the wave's school year, assessment ИНОЕ, subject = the label), each wave's
 * outcome is its label, and the external_result view the overview reads gives back exactly what
 * was stored; two waves of one school year under one label keep their own numbers; a negative
 * result stays in the renamed old table.
 */
class ExternalResultsMigrationTest {

    /** What ExternalResultStore.of reads. */
    static final String OF_WAVE = "SELECT string_agg(school_id || '=' || value || ' ' || label, '; ' ORDER BY school_id) "
            + "FROM external_result WHERE wave_id = ?";

    @Test
    void storedResultsBecomeScoresAndTheViewGivesThemBack() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            var dataSource = pg.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("15").load().migrate();
            Database db = new Database(dataSource);
            for (int s = 1; s <= 3; s++) {
                db.execute("INSERT INTO school (id, name, municipality, category) VALUES (?, ?, 'Район', 'OTHER')", s, "Школа " + s);
            }
            // waves 1 and 2 in the school year 2025/26, wave 3 in the spring of 2025 (school year 2024)
            db.execute("INSERT INTO wave (id, name, kind, opens_at, closes_at) VALUES "
                    + "(1, 'Входная', 'ENTRY', '2025-09-15T08:00:00Z', '2025-10-15T08:00:00Z'), "
                    + "(2, 'Промежуточная', 'INTERIM', '2026-03-01T08:00:00Z', '2026-04-01T08:00:00Z'), "
                    + "(3, 'Весенняя', 'ENTRY', '2025-04-01T08:00:00Z', '2025-05-01T08:00:00Z')");
            String label = "ОГЭ, математика, средний балл";
            db.execute("INSERT INTO external_result (wave_id, school_id, value, label) VALUES "
                    + "(1, 1, 3.9, ?), (1, 2, 4.25, ?), (1, 3, 3.1, 'ЕГЭ'), (2, 1, 4.0, ?), (2, 2, -1, ?), (3, 1, 61.5, 'ВПР, 5 класс')",
                    label, label, label, label);

            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            // wave 1: its label used by most schools is its outcome; waves 1 and 2 share year and label, so each is marked
            String one = label + " [волна 1]";
            assertThat(db.string(OF_WAVE, 1L)).isEqualTo("1=3.9 " + one + "; 2=4.25 " + one);
            assertThat(db.string(OF_WAVE, 2L)).isEqualTo("1=4 " + label + " [волна 2]");
            assertThat(db.string(OF_WAVE, 3L)).isEqualTo("1=61.5 ВПР, 5 класс");
            assertThat(db.string("SELECT year || ' ' || assessment || ' ' || participants FROM external_score WHERE subject = 'ВПР, 5 класс'"))
                    .isEqualTo("2024 ИНОЕ 0");
            // every non-negative result is a score, the school of the other label too; nothing is lost
            assertThat(db.count("SELECT count(*) FROM external_score")).isEqualTo(5);
            assertThat(db.count("SELECT count(*) FROM external_score WHERE school_id = 3 AND subject = 'ЕГЭ' AND year = 2025"))
                    .isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM external_result_v8")).isEqualTo(6);
            assertThat(db.count("SELECT count(*) FROM wave_outcome")).isEqualTo(3);
        }
    }
}
