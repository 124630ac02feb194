package org.uklad.focusgroup;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.focusgroup.FocusRepositories.CodeRepository;
import org.uklad.focusgroup.FocusRepositories.NoteRepository;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.system.Jdbc;

/**
 * The focus-group JSON API: strict bodies, CSRF header for session callers, the same access rules;
 * and the focus tables behind it (codes added once, repository calls in one transaction).
 */
@MicronautTest(transactional = false)
class FocusApiTest extends AppTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String JSON = "application/json";

    @Inject Accounts accounts;
    @Inject Jdbc jdbc;
    @Inject CodeRepository codes;
    @Inject NoteRepository notes;

    StaffAgent as(Role role, long school) {
        String login = "focusapi" + COUNTER.incrementAndGet();
        accounts.create(login, "Мария Иванова", role, List.of(school), "focus api secret", false);
        return new StaffAgent(http).signedIn(login, "focus api secret");
    }

    Http.Response post(StaffAgent a, String path, String body) {
        return a.send("POST", path, JSON, body, "Accept", JSON, "X-CSRF-Token", a.csrf);
    }

    @Test
    void aSessionIsRecordedCodedAndSummarisedThroughTheApi() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        StaffAgent psy = as(Role.PSYCHOLOGIST, school);
        String session = """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "Мария Иванова",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 5, "count": 4},
                 {"role": "PARENT", "grade": 6, "count": 3}]}""".formatted(school, wave);
        Http.Response noToken = psy.send("POST", "/api/v1/staff/focus-groups/sessions", JSON, session, "Accept", JSON);
        assertThat(noToken.status()).isEqualTo(403);
        Http.Response unknown = post(psy, "/api/v1/staff/focus-groups/sessions",
                session.replace("\"guide\"", "\"names\": [\"Петя\"], \"guide\""));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("names");
        Http.Response nested = post(psy, "/api/v1/staff/focus-groups/sessions", session.replace("\"count\": 4", "\"count\": \"four\""));
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.body()).contains("\"field\":\"participants[0].count\"", "\"code\":\"wrong-type\"");
        assertThat(db.count("SELECT count(*) FROM focus_session WHERE school_id = ?", school)).isZero();

        Http.Response created = post(psy, "/api/v1/staff/focus-groups/sessions", session);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = http.json(created).get("id").getLongValue();
        Http.Response excerpt = post(psy, "/api/v1/staff/focus-groups/sessions/" + id + "/excerpts", """
                {"questionId": "p_dem1", "text": "Школа требует мало", "code": "teacher_demandingness",
                 "sentiment": "NEGATIVE", "tags": ["ожидания"], "representative": true}""");
        assertThat(excerpt.status()).as(excerpt.body()).isEqualTo(201);
        Http.Response tooLong = post(psy, "/api/v1/staff/focus-groups/sessions/" + id + "/excerpts",
                "{\"text\": \"" + "ж".repeat(2001) + "\", \"code\": \"comfort\", \"sentiment\": \"MIXED\"}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("too-long", "text");
        Http.Response poll = post(psy, "/api/v1/staff/focus-groups/sessions/" + id + "/polls",
                "{\"theme\": \"comfort\", \"question\": \"Ребёнку комфортно?\", \"counts\": [0, 1, 1, 3, 2]}");
        assertThat(poll.status()).as(poll.body()).isEqualTo(201);

        Http.Response summary = psy.send("GET", "/api/v1/staff/focus-groups/summary?school=" + school + "&wave=" + wave
                + "&lang=en", null, null, "Accept", JSON);
        assertThat(summary.status()).isEqualTo(200);
        JsonNode s = http.json(summary);
        assertThat(s.get("excerpts").getIntValue()).isEqualTo(1);
        assertThat(s.get("byCode").get(0).get("negative").getIntValue()).isEqualTo(1);
        assertThat(s.get("polls").get(0).get("total").getIntValue()).isEqualTo(7);
        assertThat(s.get("triangulation").get(0).get("agreement").getStringValue()).isEqualTo("NO_SURVEY");

        StaffAgent director = as(Role.DIRECTOR, school);
        assertThat(director.send("GET", "/api/v1/staff/focus-groups/sessions/" + id, null, null, "Accept", JSON).status())
                .isEqualTo(403);
        assertThat(director.send("GET", "/api/v1/staff/focus-groups/summary?school=" + school + "&wave=" + wave, null, null,
                "Accept", JSON).status()).isEqualTo(200);
        Http.Response export = psy.send("GET", "/api/v1/staff/focus-groups/export.csv?school=" + school + "&wave=" + wave,
                null, null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.body()).contains("Школа требует мало", "ожидания");
    }

    long session(StaffAgent a, long school, long wave) {
        Http.Response created = post(a, "/api/v1/staff/focus-groups/sessions", """
                {"schoolId": %d, "waveId": %d, "audience": "STUDENT", "heldOn": "2026-10-02", "moderator": "М",
                 "participants": [{"role": "STUDENT", "grade": 7, "count": 4}]}""".formatted(school, wave));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return http.json(created).get("id").getLongValue();
    }

    @Test
    void anExtraCodeIsAddedOnceAndATwinIsADuplicateOfTheCodeField() {
        long school = fixture.school("SHNRO");
        StaffAgent psy = as(Role.PSYCHOLOGIST, school);
        String code = "api_code_" + COUNTER.incrementAndGet();
        String body = "{\"code\": \"" + code + "\", \"labelRu\": \"Метка\", \"labelEn\": \"Label\"}";
        Http.Response added = post(psy, "/api/v1/staff/focus-groups/codes", body);
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(http.json(added).get("labelEn").getStringValue()).isEqualTo("Label");
        Http.Response twin = post(psy, "/api/v1/staff/focus-groups/codes", body);
        assertThat(twin.status()).isEqualTo(422);
        assertThat(twin.body()).contains("\"field\":\"code\"", "\"code\":\"duplicate\"");
        assertThat(db.count("SELECT count(*) FROM focus_code WHERE code = ?", code)).isEqualTo(1);
        // the insert itself tells a concurrent twin (past the service's check) that it lost
        assertThat(codes.addIfNew(code, "Другая", "Other")).isZero();
        assertThat(post(as(Role.DIRECTOR, school), "/api/v1/staff/focus-groups/codes",
                body.replace(code, code + "_x")).status()).isEqualTo(403);
    }

    @Test
    void repositoryCallsInOneTransactionAreKeptOrUndoneTogether() {
        long school = fixture.school("SHNRO");
        long id = session(as(Role.PSYCHOLOGIST, school), school, fixture.openWave("example"));
        assertThatThrownBy(() -> jdbc.inTransaction(() -> {
            notes.put(id, FocusGuides.GENERAL, "сохранено и отменено");
            throw new IllegalStateException("a later step fails");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.count("SELECT count(*) FROM focus_note WHERE session_id = ?", id)).isZero();
    }

    @Test
    void anExcerptIsDeletedThroughItsOwnSessionOnly() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        StaffAgent psy = as(Role.PSYCHOLOGIST, school);
        long first = session(psy, school, wave);
        long second = session(psy, school, wave);
        Http.Response excerpt = post(psy, "/api/v1/staff/focus-groups/sessions/" + first + "/excerpts", """
                {"text": "Фрагмент", "code": "comfort", "sentiment": "MIXED", "tags": ["а, б", "Б"]}""");
        assertThat(excerpt.status()).as(excerpt.body()).isEqualTo(201);
        long excerptId = http.json(excerpt).get("id").getLongValue();
        Http.Response detail = psy.send("GET", "/api/v1/staff/focus-groups/sessions/" + first, null, null, "Accept", JSON);
        assertThat(detail.body()).contains("\"tags\":[\"а\",\"б\"]");
        String path = "/api/v1/staff/focus-groups/sessions/%d/excerpts/" + excerptId;
        assertThat(psy.send("DELETE", path.formatted(second), null, null, "Accept", JSON, "X-CSRF-Token", psy.csrf)
                .status()).isEqualTo(404);
        assertThat(psy.send("DELETE", path.formatted(first), null, null, "Accept", JSON, "X-CSRF-Token", psy.csrf)
                .status()).isEqualTo(204);
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ?", first)).isZero();
    }
}
