package org.uklad.profile;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * School profiles and mentor resources through the API and the pages: validation by field, who may
 * read and fill in a profile (a director or psychologist their own school, a coordinator any), the
 * facts for the risk profile against figures counted in the database itself, and the matrix of
 * resources with current pairs against capacity.
 */
@MicronautTest(transactional = false)
class SchoolProfilesTest extends AppTest {

    static final String JSON = "application/json";

    @Inject Accounts accounts;
    @Inject SchoolProfiles profiles;
    @Inject MentorResources mentors;

    long own;
    long partner;
    long other;

    @BeforeEach
    void schools() {
        own = fixture.school("SHNRO");
        partner = fixture.school("SHUVRO");
        other = fixture.school("OTHER");
        assertThat(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", partner, "supportedSchoolId", own))).status()).isEqualTo(201);
    }

    static String body(int students, int sen, int otherLanguage, int teachers, int vacancies, int[] specialists,
                       int trained, List<String> equipment) {
        return """
                {"students": %d, "senStudents": %d, "otherLanguageStudents": %d, "teachers": %d, "teacherVacancies": %d,
                 "psychologists": %d, "speechTherapists": %d, "specialNeedsTeachers": %d, "socialPedagogues": %d,
                 "tutors": %d, "staffTrained": %d, "equipment": [%s], "comment": "Две площадки"}"""
                .formatted(students, sen, otherLanguage, teachers, vacancies, specialists[0], specialists[1], specialists[2],
                        specialists[3], specialists[4], trained,
                        String.join(", ", equipment.stream().map(e -> "\"" + e + "\"").toList()));
    }

    static final String GOOD = body(480, 24, 36, 30, 6, new int[] {1, 0, 0, 1, 0}, 9, List.of("LIBRARY", "BROADBAND"));

    Http.Response put(StaffAgent agent, long school, int year, String json) {
        return agent.send("PUT", "/api/v1/staff/schools/" + school + "/profiles/" + year, JSON, json,
                "Accept", JSON, "X-CSRF-Token", agent.csrf);
    }

    StaffAgent as(Role role, long... schools) {
        List<Long> ids = new ArrayList<>();
        for (long s : schools) {
            ids.add(s);
        }
        return StaffAgent.signedIn(http, accounts, role, ids);
    }

    @Test
    void badCountsAreRefusedFieldByFieldAsProblemJson() {
        StaffAgent admin = as(Role.ADMIN);
        Http.Response r = put(admin, own, 2026, body(100, 101, -1, 10, 2, new int[] {0, 0, 0, 0, 2000}, 3,
                List.of("LIBRARY", "ROCKET")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        http.json(r).get("errors").values().forEach(e -> fields.add(e.get("field").getStringValue()));
        assertThat(fields).containsExactlyInAnyOrder("senStudents", "otherLanguageStudents", "tutors", "equipment");
        // a missing count and a fraction are refused too; nothing was stored
        Http.Response fraction = put(admin, own, 2026, "{\"students\": 2.5}");
        assertThat(fraction.status()).isEqualTo(422);
        assertThat(fraction.body()).contains("\"field\":\"students\"", "wrong-type");
        Http.Response missing = put(admin, own, 2026, "{\"students\": 10}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.body()).contains("\"field\":\"teachers\"", "\"field\":\"staffTrained\"")
                .doesNotContain("\"field\":\"students\"");
        assertThat(db.count("SELECT count(*) FROM school_profile WHERE school_id = ?", own)).isZero();
        assertThat(put(admin, own, 1999, GOOD).status()).isEqualTo(422);
        assertThat(put(admin, 999_999_999L, 2026, GOOD).status()).isEqualTo(404);
        // the page form: a sub-count above the students is named at its field, what was typed comes back
        Http.Response page = admin.get("/staff/schools/" + own + "/profile?year=2026");
        assertThat(page.status()).isEqualTo(200);
        Http.Response refused = admin.postWithCsrf("/staff/schools/" + own + "/profile", "year", "2026", "students", "10",
                "senStudents", "11", "otherLanguageStudents", "много", "teachers", "1", "teacherVacancies", "0",
                "psychologists", "0", "speechTherapists", "0", "specialNeedsTeachers", "0", "socialPedagogues", "0",
                "tutors", "0", "staffTrained", "0");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"error-senStudents\"", "id=\"error-otherLanguageStudents\"", "value=\"много\"")
                .doesNotContain("id=\"error-teachers\"");
        assertThat(db.count("SELECT count(*) FROM school_profile WHERE school_id = ?", own)).isZero();
    }

    @Test
    void aDirectorOrPsychologistFillsInOnlyTheirOwnSchoolACoordinatorAny() {
        StaffAgent director = as(Role.DIRECTOR, own);
        StaffAgent psychologist = as(Role.PSYCHOLOGIST, own);
        StaffAgent admin = as(Role.ADMIN);
        assertThat(put(director, own, 2026, GOOD).status()).isEqualTo(200);
        assertThat(put(director, partner, 2026, GOOD).status()).isEqualTo(403);
        assertThat(put(director, other, 2026, GOOD).status()).isEqualTo(403);
        assertThat(put(psychologist, own, 2027, GOOD).status()).isEqualTo(200);
        assertThat(put(psychologist, partner, 2026, GOOD).status()).isEqualTo(403);
        assertThat(put(psychologist, other, 2026, GOOD).status()).isEqualTo(403);
        assertThat(put(admin, other, 2026, GOOD).status()).isEqualTo(200);
        assertThat(put(admin, partner, 2026, GOOD).status()).isEqualTo(200);
        // reading: a director also the partner's (read-only page), a psychologist only assigned schools
        assertThat(director.getJson("/api/v1/staff/schools/" + partner + "/profiles/2026").status()).isEqualTo(200);
        assertThat(director.get("/staff/schools/" + partner + "/profile?year=2026").body()).contains("id=\"read-only\"")
                .doesNotContain("id=\"save-profile\"");
        assertThat(psychologist.getJson("/api/v1/staff/schools/" + partner + "/profiles/2026").status()).isEqualTo(403);
        assertThat(psychologist.getJson("/api/v1/staff/schools/" + other + "/profiles/2026").status()).isEqualTo(403);
        assertThat(director.getJson("/api/v1/staff/profiles?year=2026").status()).isEqualTo(403);
        // the page form as the director posts it
        director.get("/staff/schools/" + own + "/profile?year=2028");
        Http.Response saved = director.postWithCsrf("/staff/schools/" + own + "/profile", "year", "2028", "students", "300",
                "senStudents", "3", "otherLanguageStudents", "0", "teachers", "20", "teacherVacancies", "1",
                "psychologists", "1", "speechTherapists", "1", "specialNeedsTeachers", "0", "socialPedagogues", "0",
                "tutors", "0", "staffTrained", "4", "equipment", "LIBRARY", "equipment", "SPORTS_HALL", "comment", "");
        assertThat(saved.status()).as(saved.body()).isEqualTo(303);
        assertThat(saved.header("Location")).isEqualTo("/staff/schools/" + own + "/profile?year=2028&notice=saved");
        assertThat(db.string("SELECT array_to_string(equipment, ',') FROM school_profile WHERE school_id = ? AND school_year = 2028",
                own)).isEqualTo("LIBRARY,SPORTS_HALL");
        assertThat(director.postWithCsrf("/staff/schools/" + other + "/profile", "year", "2028").status()).isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'SCHOOL_PROFILE_SAVED' AND target = ?",
                "school " + own)).isEqualTo(3);
    }

    @Test
    void theFactsAreTheProfilesCountsAsTheDatabaseHoldsThem() {
        StaffAgent admin = as(Role.ADMIN);
        assertThat(put(admin, own, 2031, body(517, 23, 41, 37, 5, new int[] {2, 0, 1, 0, 0}, 11,
                List.of("COMPUTER_CLASS", "LIBRARY", "SPORTS_HALL"))).status()).isEqualTo(200);
        Map<String, Double> facts = profiles.facts(own, 2031);
        String where = " FROM school_profile WHERE school_id = " + own + " AND school_year = 2031";
        assertThat(facts).containsOnlyKeys("students", "sen_share", "other_language_share", "teacher_vacancy_share",
                "specialist_posts_missing", "staff_trained", "staff_trained_share", "equipment_missing_share");
        assertThat(facts.get("students")).isEqualTo(value("SELECT students::float8" + where));
        assertThat(facts.get("sen_share")).isEqualTo(value("SELECT sen_students::float8 / students" + where));
        assertThat(facts.get("other_language_share")).isEqualTo(value("SELECT other_language_students::float8 / students" + where));
        assertThat(facts.get("teacher_vacancy_share"))
                .isEqualTo(value("SELECT teacher_vacancies::float8 / (teachers + teacher_vacancies)" + where));
        assertThat(facts.get("specialist_posts_missing")).isEqualTo(value("SELECT ((psychologists = 0)::int + "
                + "(speech_therapists = 0)::int + (special_needs_teachers = 0)::int + (social_pedagogues = 0)::int "
                + "+ (tutors = 0)::int)::float8" + where));
        assertThat(facts.get("staff_trained")).isEqualTo(value("SELECT staff_trained::float8" + where));
        // the share the risk rules read (0-1): trained per teacher, at most 1
        assertThat(facts.get("staff_trained_share")).isEqualTo(value("SELECT LEAST(1, staff_trained::float8 / teachers)" + where));
        assertThat(facts.get("equipment_missing_share")).isEqualTo(value("SELECT (7 - cardinality(equipment))::float8 / 7" + where));
        assertThat(facts.get("specialist_posts_missing")).isEqualTo(3.0);
        // no profile that year: no facts; no students: no shares of them
        assertThat(profiles.facts(own, 2032)).isEmpty();
        assertThat(put(admin, other, 2031, body(0, 0, 0, 0, 0, new int[] {0, 0, 0, 0, 0}, 0, List.of())).status())
                .isEqualTo(200);
        assertThat(profiles.facts(other, 2031)).containsOnlyKeys("students", "specialist_posts_missing", "staff_trained",
                "equipment_missing_share").containsEntry("equipment_missing_share", 1.0);
        // the API answers the same facts
        JsonNode api = http.json(admin.getJson("/api/v1/staff/schools/" + own + "/profiles/2031")).get("facts");
        assertThat(api.get("sen_share").getDoubleValue()).isEqualTo(facts.get("sen_share"));
    }

    double value(String sql) {
        return Double.parseDouble(db.string(sql));
    }

    @Test
    void theCoordinatorsListShowsTheYearsProfilesAndTheMissingOnes() {
        StaffAgent admin = as(Role.ADMIN);
        assertThat(put(admin, own, 2033, GOOD).status()).isEqualTo(200);
        Http.Response page = admin.get("/staff/profiles?year=2033&municipality=" + StaffAgent.enc("Тестовый район"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"profile-" + own + "\"", "id=\"missing-" + other + "\"",
                "id=\"missing-" + partner + "\"", "2033/34", "5 %").doesNotContain("id=\"missing-" + own + "\"");
        JsonNode list = http.json(admin.getJson("/api/v1/staff/profiles?year=2033"));
        List<String> withProfile = new ArrayList<>();
        list.values().forEach(e -> {
            if (e.get("profile") != null && !e.get("profile").isNull()) {
                withProfile.add(String.valueOf(e.get("school").get("id").getLongValue()));
            }
        });
        assertThat(withProfile).containsExactly(String.valueOf(own));
        assertThat(list.size()).isEqualTo((int) db.count("SELECT count(*) FROM school"));
        // a director's list holds their own school only
        StaffAgent director = as(Role.DIRECTOR, own);
        assertThat(director.get("/staff/profiles?year=2033").body()).contains("id=\"profile-" + own + "\"")
                .doesNotContain("id=\"missing-" + other + "\"", "id=\"missing-" + partner + "\"");
    }

    @Test
    void mentorCapableSchoolsStateTheirOfferAndTheMatrixCountsPairsAgainstCapacity() {
        StaffAgent admin = as(Role.ADMIN);
        StaffAgent mentorDirector = as(Role.DIRECTOR, partner);
        String offer = """
                {"subjects": ["математика", " физика ", "математика"], "methods": ["формирующее оценивание"],
                 "practices": [], "mentors": 3, "capacityPairs": 1}""";
        Http.Response saved = mentorDirector.send("PUT", "/api/v1/staff/schools/" + partner + "/mentor-resources", JSON, offer,
                "Accept", JSON, "X-CSRF-Token", mentorDirector.csrf);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode o = http.json(saved);
        assertThat(o.get("currentPairs").getIntValue()).isEqualTo(1);
        assertThat(o.get("resource").get("subjects").size()).isEqualTo(2);
        assertThat(mentors.of(partner).orElseThrow().resource().subjects()).containsExactly("математика", "физика");
        // a school that is not mentor-capable has no offer until the coordinator marks it
        String small = "{\"subjects\": [], \"methods\": [], \"practices\": [], \"mentors\": 1, \"capacityPairs\": 1}";
        assertThat(admin.send("PUT", "/api/v1/staff/schools/" + other + "/mentor-resources", JSON, small, "Accept", JSON,
                "X-CSRF-Token", admin.csrf).status()).isEqualTo(404);
        assertThat(mentors.of(other)).isEmpty();
        admin.get("/staff/mentor-resources");
        assertThat(admin.postWithCsrf("/staff/mentor-resources/mark", "schoolId", String.valueOf(other), "capable", "yes")
                .status()).isEqualTo(303);
        assertThat(admin.send("PUT", "/api/v1/staff/schools/" + other + "/mentor-resources", JSON, small, "Accept", JSON,
                "X-CSRF-Token", admin.csrf).status()).isEqualTo(200);
        // a bad offer: field by field
        Http.Response bad = admin.send("PUT", "/api/v1/staff/schools/" + other + "/mentor-resources", JSON,
                "{\"subjects\": [\"" + "я".repeat(101) + "\"], \"methods\": [], \"practices\": [], \"mentors\": -1, "
                        + "\"capacityPairs\": 101}", "Accept", JSON, "X-CSRF-Token", admin.csrf);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("subjects", "mentors", "capacityPairs");
        Http.Response matrix = admin.get("/staff/mentor-resources");
        assertThat(matrix.body()).contains("id=\"mentor-" + partner + "\"", "id=\"mentor-" + other + "\"", "математика · физика");
        assertThat(matrix.body().substring(matrix.body().indexOf("id=\"mentor-" + partner + "\""))).contains("1 / 1");
        assertThat(mentorDirector.get("/staff/mentor-resources").status()).isEqualTo(403);
        assertThat(mentors.all().stream().map(x -> x.school().id())).contains(partner, other).doesNotContain(own);
        // the mark taken back: out of the matrix again
        admin.get("/staff/mentor-resources");
        admin.postWithCsrf("/staff/mentor-resources/mark", "schoolId", String.valueOf(other), "capable", "no");
        assertThat(mentors.of(other)).isEmpty();
    }

    @Test
    void theServedOpenApiDescribesTheProfileAndMentorRoutes() {
        Http.Response spec = http.get("/openapi/uklad-0.1.yml");
        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body()).contains("/api/v1/staff/schools/{id}/profiles/{year}:", "/api/v1/staff/profiles:",
                "/api/v1/staff/schools/{id}/mentor-resources:", "/api/v1/staff/mentor-resources:",
                "/api/v1/staff/schools/{id}/mentor-capable:", "never about a person");
    }
}
