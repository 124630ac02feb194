package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The staff JSON API (focus groups, waves, schools) under malformed requests from a signed-in
 * coordinator: every one gets a 4xx problem+json and changes nothing in any table.
 */
@MicronautTest(transactional = false)
class StaffMalformedRequestsTest extends AppTest {

    static final String JSON = "application/json";
    static final String PASSWORD = "correct horse battery";

    @Inject Accounts accounts;

    record Case(String name, String method, String path, String contentType, String body, boolean csrf) {}

    Map<String, Long> snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : db.string("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_name NOT IN ('flyway_schema_history', 'staff_session')").split(",")) {
            counts.put(table, db.count("SELECT count(*) FROM " + table));
        }
        return counts;
    }

    @Test
    void everyMalformedStaffRequestGetsA4xxProblemAndChangesNothing() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        accounts.create("fuzzadmin", "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        StaffAgent admin = new StaffAgent(http).signedIn("fuzzadmin", PASSWORD);
        admin.send("GET", "/api/v1/staff/me", null, null, "Accept", JSON);
        Http.Response created = admin.send("POST", "/api/v1/staff/focus-groups/sessions", JSON, """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "М. Иванова",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 5, "count": 4}]}"""
                .formatted(school, wave), "Accept", JSON, "X-CSRF-Token", csrf(admin));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long session = http.json(created).get("id").getLongValue();

        List<Case> cases = new ArrayList<>();
        List<String> posts = List.of("/api/v1/staff/focus-groups/sessions",
                "/api/v1/staff/focus-groups/sessions/" + session + "/excerpts",
                "/api/v1/staff/focus-groups/sessions/" + session + "/polls");
        MalformedRequestsTest.brokenBodies().forEach((name, bytes) -> posts.forEach(p ->
                cases.add(new Case("broken " + name + " -> " + p, "POST", p, JSON, new String(bytes, StandardCharsets.UTF_8), true))));
        for (String p : posts) {
            cases.add(new Case("no CSRF header -> " + p, "POST", p, JSON, "{}", false));
            cases.add(new Case("text/plain -> " + p, "POST", p, "text/plain", "{}", true));
            cases.add(new Case("unknown field -> " + p, "POST", p, JSON, "{\"surname\": \"Петров\"}", true));
            cases.add(new Case("array -> " + p, "POST", p, JSON, "[]", true));
        }
        Map<String, String> sessions = new LinkedHashMap<>();
        sessions.put("school as text", "{\"schoolId\": \"one\", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\"}");
        sessions.put("unknown school", "{\"schoolId\": 999999, \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\"}");
        sessions.put("bad audience", "{\"schoolId\": " + school + ", \"waveId\": " + wave + ", \"audience\": \"ALIENS\", \"heldOn\": \"2026-10-02\"}");
        sessions.put("bad date", "{\"schoolId\": " + school + ", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-02-30\"}");
        sessions.put("negative count", "{\"schoolId\": " + school + ", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\", "
                + "\"participants\": [{\"role\": \"PARENT\", \"grade\": 5, \"count\": -3}]}");
        sessions.put("huge count", "{\"schoolId\": " + school + ", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\", "
                + "\"participants\": [{\"role\": \"PARENT\", \"grade\": 5, \"count\": 1e12}]}");
        sessions.put("wrong guide", "{\"schoolId\": " + school + ", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\", \"guide\": \"focus-students\"}");
        sessions.forEach((n, b) -> cases.add(new Case("session: " + n, "POST", posts.get(0), JSON, b, true)));
        Map<String, String> excerpts = new LinkedHashMap<>();
        excerpts.put("too long", "{\"text\": \"" + "ж".repeat(2001) + "\", \"code\": \"comfort\", \"sentiment\": \"MIXED\"}");
        excerpts.put("unknown code", "{\"text\": \"x\", \"code\": \"nonsense\", \"sentiment\": \"MIXED\"}");
        excerpts.put("bad sentiment", "{\"text\": \"x\", \"code\": \"comfort\", \"sentiment\": \"ANGRY\"}");
        excerpts.put("tags as text", "{\"text\": \"x\", \"code\": \"comfort\", \"sentiment\": \"MIXED\", \"tags\": \"a,b\"}");
        excerpts.put("empty text", "{\"text\": \"\", \"code\": \"comfort\", \"sentiment\": \"MIXED\"}");
        excerpts.forEach((n, b) -> cases.add(new Case("excerpt: " + n, "POST", posts.get(1), JSON, b, true)));
        Map<String, String> polls = new LinkedHashMap<>();
        polls.put("counts as text", "{\"theme\": \"comfort\", \"question\": \"?\", \"counts\": \"1,2\"}");
        polls.put("negative counts", "{\"theme\": \"comfort\", \"question\": \"?\", \"counts\": [1, -2, 0, 0, 0]}");
        polls.put("more answers than people", "{\"theme\": \"comfort\", \"question\": \"?\", \"counts\": [100, 0, 0, 0, 0]}");
        polls.put("unknown theme", "{\"theme\": \"weather\", \"question\": \"?\", \"counts\": [1, 0, 0, 0, 0]}");
        polls.forEach((n, b) -> cases.add(new Case("poll: " + n, "POST", posts.get(2), JSON, b, true)));
        for (String id : MalformedRequestsTest.BAD_IDS) {
            String shortId = id.substring(0, Math.min(16, id.length()));
            cases.add(new Case("bad session id " + shortId, "GET", "/api/v1/staff/focus-groups/sessions/" + id, null, null, false));
            cases.add(new Case("bad session id POST " + shortId, "POST", "/api/v1/staff/focus-groups/sessions/" + id + "/excerpts", JSON, "{}", true));
            cases.add(new Case("bad wave id " + shortId, "GET", "/api/v1/staff/waves/" + id + "/monitoring", null, null, false));
            cases.add(new Case("bad school id " + shortId, "GET", "/api/v1/staff/schools/" + id, null, null, false));
        }
        cases.add(new Case("summary without school", "GET", "/api/v1/staff/focus-groups/summary?wave=" + wave, null, null, false));
        cases.add(new Case("summary with text ids", "GET", "/api/v1/staff/focus-groups/summary?school=x&wave=y", null, null, false));
        // names and dates: the same rules as everywhere (system/Names, system/Dates)
        MalformedRequestsTest.hostileNames().forEach((what, value) -> {
            cases.add(new Case("session moderator with " + what, "POST", posts.get(0), JSON, "{\"schoolId\": " + school
                    + ", \"waveId\": " + wave + ", \"audience\": \"PARENT\", \"heldOn\": \"2026-10-02\", \"moderator\": \"М. "
                    + value + "\", \"participants\": [{\"role\": \"PARENT\", \"grade\": 5, \"count\": 4}]}", true));
            cases.add(new Case("code label with " + what, "POST", "/api/v1/staff/focus-groups/codes", JSON,
                    "{\"code\": \"hostile\", \"labelRu\": \"Тема " + value + "\", \"labelEn\": \"Theme\"}", true));
            cases.add(new Case("result label with " + what, "PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + school,
                    JSON, "{\"value\": 61.5, \"label\": \"ОГЭ " + value + "\"}", true));
        });
        cases.add(new Case("session held in 10000", "POST", posts.get(0), JSON, "{\"schoolId\": " + school + ", \"waveId\": " + wave
                + ", \"audience\": \"PARENT\", \"heldOn\": \"+10000-10-02\", \"moderator\": \"М. И.\", "
                + "\"participants\": [{\"role\": \"PARENT\", \"grade\": 5, \"count\": 4}]}", true));
        cases.add(new Case("result label twice", "PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + school, JSON,
                "{\"value\": 61.5, \"label\": \"ОГЭ\", \"label\": \"ЕГЭ\"}", true));
        cases.add(new Case("result then more", "PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + school, JSON,
                "{\"value\": 61.5, \"label\": \"ОГЭ\"} {\"value\": 1}", true));
        cases.add(new Case("excerpt text twice", "POST", posts.get(1), JSON,
                "{\"text\": \"Да\", \"code\": \"comfort\", \"sentiment\": \"MIXED\", \"text\": \"Нет\"}", true));
        cases.add(new Case("excerpt with half surrogate", "POST", posts.get(1), JSON,
                "{\"text\": \"Да\\ud800\", \"code\": \"comfort\", \"sentiment\": \"MIXED\"}", true));
        String paper = "/api/v1/staff/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example";
        for (String csv : List.of("group_label,grade\r\n\"abc,7\r\n", "group_label,grade\r\n7\u0000А,7\r\n",
                "group_label,grade\r\n7А\u200b,7\r\n", "group_label,submitted_on,grade\r\n7А,+999999999-12-31,7\r\n",
                "group_label,submitted_on,grade\r\n7А,1900-01-01,7\r\n", "group_label,submitted_on,grade\r\n7А,2099-06-01,7\r\n")) {
            cases.add(new Case("paper " + csv.replace("\r\n", "|"), "POST", paper, "text/csv", csv, true));
        }
        cases.add(new Case("import not CSV", "POST", "/api/v1/staff/focus-groups/import?school=" + school + "&wave=" + wave,
                "text/csv", "\u0000\u0001garbage", true));

        assertThat(cases).hasSizeGreaterThanOrEqualTo(80);
        Map<String, Long> before = snapshot();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Http.Response r = c.csrf()
                    ? admin.send(c.method(), c.path(), c.contentType(), c.body(), "Accept", JSON, "X-CSRF-Token", csrf(admin))
                    : admin.send(c.method(), c.path(), c.contentType(), c.body(), "Accept", JSON);
            if (r.status() < 400 || r.status() >= 500) {
                failures.add(c.name() + ": status " + r.status() + " " + r.body().substring(0, Math.min(160, r.body().length())));
            } else if (!r.contentType().startsWith("application/problem+json")) {
                failures.add(c.name() + ": content type '" + r.contentType() + "' status " + r.status());
            }
        }
        assertThat(failures).as(failures.size() + " of " + cases.size()).isEmpty();
        assertThat(snapshot()).isEqualTo(before);
    }

    /** The session's CSRF token, as scripts read it. */
    private String csrf(StaffAgent agent) {
        return http.json(agent.send("GET", "/api/v1/staff/me", null, null, "Accept", JSON)).get("csrfToken").getStringValue();
    }
}
