package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/** Cached indices never go stale: a new response or new access codes show at the next request. */
@MicronautTest(transactional = false)
class IndicesCacheTest extends AppTest {

    int respondents(long wave, long school) {
        JsonNode all = http.json(http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null));
        for (JsonNode c : all.get("questionnaires").get(0).get("constructs").values()) {
            if (c.get("construct").getStringValue().equals("comfort")) {
                for (JsonNode s : c.get("schools").values()) {
                    if (s.get("schoolId").getLongValue() == school) {
                        return s.get("suppressed").getBooleanValue() ? -1 : s.get("n").getIntValue();
                    }
                }
            }
        }
        return 0;
    }

    void answer(String code) {
        assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": {\"grade\": 7, \"com1\": 3, \"com2\": 4}}",
                "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void newlyPublishedResponsesOrNewCodesShowAtTheNextRequest() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 50).getFirst();
        for (int i = 0; i < 6; i++) {
            answer(code);
        }
        assertThat(respondents(wave, school)).isEqualTo(5);
        assertThat(respondents(wave, school)).isEqualTo(5);   // served again, unchanged
        for (int i = 0; i < 4; i++) {
            answer(code);
        }
        assertThat(respondents(wave, school)).isEqualTo(10);  // the next block of k is published

        long other = fixture.school("OTHER");
        assertThat(respondents(wave, other)).isZero();        // not in the wave yet
        fixture.codes(wave, other, "example", "7Б", 1, 50);
        assertThat(respondents(wave, other)).isEqualTo(-1);  // now listed, and suppressed
    }
}
