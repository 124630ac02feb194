package org.uklad.focusgroup;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The focus-group JSON API: strict bodies, CSRF header for session callers, the same access rules. */
@MicronautTest(transactional = false)
class FocusApiTest extends AppTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String JSON = "application/json";

    @Inject Accounts accounts;

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
}
