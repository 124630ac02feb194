package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;
import org.uklad.questionnaire.QuestionnaireRegistry;

/**
 * The attacks of a database reader and of a dashboard watcher on respondents' anonymity, performed
 * against the real server and PostgreSQL: each assertion holds only because the attack fails
 * (migration V11, {@link ResponseRelease}).
 */
@MicronautTest(transactional = false)
class UnlinkableResponsesTest extends AppTest {

    @Inject
    ResponseRelease release;

    @Inject
    QuestionnaireRegistry questionnaires;

    @Inject
    DataSource dataSource;

    private static String answers(int grade, int dem1, String comment) {
        return "{\"answers\": {\"grade\": " + grade + ", \"dem1\": " + dem1 + ", \"comment\": \"" + comment + "\"}}";
    }

    private void submit(String code, String body) {
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", body,
                "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    /** The attack of issue #14: a single-use code's use and its response in one transaction share xmin. */
    @Test
    void noSingleUseCodeSharesATransactionWithAnyResponseOrAnswer() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        List<String> codes = fixture.codes(wave, school, "example", "7А", 12, 1);
        for (int i = 0; i < codes.size(); i++) {
            submit(codes.get(i), answers(5 + i % 5, 1 + i % 4, "ответ-" + i));
        }
        assertThat(db.count("SELECT count(*) FROM access_code WHERE school_id = ? AND uses = 1", school)).isEqualTo(12);
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", school)).isEqualTo(10);
        String join = "SELECT count(*) FROM access_code ac JOIN %s ON %s.xmin = ac.xmin WHERE ac.max_uses = 1 AND ac.school_id = ?";
        assertThat(db.count(join.formatted("response r", "r"), school)).isZero();
        assertThat(db.count(join.formatted("answer a", "a"), school)).isZero();
        // the two not yet published share their code's transaction, but hold nothing readable
        assertThat(db.count(join.formatted("response_held h", "h"), school)).isEqualTo(2);
        for (int i = 10; i < 12; i++) {
            assertThat(db.count("SELECT count(*) FROM response_held WHERE school_id = ? AND position(convert_to(?, 'UTF8') IN sealed) > 0",
                    school, "ответ-" + i)).isZero();
        }
        // and the key register holds hashes only: no key, no answers
        assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'submission_key'")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'response' "
                + "AND column_name IN ('idempotency_key', 'payload_sha256')")).isZero();
    }

    /**
     * Ordering a group's responses by their physical place or transaction against the true order
     * of submission: once the day's rewrite ran, one transaction and no rank correlation.
     */
    @Test
    void neitherPhysicalOrderNorTransactionIdsGiveTheOrderOfArrival() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 100).getFirst();
        int n = 60;
        for (int i = 0; i < n; i++) {
            submit(code, answers(7, 1 + i % 4, "r" + i));
        }
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", school)).isEqualTo(n);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        assertThat(release.shuffleDays(today.plusDays(1))).isGreaterThanOrEqualTo(n);

        assertThat(db.count("SELECT count(DISTINCT xmin::text) FROM response WHERE school_id = ?", school)).isEqualTo(1);
        List<Integer> byPlace = arrivalRanks(school, "r.ctid");
        assertThat(byPlace).hasSize(n);
        assertThat(Math.abs(spearman(byPlace))).as("rank correlation of ctid order with arrival").isLessThan(0.45);
        List<Integer> byAnswerPlace = arrivalRanks(school, "(SELECT min(a2.ctid) FROM answer a2 WHERE a2.response_id = r.id)");
        assertThat(Math.abs(spearman(byAnswerPlace))).as("rank correlation of answers' order with arrival").isLessThan(0.45);
        // a backup (pg_dump writes each table with COPY, in physical order) holds the same order
        List<Integer> inBackup = backupOrder(school);
        assertThat(inBackup).hasSize(n);
        assertThat(Math.abs(spearman(inBackup))).as("rank correlation of the dump's order with arrival").isLessThan(0.45);
        // and the rewrite lost nothing
        assertThat(db.count("SELECT count(*) FROM response_answer a JOIN response r ON r.id = a.response_id WHERE r.school_id = ?", school))
                .isEqualTo(3L * n);
    }

    /** Arrival rank (from the comment "r<i>") of each response, in the order the SQL expression gives. */
    private List<Integer> arrivalRanks(long school, String orderBy) {
        List<Integer> ranks = new ArrayList<>();
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var ps = c.prepareStatement("SELECT a.value_text FROM response r JOIN answer a ON a.response_id = r.id "
                     + "AND a.item_id = 'comment' WHERE r.school_id = ? ORDER BY " + orderBy)) {
            ps.setLong(1, school);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ranks.add(Integer.parseInt(rs.getString(1).substring(1)));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ranks;
    }

    /** Arrival ranks in the order of the answer table's dump, as pg_dump writes it (COPY ... TO STDOUT). */
    private List<Integer> backupOrder(long school) {
        try (var c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            try (var ps = c.prepareStatement("SELECT id::text FROM response WHERE school_id = ?")) {
                ps.setLong(1, school);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            java.io.StringWriter dump = new java.io.StringWriter();
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut("COPY answer TO STDOUT", dump);
            List<Integer> ranks = new ArrayList<>();
            for (String line : dump.toString().split("\n")) {
                String[] f = line.split("\t");
                if (ids.contains(f[0]) && f[1].equals("comment")) {
                    ranks.add(Integer.parseInt(f[3].substring(1)));
                }
            }
            return ranks;
        } catch (java.sql.SQLException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spearman's rho between position in the list and the value (both without ties). */
    static double spearman(List<Integer> ranks) {
        int n = ranks.size();
        double d2 = 0;
        for (int i = 0; i < n; i++) {
            double d = i - ranks.get(i);
            d2 += d * d;
        }
        return 1 - 6 * d2 / ((double) n * ((double) n * n - 1));
    }

    /**
     * The differencing attack of issue #14: five teachers answered, the director reads the figures,
     * one more answers, the director reads again. Every figure of the school (levels, percent
     * favourable, agreement, the real–ideal gap) and the responses CSV stay exactly as they were
     * until at least k new teachers have answered.
     */
    @Test
    void figuresMoveOnlyInStepsOfAtLeastKRespondents() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("teachers");
        String code = fixture.codes(wave, school, "teachers", "Педагоги", 1, 100).getFirst();
        Questionnaire q = questionnaires.latest("teachers").orElseThrow().questionnaire();
        Random random = new Random(14);
        String indices = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/indices";
        String csv = "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=teachers&schoolId=" + school;
        Map<Integer, String> figuresAfter = new LinkedHashMap<>();
        Map<Integer, String> csvAfter = new LinkedHashMap<>();
        for (int answered = 1; answered <= 12; answered++) {
            SyntheticAnswers.submit(http, code, SyntheticAnswers.answers(q, random, random.nextDouble()));
            Http.Response figures = http.admin("GET", indices, null);
            assertThat(figures.status()).isEqualTo(200);
            figuresAfter.put(answered, figures.body());
            csvAfter.put(answered, http.admin("GET", csv, null).body());
        }
        assertThat(figuresAfter.get(5)).contains("\"rwgJ\":").contains("\"gap\":{");
        for (int answered = 2; answered <= 12; answered++) {
            boolean blockPublished = answered % Fixture.K == 0;
            if (blockPublished) {
                assertThat(figuresAfter.get(answered)).as("after %d", answered).isNotEqualTo(figuresAfter.get(answered - 1));
                assertThat(csvAfter.get(answered)).isNotEqualTo(csvAfter.get(answered - 1));
            } else {
                assertThat(figuresAfter.get(answered)).as("after %d", answered).isEqualTo(figuresAfter.get(answered - 1));
                assertThat(csvAfter.get(answered)).isEqualTo(csvAfter.get(answered - 1));
            }
        }
        assertThat(csvAfter.get(9).lines().count()).isEqualTo(1 + 5);
        assertThat(csvAfter.get(12).lines().count()).isEqualTo(1 + 10);
    }

    /**
     * A closed wave publishes what its groups still hold, across the school's groups, only as a
     * block of at least k ("other groups"); fewer stay held, so no figure moves by fewer than k.
     */
    @Test
    void aClosedWavesRemainderIsPublishedOnlyAsABlockOfAtLeastK() {
        long school = fixture.school("SHNRO");
        long smallSchool = fixture.school("SHNRO");
        Instant now = Instant.now();
        long wave = fixture.wave(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), "example");
        String a = fixture.codes(wave, school, "example", "7А", 1, 100).getFirst();
        String b = fixture.codes(wave, school, "example", "7Б", 1, 100).getFirst();
        String c = fixture.codes(wave, smallSchool, "example", "7А", 1, 100).getFirst();
        for (int i = 0; i < 8; i++) {
            submit(a, answers(7, 2, "a" + i)); // 5 published, 3 held
        }
        for (int i = 0; i < 3; i++) {
            submit(b, answers(7, 3, "b" + i)); // 3 held
            submit(c, answers(7, 3, "c" + i)); // 3 held
        }
        release.releaseDue();
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ?", wave)).isEqualTo(5);

        db.execute("UPDATE wave SET closes_at = now() - interval '1 minute', opens_at = now() - interval '2 hours' WHERE id = ?", wave);
        release.releaseDue();
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", school)).isEqualTo(11);
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ? AND group_label = ?", school,
                ResponseRelease.OTHER_GROUPS)).isEqualTo(6);
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ? AND group_label = '7А'", school)).isEqualTo(5);
        // three of a school are fewer than k: they stay held, and are counted as stored
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", smallSchool)).isZero();
        assertThat(db.count("SELECT count(*) FROM response_held WHERE school_id = ?", smallSchool)).isEqualTo(3);
    }
}
