package org.uklad.focusgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.focusgroup.FocusRepositories.CodeRepository;
import org.uklad.focusgroup.FocusRepositories.NoteRepository;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.system.Jdbc;

/** The focus tables through their repositories: codes added once, store calls in one transaction, excerpts of a session. */
@MicronautTest(transactional = false)
class FocusStorageTest extends AppTest {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    static final String JSON = "application/json";

    @Inject Accounts accounts;
    @Inject Jdbc jdbc;
    @Inject CodeRepository codes;
    @Inject NoteRepository notes;

    StaffAgent as(Role role, long school) {
        String login = "focusstore" + COUNTER.incrementAndGet();
        accounts.create(login, "Мария Иванова", role, List.of(school), "focus store secret", false);
        return new StaffAgent(http).signedIn(login, "focus store secret");
    }

    Http.Response post(StaffAgent a, String path, String body) {
        return a.send("POST", path, JSON, body, "Accept", JSON, "X-CSRF-Token", a.csrf);
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
        String code = "storage_" + COUNTER.incrementAndGet();
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
