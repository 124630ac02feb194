package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Free-text answers: psychologists of the school and coordinators read them (escaped, alphabetical,
 * without ids or dates, only from groups at the threshold); directors never, neither page nor API
 * nor CSV.
 */
@MicronautTest(transactional = false)
class FreeTextTest extends AppTest {

    /** Submitted in this order; shown alphabetically. */
    static final List<String> COMMENTS = List.of("Ярмарка талантов", "<script>alert(1)</script> больше кружков",
            "Библиотека подольше", "Андрей Петрович добрый", "Вкуснее обеды");

    @Inject Accounts accounts;

    long school;
    long otherSchool;
    long wave;
    String code;

    @BeforeEach
    void setUp() {
        school = fixture.school("SHNRO");
        otherSchool = fixture.school("SHUVRO");
        wave = fixture.openWave("example");
        code = fixture.codes(wave, school, "example", "7Б", 1, 100).getFirst();
    }

    StaffAgent agent(Role role, List<Long> schools) {
        return StaffAgent.signedIn(http, accounts, role, schools);
    }

    void submit(String comment) {
        String body = """
                {"answers": {"grade": 7, "dem1": 4, "dem2": 1, "com1": 3, "com2": 2, "bullied": "never", "comment": %s}}"""
                .formatted(http.toJson(comment));
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", body,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    String page() {
        return "/staff/waves/" + wave + "/schools/" + school + "/free-text";
    }

    String api() {
        return "/api/v1/staff/waves/" + wave + "/schools/" + school + "/free-text";
    }

    @Test
    void underTheThresholdOnlyTheCountIsShown() {
        for (String c : COMMENTS.subList(0, 4)) {
            submit(c);
        }
        StaffAgent p = agent(Role.PSYCHOLOGIST, List.of(school));
        Http.Response r = p.get(page());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("Ответов: 4", "Меньше 5 ответов: тексты не показываются.")
                .doesNotContain("Ярмарка", "Библиотека", "free-text-answer");
        JsonNode q = http.json(p.getJson(api())).get("questionnaires").get(0);
        assertThat(q.get("respondents").getIntValue()).isEqualTo(4);
        assertThat(q.get("suppressed").getBooleanValue()).isTrue();
        // empty lists are left out of the JSON
        assertThat(q.get("questions") == null || q.get("questions").size() == 0).isTrue();
        assertThat(p.getJson(api()).body()).doesNotContain("Ярмарка", "Библиотека");
    }

    @Test
    void aPsychologistAndACoordinatorReadTheAnswersEscapedAlphabeticallyWithoutIdsOrDates() {
        COMMENTS.forEach(this::submit);
        submit("   "); // blank: counted as a respondent, not shown as an answer
        List<String> alphabetical = List.of("<script>alert(1)</script> больше кружков", "Андрей Петрович добрый",
                "Библиотека подольше", "Вкуснее обеды", "Ярмарка талантов");

        for (StaffAgent a : List.of(agent(Role.PSYCHOLOGIST, List.of(school)), agent(Role.ADMIN, List.of()))) {
            Http.Response r = a.get(page());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.body()).contains("Что бы ты хотел(а) изменить в своей школе?", "Ответов: 6", "Ответов на вопрос: 5",
                    "&lt;script&gt;alert(1)&lt;/script&gt; больше кружков").doesNotContain("<script>");
            List<String> shown = new ArrayList<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<li class=\"free-text-answer\">([^<]*)</li>").matcher(r.body());
            while (m.find()) {
                shown.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">"));
            }
            assertThat(shown).containsExactlyElementsOf(alphabetical);
            for (String id : responseIds()) {
                assertThat(r.body()).doesNotContain(id);
            }
            assertThat(r.body()).doesNotContain(db.string("SELECT max(submitted_on)::text FROM response WHERE school_id = ?", school));

            JsonNode json = http.json(a.getJson(api()));
            assertThat(json.get("minGroupSize").getIntValue()).isEqualTo(5);
            JsonNode q = json.get("questionnaires").get(0);
            assertThat(q.get("questionnaireKey").getStringValue()).isEqualTo("example");
            assertThat(q.get("respondents").getIntValue()).isEqualTo(6);
            JsonNode question = q.get("questions").get(0);
            assertThat(question.get("itemId").getStringValue()).isEqualTo("comment");
            List<String> answers = new ArrayList<>();
            question.get("answers").values().forEach(v -> answers.add(v.getStringValue()));
            assertThat(answers).containsExactlyElementsOf(alphabetical);
        }
        // the dashboard links to the page for those who may read it
        assertThat(agent(Role.PSYCHOLOGIST, List.of(school)).get("/staff/waves/" + wave + "/schools/" + school + "/dashboard")
                .body()).contains("id=\"free-text-link\"");
    }

    List<String> responseIds() {
        List<String> out = new ArrayList<>();
        long n = db.count("SELECT count(*) FROM response WHERE school_id = ?", school);
        for (int i = 0; i < n; i++) {
            out.add(db.string("SELECT id::text FROM response WHERE school_id = ? ORDER BY id OFFSET " + i + " LIMIT 1", school));
        }
        return out;
    }

    @Test
    void directorsNeverSeeFreeTextAndPsychologistsOnlyOfTheirSchools() {
        COMMENTS.forEach(this::submit);
        StaffAgent director = agent(Role.DIRECTOR, List.of(school));
        Http.Response page = director.get(page());
        assertThat(page.status()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("Ярмарка");
        Http.Response api = director.getJson(api());
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.contentType()).startsWith("application/problem+json");
        // the dashboard the director may read has no link to it
        Http.Response dashboard = director.get("/staff/waves/" + wave + "/schools/" + school + "/dashboard");
        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body()).doesNotContain("free-text-link", "Ярмарка");
        // the CSV export (which carries free text) is the coordinators' administration API: not for directors
        Http.Response csv = director.send("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example",
                null, null, "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(403);
        assertThat(csv.body()).doesNotContain("Ярмарка");

        StaffAgent stranger = agent(Role.PSYCHOLOGIST, List.of(otherSchool));
        assertThat(stranger.get(page()).status()).isEqualTo(403);
        assertThat(stranger.getJson(api()).status()).isEqualTo(403);
        assertThat(new StaffAgent(http).getJson(api()).status()).isEqualTo(401);
        assertThat(agent(Role.ADMIN, List.of()).getJson("/api/v1/staff/waves/999999999/schools/" + school + "/free-text")
                .status()).isEqualTo(404);
    }
}
