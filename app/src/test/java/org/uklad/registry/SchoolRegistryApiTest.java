package org.uklad.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.registry.SchoolRegistryPagesTest.check;
import static org.uklad.registry.SchoolRegistryPagesTest.unique;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The registry's JSON API (administration API): ADMIN only, bad input refused as problem+json, nothing stored. */
@MicronautTest(transactional = false)
class SchoolRegistryApiTest extends AppTest {

    static final String JSON = "application/json";

    @Inject Accounts accounts;

    long own;
    long other;

    @BeforeEach
    void setUp() {
        own = fixture.school("SHNRO");
        other = fixture.school("SHUVRO");
    }

    StaffAgent agent(Role role, List<Long> schools) {
        return StaffAgent.signedIn(http, accounts, role, schools);
    }

    static Http.Response send(StaffAgent a, String method, String path, String body) {
        return a.send(method, path, body == null ? null : JSON, body, "Accept", JSON, "X-CSRF-Token", a.csrf);
    }

    Http.Response school(String name, String municipality, Object category) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("name", name);
        body.put("municipality", municipality);
        body.put("category", category);
        return http.admin("POST", "/api/v1/admin/schools", http.toJson(body));
    }

    /** The problem's bad fields as "field:code". */
    List<String> fields(Http.Response r) {
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> out = new ArrayList<>();
        for (JsonNode e : http.json(r).get("errors").values()) {
            out.add(e.get("field").getStringValue() + ":" + e.get("code").getStringValue());
        }
        return out;
    }

    long schools() {
        return db.count("SELECT count(*) FROM school");
    }

    @Test
    void schoolsAreListedByFilterUpdatedAndBadInputIsRefused() {
        String municipality = unique("API-район");
        Http.Response created = school("Гимназия № 1", municipality, "SHRSSU");
        check(created, 201);
        long id = http.json(created).get("id").getLongValue();

        Http.Response filtered = http.admin("GET", "/api/v1/admin/schools?municipality=" + StaffAgent.enc(municipality)
                + "&category=SHRSSU", null);
        check(filtered, 200);
        assertThat(http.json(filtered).size()).isEqualTo(1);
        assertThat(http.json(filtered).get(0).get("name").getStringValue()).isEqualTo("Гимназия № 1");
        check(http.admin("GET", "/api/v1/admin/schools?municipality=" + StaffAgent.enc(municipality) + "&category=SHNRO", null), 200);
        assertThat(http.json(http.admin("GET", "/api/v1/admin/schools?municipality=" + StaffAgent.enc(municipality)
                + "&category=SHNRO", null)).size()).isZero();
        Http.Response badFilter = http.admin("GET", "/api/v1/admin/schools?category=ELITE", null);
        check(badFilter, 422);
        assertThat(fields(badFilter)).containsExactly("category:unknown-reference");

        Http.Response updated = http.admin("PUT", "/api/v1/admin/schools/" + id, http.toJson(Map.of(
                "name", "Гимназия № 2", "municipality", municipality, "category", "SHUVRO")));
        check(updated, 200);
        assertThat(http.json(updated).get("category").getStringValue()).isEqualTo("SHUVRO");
        assertThat(http.json(http.admin("GET", "/api/v1/admin/schools/" + id, null)).get("name").getStringValue())
                .isEqualTo("Гимназия № 2");

        long before = schools();
        Http.Response empty = school(" ", "", "OTHER");
        check(empty, 422);
        assertThat(fields(empty)).containsExactlyInAnyOrder("name:length", "municipality:length");
        Http.Response tooLong = school("я".repeat(301), "м".repeat(201), "OTHER");
        check(tooLong, 422);
        assertThat(fields(tooLong)).containsExactlyInAnyOrder("name:length", "municipality:length");
        Http.Response unknownCategory = school("Школа", municipality, "ELITE");
        assertThat(unknownCategory.status()).as(unknownCategory.body()).isBetween(400, 499);
        assertThat(fields(unknownCategory)).anyMatch(f -> f.startsWith("category:"));
        Http.Response noCategory = school("Школа", municipality, null);
        check(noCategory, 422);
        assertThat(fields(noCategory)).containsExactly("category:required");
        Http.Response duplicate = school("Гимназия № 2", municipality, "OTHER");
        check(duplicate, 409);
        assertThat(fields(duplicate)).containsExactly("name:duplicate");
        Http.Response badUpdate = http.admin("PUT", "/api/v1/admin/schools/" + id, http.toJson(Map.of(
                "name", "", "municipality", municipality, "category", "OTHER")));
        check(badUpdate, 422);
        check(http.admin("PUT", "/api/v1/admin/schools/999999999", http.toJson(Map.of(
                "name", "X", "municipality", "Y", "category", "OTHER"))), 404);
        assertThat(schools()).isEqualTo(before);
        assertThat(db.string("SELECT name FROM school WHERE id = ?", id)).isEqualTo("Гимназия № 2");
    }

    @Test
    void municipalitiesAreCountedAndRenamedOnTheirSchools() {
        String from = unique("Район-А");
        String to = unique("Район-Б");
        check(school("Школа 1", from, "OTHER"), 201);
        check(school("Школа 2", from, "SHNRO"), 201);
        JsonNode list = http.json(http.admin("GET", "/api/v1/admin/municipalities", null));
        boolean found = false;
        for (JsonNode m : list.values()) {
            if (m.get("name").getStringValue().equals(from)) {
                assertThat(m.get("schools").getIntValue()).isEqualTo(2);
                found = true;
            }
        }
        assertThat(found).isTrue();

        Http.Response renamed = http.admin("POST", "/api/v1/admin/municipalities/rename", http.toJson(Map.of("from", from, "to", to)));
        check(renamed, 200);
        assertThat(http.json(renamed).get("schools").getIntValue()).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", to)).isEqualTo(2);

        Http.Response blank = http.admin("POST", "/api/v1/admin/municipalities/rename", http.toJson(Map.of("from", to, "to", "")));
        check(blank, 422);
        assertThat(fields(blank)).containsExactly("to:length");
        check(http.admin("POST", "/api/v1/admin/municipalities/rename", http.toJson(Map.of("from", unique("Нет"), "to", "X"))), 404);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", to)).isEqualTo(2);
    }

    @Test
    void categoriesAreTheFixedSetWithCounts() {
        Http.Response r = http.admin("GET", "/api/v1/admin/categories", null);
        check(r, 200);
        List<String> codes = new ArrayList<>();
        for (JsonNode c : http.json(r).values()) {
            codes.add(c.get("category").getStringValue());
            assertThat((long) c.get("schools").getIntValue())
                    .isEqualTo(db.count("SELECT count(*) FROM school WHERE category = ?", c.get("category").getStringValue()));
        }
        assertThat(codes).containsExactly("SHNRO", "SHRSSU", "SHUVRO", "OTHER");
    }

    @Test
    void partnershipsAreCreatedRefusedAndRemoved() {
        long before = db.count("SELECT count(*) FROM partnership");
        Http.Response self = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", own,
                "supportedSchoolId", own)));
        check(self, 422);
        assertThat(fields(self)).containsExactly("supportedSchoolId:same-school");
        Http.Response created = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", other,
                "supportedSchoolId", own)));
        check(created, 201);
        long id = http.json(created).get("id").getLongValue();
        Http.Response duplicate = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", other,
                "supportedSchoolId", own)));
        check(duplicate, 409);
        assertThat(fields(duplicate)).containsExactly("supportedSchoolId:duplicate");
        Http.Response unknown = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", 999999999,
                "supportedSchoolId", own)));
        check(unknown, 422);
        assertThat(fields(unknown)).containsExactly("mentorSchoolId:unknown-reference");
        assertThat(db.count("SELECT count(*) FROM partnership")).isEqualTo(before + 1);

        check(http.admin("DELETE", "/api/v1/admin/partnerships/" + id, null), 204);
        assertThat(db.count("SELECT count(*) FROM partnership")).isEqualTo(before);
        check(http.admin("DELETE", "/api/v1/admin/partnerships/" + id, null), 404);
    }

    @Test
    void onlyCoordinatorsUseTheRegistryApiAndSessionsNeedTheCsrfHeader() {
        StaffAgent psychologist = agent(Role.PSYCHOLOGIST, List.of(own));
        StaffAgent director = agent(Role.DIRECTOR, List.of(own));
        StaffAgent admin = agent(Role.ADMIN, List.of());
        String body = http.toJson(Map.of("name", "Сессионная", "municipality", unique("Сессия"), "category", "OTHER"));
        long before = schools();
        for (StaffAgent a : List.of(psychologist, director)) {
            for (String path : List.of("/api/v1/admin/schools", "/api/v1/admin/schools/" + own, "/api/v1/admin/municipalities",
                    "/api/v1/admin/categories", "/api/v1/admin/partnerships")) {
                check(send(a, "GET", path, null), 403);
            }
            check(send(a, "POST", "/api/v1/admin/schools", body), 403);
            check(send(a, "PUT", "/api/v1/admin/schools/" + own, body), 403);
            check(send(a, "POST", "/api/v1/admin/municipalities/rename", http.toJson(Map.of("from", "Тестовый район", "to", "X"))), 403);
            check(send(a, "DELETE", "/api/v1/admin/partnerships/1", null), 403);
        }
        // a psychologist reads the assigned schools through the staff API instead
        JsonNode mine = http.json(psychologist.getJson("/api/v1/staff/schools"));
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).get("id").getLongValue()).isEqualTo(own);

        check(admin.send("POST", "/api/v1/admin/schools", JSON, body, "Accept", JSON), 403);
        assertThat(schools()).isEqualTo(before);
        check(send(admin, "POST", "/api/v1/admin/schools", body), 201);
        assertThat(schools()).isEqualTo(before + 1);
        check(http.get("/api/v1/admin/schools", "Accept", JSON), 401);
    }
}
