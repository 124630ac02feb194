package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * without ids or dates, only from published responses and groups at the threshold); directors
 * never, neither page nor API nor CSV. Every successful read is in the audit log, without the
 * texts; no refused one is. A group's responses are published k (5) at a time
 * (response/ResponseRelease): until then they are held and neither counted nor shown here.
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

    static Map<String, Object> answers(String comment) {
        Map<String, Object> answers = new LinkedHashMap<>(Map.of("grade", 7, "dem1", 4, "dem2", 1, "com1", 3, "com2", 2,
                "bullied", "never"));
        answers.put("comment", comment);
        return answers;
    }

    void submit(String comment) {
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                http.toJson(Map.of("answers", answers(comment))), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as("a new submission is created, not a replay: " + r.body()).isEqualTo(201);
    }

    String page() {
        return "/staff/waves/" + wave + "/schools/" + school + "/free-text";
    }

    String api() {
        return "/api/v1/staff/waves/" + wave + "/schools/" + school + "/free-text";
    }

    @Test
    void underTheThresholdOnlyTheCountIsShown() {
        // four published responses: stored before publication in blocks of k, the only way a school
        // has fewer than k published; and four submitted now, held until their group reaches k
        for (String c : COMMENTS.subList(0, 4)) {
            db.storeAsBeforeV11(wave, school, "example", "7Б", answers(c));
            submit(c);
        }
        assertThat(db.held(code)).isEqualTo(4);
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
        for (int i = 0; i < 5; i++) {
            submit("   "); // blank: counted as a respondent, not shown as an answer
        }
        assertThat(db.held(code)).as("two whole blocks of k, all published").isZero();
        List<String> alphabetical = List.of("<script>alert(1)</script> больше кружков", "Андрей Петрович добрый",
                "Библиотека подольше", "Вкуснее обеды", "Ярмарка талантов");

        for (StaffAgent a : List.of(agent(Role.PSYCHOLOGIST, List.of(school)), agent(Role.ADMIN, List.of()))) {
            Http.Response r = a.get(page());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.header("Cache-Control")).isEqualTo("no-store");
            assertThat(r.body()).contains("Что бы ты хотел(а) изменить в своей школе?", "Ответов: 10", "Ответов на вопрос: 5",
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
            assertThat(q.get("respondents").getIntValue()).isEqualTo(10);
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
        String ids = db.string("SELECT string_agg(id::text, ',') FROM response WHERE school_id = ?", school);
        assertThat(ids).isNotNull();
        return List.of(ids.split(","));
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

    /** The audit log's rows of free-text reads of this wave and school, as "actor | detail". */
    List<String> reads() {
        String rows = db.string("SELECT string_agg(actor || ' | ' || detail, E'\\n' ORDER BY id) FROM audit_event "
                + "WHERE action = 'FREE_TEXT_VIEWED' AND target = ?", "wave " + wave + ", school " + school);
        return rows == null ? List.of() : List.of(rows.split("\n"));
    }

    @Test
    void everyReadIsInTheAuditLogWithoutTheTextsAndNoRefusedOneIs() {
        COMMENTS.subList(0, 4).forEach(this::submit);
        String psychologistLogin = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(school));
        StaffAgent psychologist = new StaffAgent(http).signedIn(psychologistLogin, StaffAgent.PASSWORD);
        String p = StaffAgent.auditActor(db, psychologistLogin);
        // under the threshold (four held, none published yet) the read is logged too, with the texts marked as hidden
        assertThat(psychologist.get(page()).status()).isEqualTo(200);
        assertThat(reads()).containsExactly(p + " | page: example (hidden: under 5)");

        submit(COMMENTS.get(4)); // the fifth: the group is published
        assertThat(psychologist.get(page()).status()).isEqualTo(200);
        assertThat(psychologist.getJson(api()).status()).isEqualTo(200);
        assertThat(reads()).containsExactly(p + " | page: example (hidden: under 5)", p + " | page: example (shown)",
                p + " | staff API: example (shown)");

        // refused: a director (403, page and API), a psychologist of another school (403), nobody
        // signed in (401), an unknown wave (404) — none is a read
        StaffAgent director = agent(Role.DIRECTOR, List.of(school));
        assertThat(director.get(page()).status()).isEqualTo(403);
        assertThat(director.getJson(api()).status()).isEqualTo(403);
        StaffAgent stranger = agent(Role.PSYCHOLOGIST, List.of(otherSchool));
        assertThat(stranger.get(page()).status()).isEqualTo(403);
        assertThat(stranger.getJson(api()).status()).isEqualTo(403);
        assertThat(new StaffAgent(http).getJson(api()).status()).isEqualTo(401);
        String adminLogin = StaffAgent.account(accounts, Role.ADMIN, List.of());
        StaffAgent admin = new StaffAgent(http).signedIn(adminLogin, StaffAgent.PASSWORD);
        String unknown = "/staff/waves/999999999/schools/" + school + "/free-text";
        assertThat(admin.get(unknown).status()).isEqualTo(404);
        assertThat(reads()).hasSize(3);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'FREE_TEXT_VIEWED' AND target = ?",
                "wave 999999999, school " + school)).isZero();

        // a coordinator's read names the coordinator
        assertThat(admin.get(page()).status()).isEqualTo(200);
        assertThat(reads()).hasSize(4).last().isEqualTo(StaffAgent.auditActor(db, adminLogin) + " | page: example (shown)");
        String logged = db.string("SELECT string_agg(target || ' ' || detail, E'\\n') FROM audit_event");
        for (String comment : COMMENTS) {
            assertThat(logged).doesNotContain(comment);
        }

        // the audit page names the action in Russian and in English
        String target = "<td>wave " + wave + ", school " + school + "</td>";
        assertThat(admin.get("/staff/audit?action=FREE_TEXT_VIEWED").body())
                .contains("<td>Прочитаны ответы своими словами</td>", "<td>" + p + "</td>",
                        "<td>волна " + wave + ", школа " + school + "</td>");
        assertThat(admin.get("/staff/audit?action=FREE_TEXT_VIEWED&lang=en").body())
                .contains("<td>Free-text answers read</td>", target);
    }
}
