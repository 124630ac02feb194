package org.uklad.wave;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.wave.WaveTestSupport.PASSWORD;
import static org.uklad.wave.WaveTestSupport.account;
import static org.uklad.wave.WaveTestSupport.check;
import static org.uklad.wave.WaveTestSupport.submit;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** Live counts of a wave: responses per school, questionnaire and group against the expected size, within the user's scope. */
@MicronautTest(transactional = false)
class MonitoringTest extends AppTest {

    @Inject Accounts accounts;

    static JsonNode group(JsonNode school, String label) {
        for (JsonNode g : school.get("groups").values()) {
            if (g.get("groupLabel").getStringValue().equals(label)) {
                return g;
            }
        }
        throw new AssertionError("no group " + label + " in " + school);
    }

    static List<Long> schoolIds(JsonNode monitoring) {
        List<Long> ids = new ArrayList<>();
        monitoring.get("schools").values().forEach(s -> ids.add(s.get("schoolId").getLongValue()));
        return ids;
    }

    @Test
    void countsFollowSubmissionsAndStayInsideTheUsersSchools() {
        long own = fixture.school("SHNRO");
        long partner = fixture.school("SHUVRO");
        long other = fixture.school("OTHER");
        check(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", partner,
                "supportedSchoolId", own))), 201);
        long wave = fixture.openWave("example");
        String shared7 = fixture.codes(wave, own, "example", "7Б", 1, 30).getFirst();     // expected 25
        List<String> single8 = fixture.codes(wave, own, "example", "8А", 3, 1);            // expected 25 each
        String partnerCode = fixture.codes(wave, partner, "example", "6В", 1, 30).getFirst();
        String otherCode = fixture.codes(wave, other, "example", "5Г", 1, 30).getFirst();
        submit(http, shared7);
        submit(http, shared7);
        submit(http, shared7);
        submit(http, single8.get(0));
        submit(http, partnerCode);
        submit(http, otherCode);
        submit(http, otherCode);

        StaffAgent psy = new StaffAgent(http).signedIn(account(accounts, Role.PSYCHOLOGIST, List.of(own)), PASSWORD);
        Http.Response r = psy.getJson("/api/v1/staff/waves/" + wave + "/monitoring");
        check(r, 200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        JsonNode m = http.json(r);
        assertThat(schoolIds(m)).containsExactly(own);
        assertThat(m.get("responses").getLongValue()).isEqualTo(4);
        JsonNode school = m.get("schools").get(0);
        JsonNode g7 = group(school, "7Б");
        assertThat(g7.get("responses").getLongValue()).isEqualTo(3);
        assertThat(g7.get("expected").getIntValue()).isEqualTo(25);
        assertThat(g7.get("rate").getIntValue()).isEqualTo(12);
        assertThat(g7.get("respondent").getStringValue()).isEqualTo("STUDENT");
        assertThat(g7.get("questionnaire").getStringValue()).isEqualTo("example");
        JsonNode g8 = group(school, "8А");
        // three single-use codes of one class of 25: the class is expected once, not three times
        assertThat(g8.get("responses").getLongValue()).isEqualTo(1);
        assertThat(g8.get("expected").getIntValue()).isEqualTo(25);
        assertThat(g8.get("rate").getIntValue()).isEqualTo(4);
        assertThat(school.get("responses").getLongValue()).isEqualTo(4);
        assertThat(school.get("expected").getIntValue()).isEqualTo(50);
        assertThat(school.get("rate").getIntValue()).isEqualTo(8);
        // nothing per respondent: no ids, no dates
        assertThat(r.body()).doesNotContain("submitted", "idempotency", "responseId");

        submit(http, shared7);
        JsonNode after = http.json(psy.getJson("/api/v1/staff/waves/" + wave + "/monitoring"));
        assertThat(group(after.get("schools").get(0), "7Б").get("responses").getLongValue()).isEqualTo(4);

        // the page shows the same numbers without JavaScript, and loads the polling script
        Http.Response page = psy.get("/staff/waves/" + wave + "/monitoring");
        check(page, 200);
        assertThat(page.body()).contains("7Б", "8А", "16 %", "<script src=\"/assets/monitoring.js\" defer></script>",
                "data-source=\"/api/v1/staff/waves/" + wave + "/monitoring?lang=ru\"").doesNotContain("6В", "5Г");
        assertThat(http.get("/assets/monitoring.js").status()).isEqualTo(200);

        // a director: own school only, not the partner school
        StaffAgent dir = new StaffAgent(http).signedIn(account(accounts, Role.DIRECTOR, List.of(own)), PASSWORD);
        assertThat(schoolIds(http.json(dir.getJson("/api/v1/staff/waves/" + wave + "/monitoring")))).containsExactly(own);
        // the partner's director: own school only again
        StaffAgent partnerDir = new StaffAgent(http).signedIn(account(accounts, Role.DIRECTOR, List.of(partner)), PASSWORD);
        assertThat(schoolIds(http.json(partnerDir.getJson("/api/v1/staff/waves/" + wave + "/monitoring"))))
                .containsExactly(partner);
        // a coordinator: every school
        StaffAgent adm = new StaffAgent(http).signedIn(account(accounts, Role.ADMIN, List.of()), PASSWORD);
        JsonNode all = http.json(adm.getJson("/api/v1/staff/waves/" + wave + "/monitoring"));
        assertThat(schoolIds(all)).contains(own, partner, other);
        assertThat(all.get("responses").getLongValue()).isEqualTo(8);

        // a wave without codes for the director's school is not theirs
        long elsewhere = fixture.openWave("example");
        fixture.codes(elsewhere, other, "example", "5Г", 1, 30);
        check(dir.getJson("/api/v1/staff/waves/" + elsewhere + "/monitoring"), 403);
        check(dir.getJson("/api/v1/staff/waves/999999999/monitoring"), 404);
        assertThat(http.json(dir.getJson("/api/v1/staff/waves")).values()).hasSize(1);
    }
}
