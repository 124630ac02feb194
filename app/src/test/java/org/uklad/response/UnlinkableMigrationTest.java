package org.uklad.response;

import org.uklad.response.PaperImport;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.LocalDate;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;

/**
 * Migration V11 on a database that already holds responses (the upgrade of a running service):
 * nothing is lost, nothing links or orders them any more, and a paper file imported before is
 * still recognised as present in its place and only there.
 */
class UnlinkableMigrationTest {

    @Test
    void storedResponsesKeepTheirAnswersUnderNewIdsAndEarlierPaperKeysNameTheirPlace() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            var dataSource = pg.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("10").load().migrate();
            Database db = new Database(dataSource);
            db.execute("INSERT INTO school (id, name, municipality, category) VALUES (1, 'Школа', 'Район', 'OTHER')");
            db.execute("INSERT INTO questionnaire_version (id, questionnaire_key, version, fingerprint, source_name, source_text, "
                    + "catalogue_json, respondent, title_ru, title_en) VALUES (1, 'example', 1, 'f', 's', 't', '{}', 'STUDENT', 'П', 'E')");
            db.execute("INSERT INTO wave (id, name, kind, opens_at, closes_at) VALUES (1, 'Волна', 'ENTRY', now(), now() + interval '1 day')");
            db.execute("INSERT INTO wave_questionnaire VALUES (1, 1)");
            String fileKey = "0123456789abcdef0123456789abcdef";
            String[] keys = {"online-key-0001", "paper:" + fileKey + ":2", "paper:" + fileKey + ":3"};
            UUID[] ids = new UUID[keys.length];
            for (int i = 0; i < keys.length; i++) {
                ids[i] = UUID.randomUUID();
                db.execute("INSERT INTO response (id, idempotency_key, payload_sha256, wave_id, school_id, questionnaire_version_id, "
                        + "group_label, submitted_on, likert_answers) VALUES (?, ?, ?, 1, 1, 1, '7А', ?, '\\x0203'::bytea)",
                        ids[i], keys[i], "p" + i, LocalDate.of(2026, 11, 20 + i));
                db.execute("INSERT INTO answer (response_id, item_id, value_int) VALUES (?, 'dem1', ?)", ids[i], i + 1);
                db.execute("INSERT INTO answer (response_id, item_id, value_text) VALUES (?, 'comment', ?)", ids[i], "ответ " + i);
            }

            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

            assertThat(db.count("SELECT count(*) FROM response")).isEqualTo(3);
            assertThat(db.count("SELECT count(*) FROM answer")).isEqualTo(6);
            for (UUID old : ids) {
                assertThat(db.count("SELECT count(*) FROM response WHERE id = ?", old)).as("new ids").isZero();
            }
            for (int i = 0; i < keys.length; i++) {
                // each response still has its own answers, its day and its packed answers
                assertThat(db.count("SELECT count(*) FROM response r JOIN answer a ON a.response_id = r.id AND a.item_id = 'dem1' "
                        + "JOIN answer c ON c.response_id = r.id AND c.item_id = 'comment' WHERE a.value_int = ? AND c.value_text = ? "
                        + "AND r.submitted_on = ? AND r.likert_answers = '\\x0203'::bytea AND r.day_shuffled",
                        i + 1, "ответ " + i, LocalDate.of(2026, 11, 20 + i))).isEqualTo(1);
            }
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'response' "
                    + "AND column_name IN ('idempotency_key', 'payload_sha256')")).isZero();
            // the register: the online key as it was, the paper keys naming their place as the import now does
            assertThat(db.count("SELECT count(*) FROM submission_key")).isEqualTo(3);
            assertThat(registered(db, "online-key-0001", "p0")).isTrue();
            assertThat(registered(db, PaperImport.paperKey(1, 1, 1, fileKey, 2), "p1")).isTrue();
            assertThat(registered(db, PaperImport.paperKey(1, 1, 1, fileKey, 3), "p2")).isTrue();
            assertThat(registered(db, PaperImport.paperKey(1, 2, 1, fileKey, 2), "p1")).as("another school").isFalse();
        }
    }

    private static boolean registered(Database db, String key, String fingerprint) {
        return db.count("SELECT count(*) FROM submission_key WHERE key_hash = ? AND payload_hash = ?",
                ResponseStore.keyHash(key), ResponseStore.payloadHash(key, fingerprint)) == 1;
    }
}
