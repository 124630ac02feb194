package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Each response carries its likert answers packed (byte i = answer to the i-th likert item + 1,
 * 0 = unanswered) and the indices read those: every way a response is stored must write packed answers
 * that say exactly what its answer rows say, the background fill must produce the same bytes for
 * responses without them, and the indices must not depend on which of the two reads a response took.
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
        // and the same rule, stated over the answer rows, holds for every response stored here
        assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ? AND likert_answers IS NULL", wave)).isZero();
        assertThat(db.count("SELECT count(*) FROM response r WHERE r.wave_id = ? AND r.likert_answers IS DISTINCT FROM "
                + FROM_ANSWERS, wave)).isZero();
    }

    @Test
    void responsesWithoutPackedAnswersGetTheSameBytesFromTheFillAndTheSameIndicesEitherWay() {
        long wave = fixture.openWave("example");
        long school = fixture.school("SHNRO");
        long partner = fixture.school("SHUVRO");
        // six respondents each (above the threshold of 5), one not answering dem2
        fixture.exampleAnswers(wave, school, new Integer[][] {
                {1, 2, 4, 2}, {1, 3, 4, 2}, {2, 2, 3, 2}, {1, null, 4, 1}, {2, 3, 4, 2}, {1, 2, 3, 3}});
        fixture.exampleAnswers(wave, partner, new Integer[][] {
                {3, 2, 3, 2}, {2, 3, 3, 2}, {3, 2, 2, 4}, {2, 2, 3, 2}, {4, 3, 3, 3}, {3, 1, 2, 2}});
        String stored = allPacked(wave);
        String packed = indices(wave);
        assertThat(packed).contains("\"suppressed\":false");

        db.execute("UPDATE response SET likert_answers = NULL WHERE wave_id = ?", wave);
        fixture.codes(wave, school, "example", "9А", 1, 5); // the cached indices go stale
        assertThat(indices(wave)).isEqualTo(packed);

        assertThat(backfill.fill()).isGreaterThan(0);
        assertThat(allPacked(wave)).isEqualTo(stored);
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

    private String allPacked(long wave) {
        return db.string("SELECT string_agg(id::text || '=' || coalesce(encode(likert_answers, 'hex'), 'null'), ',' ORDER BY id) "
                + "FROM response WHERE wave_id = ?", wave);
    }

    private String indices(long wave) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null);
        assertThat(r.status()).isEqualTo(200);
        return r.body();
    }
}
