package org.uklad.wave;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.wave.WaveTestSupport.PASSWORD;
import static org.uklad.wave.WaveTestSupport.account;
import static org.uklad.wave.WaveTestSupport.check;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Codes are for groups, never for a person: a batch of codes for a group of unknown size or
 * smaller than k (uklad.indices.min-group-size, 5 here) is refused with the reason, by the API and
 * the staff form alike, and nothing is stored. Codes issued before the rule keep working.
 */
@MicronautTest(transactional = false)
class GroupCodesTest extends AppTest {

    @Inject Accounts accounts;

    Http.Response generate(long wave, long school, String group, Integer expectedSize, String query) {
        Map<String, Object> body = new HashMap<>(Map.of("schoolId", school, "questionnaire", "example",
                "groupLabel", group, "count", 1, "maxUses", 1));
        if (expectedSize != null) {
            body.put("expectedSize", expectedSize);
        }
        return http.admin("POST", "/api/v1/admin/waves/" + wave + "/access-codes" + query, http.toJson(body));
    }

    static JsonNode onlyFieldError(Http http, Http.Response r) {
        List<JsonNode> errors = new java.util.ArrayList<>();
        http.json(r).get("errors").values().forEach(errors::add);
        assertThat(errors).as(r.body()).hasSize(1);
        return errors.getFirst();
    }

    @Test
    void theApiRefusesCodesForAGroupOfUnknownSizeOrSmallerThanK() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        for (Integer size : new Integer[] {null, 0, 1, 4}) {
            Http.Response r = generate(wave, school, "Иванов Пётр 7А", size, "");
            assertThat(r.status()).as(size + ": " + r.body()).isEqualTo(422);
            assertThat(r.contentType()).startsWith("application/problem+json");
            JsonNode error = onlyFieldError(http, r);
            assertThat(error.get("field").getStringValue()).isEqualTo("expectedSize");
            assertThat(error.get("code").getStringValue()).isEqualTo("group-too-small");
            assertThat(error.get("message").getStringValue()).contains("5", "групп", "человек");
        }
        JsonNode english = onlyFieldError(http, generate(wave, school, "7А", 2, "?lang=en"));
        assertThat(english.get("message").getStringValue()).contains("at least 5", "codes are for groups", "identify a person");
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ?", wave)).isZero();

        check(generate(wave, school, "7А", 5, ""), 201);
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ? AND expected_size = 5", wave)).isEqualTo(1);
    }

    @Test
    void theMarkerOfMergedGroupsIsNoGroupLabel() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        Http.Response r = generate(wave, school, " (other groups) ", 30, "");
        check(r, 422);
        JsonNode error = onlyFieldError(http, r);
        assertThat(error.get("field").getStringValue()).isEqualTo("groupLabel");
        assertThat(error.get("code").getStringValue()).isEqualTo("reserved-label");
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ?", wave)).isZero();
    }

    @Test
    void theFormSaysWhyAndStoresNothing() {
        long school = fixture.school("SHNRO");
        StaffAgent psychologist = new StaffAgent(http).signedIn(account(accounts, Role.PSYCHOLOGIST, List.of(school)), PASSWORD);
        long wave = fixture.openWave("example");
        Http.Response form = psychologist.get("/staff/waves/" + wave);
        assertThat(form.body()).containsPattern("<input id=\"expectedSize\" name=\"expectedSize\" type=\"number\" min=\"5\"[^>]* required");

        for (String size : new String[] {"", "3"}) {
            Http.Response r = psychologist.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(school),
                    "questionnaire", "example", "groupLabel", "Иванов Пётр 7А", "mode", "single", "count", "1",
                    "expectedSize", size);
            check(r, 422);
            assertThat(r.body()).contains("id=\"error-expectedSize\"", "коды выдаются группам");
        }
        Http.Response en = psychologist.postWithCsrf("/staff/waves/" + wave + "/codes?lang=en", "schoolId",
                String.valueOf(school), "questionnaire", "example", "groupLabel", "7А", "mode", "shared", "maxUses", "30",
                "expectedSize", "4");
        check(en, 422);
        assertThat(en.body()).contains("id=\"error-expectedSize\"", "codes are for groups");
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ?", wave)).isZero();
    }

    @Test
    void codesIssuedBeforeTheRuleKeepWorking() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        long version = db.count("SELECT questionnaire_version_id FROM wave_questionnaire WHERE wave_id = ?", wave);
        String code = new AccessCodeGenerator().next();
        db.execute("INSERT INTO access_code (code, wave_id, school_id, questionnaire_version_id, group_label, max_uses, uses) "
                + "VALUES (?, ?, ?, ?, 'Иванов Пётр 7А', 1, 0)", code, wave, school, version);
        check(http.get("/api/v1/surveys/" + code), 200);
        check(http.postJson("/api/v1/surveys/" + code + "/responses", WaveTestSupport.EXAMPLE_ANSWERS,
                "Idempotency-Key", java.util.UUID.randomUUID().toString()), 201);
    }
}
