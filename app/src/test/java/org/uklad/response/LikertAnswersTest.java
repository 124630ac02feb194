package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.QueryPlans;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Each response carries its likert answers packed (byte i = answer to the i-th likert item + 1,
 * 0 = unanswered), since V31 only there: every way a response is stored must write packed answers
 * that say exactly what was answered, and no likert answer rows; readers get every answer back
 * through {@code response_answer}; the background fill must produce, for responses stored before
 * packing, the bytes their answer rows say; and the indices must not depend on which of the two
 * reads a response took.
 */
@MicronautTest(transactional = false)
class LikertAnswersTest extends AppTest {

    @Inject LikertAnswersBackfill backfill;

    /** The example's likert items are dem1, dem2, com1, com2 (grade is a number, then choices and text). */
    @Test
    void everyWayOfStoringPacksItsLikertAnswers() {
        long school = fixture.school("SHNRO");
        long paperSchool = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        List<String> codes = fixture.codes(wave, school, "example", "7А", 3, 5);
        String api = UUID.randomUUID().toString();
        assertThat(http.postJson("/api/v1/surveys/" + codes.get(0) + "/responses", """
                {"answers": {"grade": 7, "dem1": 4, "com1": 1, "com2": 3, "comment": "ок"}}""", "Idempotency-Key", api)
                .status()).isEqualTo(201);
        String form = UUID.randomUUID().toString();
        Http.Response page = http.send("POST", "/s/" + codes.get(1), "application/x-www-form-urlencoded",
                ("idempotencyKey=" + form + "&a.grade=5&a.dem2=2&a.com2=4").getBytes(StandardCharsets.UTF_8),
                "Accept", "text/html");
        assertThat(page.status()).isLessThan(400);
        fixture.publish(codes.get(2), 2); // the group of 7А reaches k and is published
        String csv = "\uFEFFwave_id,school_id,questionnaire,version,group_label,submitted_on,grade,dem1,dem2,com1,com2,bullied,bullied_where,comment\r\n"
                + (wave + "," + paperSchool + ",example,1,7В," + java.time.LocalDate.now() + ",6,1,2,3,4,,,\r\n").repeat(Fixture.K);
        Http.Response imported = http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + paperSchool
                + "/responses?questionnaire=example", "text/csv", csv.getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);

        assertThat(packedOf("id = '" + db.responseWith(codes.get(0), "comment") + "'")).isEqualTo("05000204");
        assertThat(packedOf("id = '" + db.responseWith(codes.get(0), "dem2") + "'")).isEqualTo("00030005");
        assertThat(packedOf("school_id = " + paperSchool)).isEqualTo("02030405");
        // every way of storing keeps the likert answers only packed (V31): no answer row of a likert item
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ? AND (likert_answers IS NULL OR likert_in_rows)", wave))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.wave_id = ? AND a.item_id IN ('dem1', 'dem2', 'com1', 'com2')", wave)).isZero();
        assertThat(db.count("SELECT count(*) FROM answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.wave_id = ? AND a.item_id IN ('grade', 'comment')", wave)).isEqualTo(2L + 1 + 3 + Fixture.K);
        // and every answer reads back as given, rows and packed bytes alike (the view readers read)
        assertThat(answersOf(db.responseWith(codes.get(0), "comment"))).isEqualTo("com1=1,com2=3,comment=ок,dem1=4,grade=7");
        assertThat(answersOf(db.responseWith(codes.get(0), "dem2"))).isEqualTo("com2=4,dem2=2,grade=5");
        assertThat(db.string("SELECT string_agg(DISTINCT " + ANSWERS_OF + ", '|') FROM response r WHERE r.school_id = ?", paperSchool))
                .isEqualTo("com1=3,com2=4,dem1=1,dem2=2,grade=6");
    }

    /** A response's answers as item=value, by item, from the view every reader of answers reads. */
    private static final String ANSWERS_OF = """
            (SELECT string_agg(a.item_id || '=' || coalesce(a.value_int::text, a.value_text, array_to_string(a.value_choices, ';')),
                               ',' ORDER BY a.item_id)
             FROM response_answer a WHERE a.response_id = r.id)""";

    private String answersOf(String responseId) {
        return db.string("SELECT " + ANSWERS_OF + " FROM response r WHERE r.id = ?::uuid", responseId);
    }

    @Test
    void responsesWithoutPackedAnswersGetTheSameBytesFromTheFillAndTheSameIndicesEitherWay() {
        long wave = fixture.openWave("example");
        long school = fixture.school("SHNRO");
        long partner = fixture.school("SHUVRO");
        // six respondents each (above the threshold of 5), one not answering dem2: the school's stored as
        // before packed answers existed (answer rows only), the partner's through the service (packed only)
        Integer[][] rows = {{1, 2, 4, 2}, {1, 3, 4, 2}, {2, 2, 3, 2}, {1, null, 4, 1}, {2, 3, 4, 2}, {1, 2, 3, 3}};
        for (Integer[] row : rows) {
            db.storeAsBeforeV11(wave, school, "example", "7А", Fixture.exampleRow(row));
        }
        Integer[][] partnerRows = {{3, 2, 3, 2}, {2, 3, 3, 2}, {3, 2, 2, 4}, {2, 2, 3, 2}, {4, 3, 3, 3}, {3, 1, 2, 2}};
        fixture.exampleAnswers(wave, partner, partnerRows);
        String partnerPacked = allPacked(wave, partner);
        // the export reads both kinds alike: the likert columns of the rows' school and of the packed one
        // (whose first k are published, the sixth held)
        assertThat(likertColumns(wave, school)).isEqualTo(likertColumns(rows));
        assertThat(likertColumns(wave, partner)).hasSize(Fixture.K).isSubsetOf(likertColumns(partnerRows));
        String fromRows = indices(wave);
        assertThat(fromRows).contains("\"suppressed\":false");
        assertThat(allPacked(wave, school)).doesNotContain("=0").contains("=null");

        assertThat(backfill.fill()).isGreaterThan(0);
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ? AND likert_answers IS NULL", wave)).isZero();
        // the fill's bytes say what the rows say (the rule stated in SQL, apart from the Java that packs)
        assertThat(db.count("SELECT count(*) FROM response r WHERE r.school_id = ? AND r.likert_answers IS DISTINCT FROM "
                + FROM_ANSWERS, school)).isZero();
        assertThat(allPacked(wave, partner)).isEqualTo(partnerPacked);
        fixture.codes(wave, school, "example", "9А", 1, 5); // the cached indices go stale
        assertThat(indices(wave)).isEqualTo(fromRows);
        assertThat(backfill.fill()).isZero(); // nothing left to fill
    }

    /** The packed answers as the answer rows give them, in SQL: independent of the Java that writes them. */
    private static final String FROM_ANSWERS = """
            (SELECT decode(string_agg(lpad(to_hex(COALESCE(a.value_int + 1, 0)), 2, '0'), '' ORDER BY i.pos), 'hex')
             FROM unnest(ARRAY['dem1', 'dem2', 'com1', 'com2']) WITH ORDINALITY AS i (item_id, pos)
             LEFT JOIN answer a ON a.response_id = r.id AND a.item_id = i.item_id)""";

    private String packedOf(String where) {
        return db.string("SELECT encode(likert_answers, 'hex') FROM response WHERE " + where);
    }

    /** dem1..com2 of each exported response of the school, sorted (the export's own order is by response id). */
    private List<String> likertColumns(long wave, long school) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example&schoolId=" + school, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> header = List.of(r.body().replace("\uFEFF", "").split("\r\n")[0].split(","));
        int dem1 = header.indexOf("dem1");
        assertThat(header.subList(dem1, dem1 + 4)).containsExactly("dem1", "dem2", "com1", "com2");
        return Arrays.stream(r.body().split("\r\n")).skip(1)
                .map(line -> String.join(",", List.of(line.split(",", -1)).subList(dem1, dem1 + 4))).sorted().toList();
    }

    private static List<String> likertColumns(Integer[][] rows) {
        return Arrays.stream(rows).map(row -> Arrays.stream(row).map(v -> v == null ? "" : v.toString())
                .collect(java.util.stream.Collectors.joining(","))).sorted().toList();
    }

    private String allPacked(long wave, long school) {
        return db.string("SELECT string_agg(id::text || '=' || coalesce(encode(likert_answers, 'hex'), 'null'), ',' ORDER BY id) "
                + "FROM response WHERE wave_id = ? AND school_id = ?", wave, school);
    }

    private String indices(long wave) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }

    /**
     * The export (one school, or the whole wave) and a school's free texts read through the indexes
     * only: both halves of response_answer are narrowed by the wave (and school), never read whole.
     */
    @Test
    void theViewsReadersReadThroughTheIndexesOnly() {
        String school = db.plan(PublishedResponseStore.EXPORT, 1L, 3L, 2L, 2L, 1L, 3L, 2L, 2L);
        assertThat(school).as("reached through the wave's index").contains("response_wave_school");
        assertThat(QueryPlans.scansNotNarrowedBy(school, "response", "wave_id")).as(school).isEmpty();
        assertThat(QueryPlans.scansNotNarrowedBy(school, "answer", "response_id")).as(school).isEmpty();
        String wave = db.plan(PublishedResponseStore.EXPORT, 1L, 3L, null, null, 1L, 3L, null, null);
        assertThat(wave).as("reached through the wave's index").contains("response_wave_school");
        assertThat(QueryPlans.scansNotNarrowedBy(wave, "response", "wave_id")).as(wave).isEmpty();
        assertThat(QueryPlans.scansNotNarrowedBy(wave, "answer", "response_id")).as(wave).isEmpty();
        String texts = db.plan(PublishedResponseStore.FREE_TEXTS, 1L, 2L, 3L, List.of("comment"));
        assertThat(texts).as("reached through the wave's index").contains("response_wave_school");
        assertThat(QueryPlans.scansNotNarrowedBy(texts, "response", "wave_id")).as(texts).isEmpty();
        assertThat(QueryPlans.scansNotNarrowedBy(texts, "answer", "response_id")).as(texts).isEmpty();
    }
}
