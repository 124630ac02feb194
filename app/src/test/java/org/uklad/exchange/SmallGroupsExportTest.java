package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * A group label in the responses CSV never points at fewer than k respondents: groups with fewer
 * than k responses in the export are shown as "(other groups)", and when those together are still
 * fewer than k, the smallest named group joins them (otherwise the response counts on the
 * monitoring page would name the one small group behind "(other groups)").
 */
@MicronautTest(transactional = false)
class SmallGroupsExportTest extends AppTest {

    void answer(long wave, long school, String group, int times) {
        String code = fixture.codes(wave, school, "example", group, 1, 50).getFirst();
        for (int i = 0; i < times; i++) {
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                    "{\"answers\": {\"grade\": 7, \"dem1\": " + (1 + i % 4) + "}}", "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    static List<String> labels(String csv) {
        return Arrays.stream(csv.split("\r\n")).skip(1).map(line -> line.split(",", -1)[4]).toList();
    }

    @Test
    void groupsWithFewerThanKResponsesAreMergedIntoOtherGroups() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        answer(wave, school, "7Б", 10);
        answer(wave, school, "8В", 5);
        answer(wave, school, "5А", 3); // held: fewer than k, published nowhere
        // person-named and tiny groups can only come from responses stored before publication in
        // blocks of k (migration V11 keeps them): the export must still not show them
        db.storeAsBeforeV11(wave, school, "example", "Иванов Пётр 7А", Map.of("grade", 7, "dem1", 2));
        db.storeAsBeforeV11(wave, school, "example", "9Г", Map.of("grade", 7, "dem1", 3));
        db.storeAsBeforeV11(wave, school, "example", "9Г", Map.of("grade", 8, "dem1", 4));

        for (String path : List.of("/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example&schoolId=" + school,
                "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example")) {
            Http.Response export = http.admin("GET", path, null);
            assertThat(export.status()).isEqualTo(200);
            List<String> labels = labels(export.body());
            assertThat(labels).as(path).hasSize(18);
            assertThat(labels.stream().filter("7Б"::equals)).hasSize(10);
            // 1 + 2 answers are fewer than 5, so the smallest named group (8В) joins them
            assertThat(labels.stream().filter("(other groups)"::equals)).hasSize(8);
            assertThat(export.body()).doesNotContain("Иванов", "8В", "9Г", "5А");
        }
    }
}
