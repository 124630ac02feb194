package org.uklad.programme;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The programme API and pages over HTTP: problem+json with field errors, the rules per role as
 * status codes, the new-programme form prefilled from the risk page's link, and the road map's CSV
 * as a download (type, BOM, rows).
 */
@MicronautTest(transactional = false)
class ProgrammeApiTest extends AppTest {

    static final String API = "/api/v1/staff/programmes";

    @Inject Accounts accounts;

    Http.Response json(StaffAgent who, String method, String path, String body) {
        return who.send(method, path, body == null ? null : "application/json", body, "Accept", "application/json",
                "X-CSRF-Token", who.csrf);
    }

    @Test
    void theApiFollowsThePagesRules() {
        long supported = fixture.school("SHNRO");
        long mentor = fixture.school("SHUVRO");
        long other = fixture.school("OTHER");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))).status()).isEqualTo(201);
        long wave = fixture.openWave("example");
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(mentor));
        StaffAgent dir = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(supported));
        StaffAgent stranger = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(other));

        Http.Response bad = json(admin, "POST", API, """
                {"supportedSchoolId": %d, "mentorSchoolId": %d, "title": "", "risks": ["low_learning_motivation", "Не id"]}""".formatted(supported, other));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        for (JsonNode e : http.json(bad).get("errors").values()) {
            fields.add(e.get("field").getStringValue() + ":" + e.get("code").getStringValue());
        }
        assertThat(fields).contains("mentorSchoolId:not-a-partnership", "title:length", "risks:unknown-reference");
        assertThat(json(admin, "POST", API, "{\"supportedSchoolId\": 1, \"colour\": \"red\"}").status()).isEqualTo(422);

        String body = """
                {"supportedSchoolId": %d, "mentorSchoolId": %d, "title": "Программа API", "goals": "Цели",
                 "risks": ["low_learning_motivation"], "baselineWaveId": %d}""".formatted(supported, mentor, wave);
        assertThat(json(psy, "POST", API, body).status()).isEqualTo(403);
        Http.Response created = json(admin, "POST", API, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = http.json(created).get("id").getLongValue();

        String measure = """
                {"title": "Семинары", "owner": "MENTOR_SCHOOL", "indicatorKind": "CONSTRUCT", "questionnaireKey": "example",
                 "constructId": "comfort", "targetValue": 70, "startsOn": "%s", "dueOn": "%s"}"""
                .formatted(LocalDate.now().minusDays(30), LocalDate.now().minusDays(1));
        assertThat(json(dir, "POST", API + "/" + id + "/measures", measure).status()).isEqualTo(403);
        Http.Response added = json(psy, "POST", API + "/" + id + "/measures", measure);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long measureId = http.json(added).get("id").getLongValue();
        assertThat(http.json(added).get("baselineValue")).as("no answers: no figure").isNull();

        // the director of the supported school reads, but the mentor school carries this measure out
        Http.Response read = json(dir, "GET", API + "/" + id, null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(http.json(read).get("mayEdit").getBooleanValue()).isFalse();
        assertThat(http.json(read).get("measures").get(0).get("mayNote").getBooleanValue()).isFalse();
        assertThat(json(dir, "POST", API + "/" + id + "/measures/" + measureId + "/notes",
                "{\"notedOn\": \"" + LocalDate.now() + "\", \"body\": \"Отметка\"}").status()).isEqualTo(403);
        assertThat(json(stranger, "GET", API + "/" + id, null).status()).isEqualTo(403);
        assertThat(http.json(json(stranger, "GET", API, null)).values()).isEmpty();
        assertThat(json(psy, "POST", API + "/" + id + "/measures/" + measureId + "/notes",
                "{\"notedOn\": \"" + LocalDate.now() + "\", \"body\": \"Два семинара\"}").status()).isEqualTo(201);
        assertThat(json(psy, "PUT", API + "/" + id + "/measures/" + measureId + "/status", "{\"status\": \"FINISHED\"}").status())
                .isEqualTo(422);
        assertThat(json(psy, "PUT", API + "/" + id + "/measures/" + measureId + "/status", "{\"status\": \"IN_PROGRESS\"}").status())
                .isEqualTo(200);
        assertThat(json(psy, "PUT", API + "/" + id, "{\"title\": \"Новое название\", \"risks\": []}").status()).isEqualTo(200);
        assertThat(json(dir, "PUT", API + "/" + id, "{\"title\": \"Директор\"}").status()).isEqualTo(403);
        assertThat(json(admin, "GET", API + "/999999999", null).status()).isEqualTo(404);

        Http.Response roadmap = json(dir, "GET", API + "/roadmap", null);
        JsonNode row = http.json(roadmap).get(0);
        assertThat(row.get("overdue").getBooleanValue()).isTrue();
        assertThat(row.get("programme").getStringValue()).isEqualTo("Новое название");
        Http.Download csv = dir.http.download("/staff/programmes/roadmap.csv", "Cookie",
                String.join("; ", dir.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFmunicipality,").contains(",Семинары,MENTOR_SCHOOL,,example/comfort,,70.0,")
                .contains(",IN_PROGRESS,true");
    }

    @Test
    void theRiskPagesLinkPrefillsTheNewProgramme() {
        long supported = fixture.school("SHNRO");
        long mentor = fixture.school("SHUVRO");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported))).status()).isEqualTo(201);
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        Http.Response page = admin.get("/staff/programmes/new?school=" + supported + "&risk=low_learning_motivation,low_school_wellbeing");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("value=\"" + supported + ":" + mentor + "\" selected")
                .contains("id=\"risk-low_learning_motivation\" checked=\"checked\"")
                .contains("id=\"risk-low_school_wellbeing\" checked=\"checked\"")
                .contains("id=\"risk-low_parental_involvement\">");
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(supported));
        assertThat(psy.get("/staff/programmes/new").status()).isEqualTo(403);
        // the form: a pair that is not a partnership comes back with the error at the pair
        Http.Response refused = admin.postWithCsrf("/staff/programmes", "pair", mentor + ":" + supported, "title", "П");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("не указана в реестре");
    }
}
