package org.uklad.wave;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.uklad.wave.WaveTestSupport.PASSWORD;
import static org.uklad.wave.WaveTestSupport.account;
import static org.uklad.wave.WaveTestSupport.check;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** The staff wave pages as a browser without JavaScript uses them: create, codes, close and extend, who may do what. */
@MicronautTest(transactional = false)
class WaveStaffPagesTest extends AppTest {

    @Inject Accounts accounts;

    long own;
    long partner;
    long other;
    String psychologist;
    String director;
    String admin;

    @BeforeEach
    void setUp() {
        own = fixture.school("SHNRO");
        partner = fixture.school("SHUVRO");
        other = fixture.school("OTHER");
        check(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", partner,
                "supportedSchoolId", own))), 201);
        psychologist = account(accounts, Role.PSYCHOLOGIST, List.of(own));
        director = account(accounts, Role.DIRECTOR, List.of(own));
        admin = account(accounts, Role.ADMIN, List.of());
    }

    StaffAgent agent(String login) {
        return new StaffAgent(http).signedIn(login, PASSWORD);
    }

    static long waveIdFrom(Http.Response r) {
        Matcher m = Pattern.compile("^/staff/waves/(\\d+)\\?notice=created$").matcher(r.header("Location"));
        assertThat(m.matches()).as(r.header("Location")).isTrue();
        return Long.parseLong(m.group(1));
    }

    long createWave(StaffAgent a, String name) {
        a.get("/staff/waves");
        Http.Response r = a.postWithCsrf("/staff/waves", "name", name, "kind", "INTERIM", "opensAt", "2026-01-10T09:00",
                "closesAt", "2036-01-20T18:30", "questionnaires", "example", "questionnaires", "parents");
        check(r, 303);
        return waveIdFrom(r);
    }

    @Test
    void aPsychologistCreatesAWaveWithMoscowTimesAndTheLatestQuestionnaireVersions() {
        StaffAgent a = agent(psychologist);
        Http.Response form = a.get("/staff/waves");
        check(form, 200);
        assertThat(form.body()).contains("Новая волна", "id=\"q-example\"", "id=\"q-parents\"", "type=\"datetime-local\"");
        assertThat(form.header("Cache-Control")).isEqualTo("no-store");

        long id = createWave(a, "Входной мониторинг 2026");
        assertThat(db.string("SELECT kind FROM wave WHERE id = ?", id)).isEqualTo("INTERIM");
        // 09:00 in Moscow (UTC+3) is 06:00 UTC
        assertThat(db.string("SELECT to_char(opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM wave WHERE id = ?", id))
                .isEqualTo("2026-01-10 06:00");
        assertThat(db.count("SELECT count(*) FROM wave_questionnaire WHERE wave_id = ?", id)).isEqualTo(2);
        assertThat(db.count("""
                SELECT count(*) FROM wave_questionnaire wq JOIN questionnaire_version v ON v.id = wq.questionnaire_version_id
                WHERE wq.wave_id = ? AND v.version = (SELECT max(version) FROM questionnaire_version x
                                                      WHERE x.questionnaire_key = v.questionnaire_key)""", id)).isEqualTo(2);

        Http.Response detail = a.get("/staff/waves/" + id + "?notice=created");
        check(detail, 200);
        assertThat(detail.body()).contains("Входной мониторинг 2026", "Волна создана", "10.01.2026 09:00", "20.01.2036 18:30",
                "промежуточный", "Анкета для родителей");
        assertThat(a.get("/staff/waves").body()).contains("Входной мониторинг 2026");
        assertThat(a.get("/staff/waves?lang=en").body()).contains("New wave", "interim");
    }

    @Test
    void mistakesAreShownNextToTheFieldsAndNothingIsStored() {
        StaffAgent a = agent(psychologist);
        a.get("/staff/waves");
        long before = db.count("SELECT count(*) FROM wave");
        Http.Response r = a.postWithCsrf("/staff/waves", "name", "  ", "kind", "SOMETIME", "opensAt", "2026-05-10T09:00",
                "closesAt", "2026-05-01T09:00", "questionnaires", "no-such-questionnaire");
        check(r, 422);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("id=\"error-name\"", "Длина должна быть", "id=\"error-kind\"", "Заполните это поле",
                "id=\"error-closesAt\"", "id=\"error-questionnaires\"", "no-such-questionnaire")
                .contains("value=\"2026-05-10T09:00\"");
        Http.Response bad = a.postWithCsrf("/staff/waves", "name", "Волна", "kind", "ENTRY", "opensAt", "завтра",
                "closesAt", "2026-05-01T09:00", "questionnaires", "example");
        check(bad, 422);
        assertThat(bad.body()).contains("id=\"error-opensAt\"", "Укажите дату и время.", "value=\"Волна\"",
                "id=\"q-example\" checked=\"checked\"");
        assertThat(db.count("SELECT count(*) FROM wave")).isEqualTo(before);
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndCreatesNothing() {
        StaffAgent a = agent(psychologist);
        long before = db.count("SELECT count(*) FROM wave");
        Http.Response r = a.post("/staff/waves", StaffAgent.form("name", "Волна", "kind", "ENTRY",
                "opensAt", "2026-05-01T09:00", "closesAt", "2026-05-10T09:00", "questionnaires", "example"));
        check(r, 403);
        Http.Response forged = a.post("/staff/waves", StaffAgent.form("csrfToken", "forged", "name", "Волна", "kind", "ENTRY",
                "opensAt", "2026-05-01T09:00", "closesAt", "2026-05-10T09:00", "questionnaires", "example"));
        check(forged, 403);
        assertThat(db.count("SELECT count(*) FROM wave")).isEqualTo(before);
    }

    @Test
    void codesAreGeneratedForOwnSchoolsOnlyAndListedByGroup() {
        StaffAgent a = agent(psychologist);
        long wave = createWave(a, "Волна кодов");
        Http.Response detail = a.get("/staff/waves/" + wave);
        assertThat(detail.body()).contains("<option value=\"" + own + "\"").doesNotContain("<option value=\"" + other + "\"")
                .doesNotContain("<option value=\"" + partner + "\"");

        Http.Response shared = a.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(own),
                "questionnaire", "example", "groupLabel", "7Б", "mode", "shared", "maxUses", "30", "expectedSize", "27");
        check(shared, 303);
        assertThat(shared.header("Location")).isEqualTo("/staff/waves/" + wave + "?notice=generated#codes-" + own);
        Http.Response single = a.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(own),
                "questionnaire", "parents", "groupLabel", "7Б", "mode", "single", "count", "3", "expectedSize", "25");
        check(single, 303);
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ? AND school_id = ? AND max_uses = 30 "
                + "AND expected_size = 27 AND group_label = '7Б'", wave, own)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ? AND max_uses = 1 AND expected_size = 25",
                wave)).isEqualTo(3);

        String page = a.get("/staff/waves/" + wave + "?notice=generated").body();
        String code = db.string("SELECT code FROM access_code WHERE wave_id = ? AND max_uses = 30", wave);
        assertThat(page).contains("Коды доступа созданы", code.substring(0, 5) + "-" + code.substring(5),
                server.getURI().getHost() + ":" + server.getPort() + "/s/" + code, "0 / 30", "0 / 1",
                "/staff/waves/" + wave + "/schools/" + own + "/invitations.pdf?lang=ru");
        assertThat(page).as("staff learn about the classroom mode").contains("?kiosk=1");

        // mistakes come back on the page
        Http.Response wrong = a.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(own),
                "questionnaire", "teachers", "groupLabel", "", "mode", "single", "count", "0", "expectedSize", "много");
        check(wrong, 422);
        assertThat(wrong.body()).contains("id=\"error-groupLabel\"", "id=\"error-count\"", "id=\"error-expectedSize\"",
                "id=\"error-questionnaire\"", "не входит в эту волну");
        // another school's codes: refused
        check(a.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(other),
                "questionnaire", "example", "groupLabel", "5А", "mode", "shared", "maxUses", "30"), 403);
        assertThat(db.count("SELECT count(*) FROM access_code WHERE wave_id = ?", wave)).isEqualTo(4);
    }

    @Test
    void aWaveIsClosedNowAndExtendedAgain() {
        StaffAgent a = agent(psychologist);
        long wave = createWave(a, "Волна сроков");
        a.get("/staff/waves/" + wave);
        // without the "I understand" box nothing happens: the page again with the box's error
        Http.Response unconfirmed = a.postWithCsrf("/staff/waves/" + wave + "/close");
        check(unconfirmed, 422);
        assertThat(unconfirmed.body()).contains("id=\"error-confirm\"", "id=\"close-confirm\"", "нельзя отменить");
        assertThat(db.count("SELECT count(*) FROM wave WHERE id = ? AND closes_at > now()", wave)).isEqualTo(1);
        Http.Response close = a.postWithCsrf("/staff/waves/" + wave + "/close", "confirm", "yes");
        check(close, 303);
        assertThat(a.get(close.header("Location")).body()).contains("Волна закрыта").containsPattern("id=\"state\">[^<]*закрыта");
        assertThat(db.count("SELECT count(*) FROM wave WHERE id = ? AND closes_at <= now()", wave)).isEqualTo(1);

        Http.Response past = a.postWithCsrf("/staff/waves/" + wave + "/extend", "closesAt", "2026-01-11T10:00");
        check(past, 422);
        assertThat(past.body()).contains("id=\"error-closesAt\"", "в будущем");
        Http.Response junk = a.postWithCsrf("/staff/waves/" + wave + "/extend", "closesAt", "2040-06-01T18:00junk");
        check(junk, 422);   // not silently cut to a valid time
        Http.Response extend = a.postWithCsrf("/staff/waves/" + wave + "/extend", "closesAt", "2040-06-01T18:00");
        check(extend, 303);
        assertThat(db.string("SELECT to_char(closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM wave WHERE id = ?",
                wave)).isEqualTo("2040-06-01 15:00");
        assertThat(a.get("/staff/waves/" + wave).body()).contains("01.06.2040 18:00", "открыта");

        // a wave that has not opened yet cannot be closed (its closing time can be changed)
        Instant later = Instant.now().plus(3, ChronoUnit.DAYS);
        long future = fixture.wave(later, later.plus(5, ChronoUnit.DAYS), "example");
        fixture.codes(future, own, "example", "9В", 1, 20);
        a.get("/staff/waves/" + future);
        Http.Response early = a.postWithCsrf("/staff/waves/" + future + "/close", "confirm", "yes");
        check(early, 422);
        assertThat(early.body()).contains("id=\"error-close\"");
    }

    @Test
    void aWaveReachingOtherSchoolsIsClosedOrMovedOnlyByACoordinator() {
        long regional = fixture.openWave("example");
        fixture.codes(regional, own, "example", "7Б", 1, 30);
        fixture.codes(regional, other, "example", "8А", 1, 30);
        long ours = fixture.openWave("example");
        fixture.codes(ours, own, "example", "7Б", 1, 30);
        String closes = db.string("SELECT closes_at::text FROM wave WHERE id = ?", regional);

        StaffAgent psy = agent(psychologist);
        String page = psy.get("/staff/waves/" + regional).body();
        assertThat(page).contains("id=\"schedule-by-coordinator\"", "id=\"codes-form\"")
                .doesNotContain("id=\"close-form\"", "id=\"extend-form\"");
        check(psy.postWithCsrf("/staff/waves/" + regional + "/close"), 403);
        check(psy.postWithCsrf("/staff/waves/" + regional + "/extend", "closesAt", "2040-01-01T10:00"), 403);
        assertThat(db.string("SELECT closes_at::text FROM wave WHERE id = ?", regional)).isEqualTo(closes);

        // the wave of the psychologist's own schools is theirs to close and reopen
        assertThat(psy.get("/staff/waves/" + ours).body()).contains("id=\"close-form\"", "id=\"extend-form\"")
                .doesNotContain("id=\"schedule-by-coordinator\"");
        check(psy.postWithCsrf("/staff/waves/" + ours + "/close", "confirm", "yes"), 303);
        check(psy.postWithCsrf("/staff/waves/" + ours + "/extend", "closesAt", "2040-01-01T10:00"), 303);

        StaffAgent adm = agent(admin);
        adm.get("/staff/waves/" + regional);
        check(adm.postWithCsrf("/staff/waves/" + regional + "/close", "confirm", "yes"), 303);
        check(adm.postWithCsrf("/staff/waves/" + regional + "/extend", "closesAt", "2040-01-01T10:00"), 303);
    }

    @Test
    void aWaveOnThePagesStaysWithinTheServiceYears() {
        StaffAgent a = agent(psychologist);
        long waves = db.count("SELECT count(*) FROM wave");
        a.get("/staff/waves");
        for (String[] dates : List.of(new String[] {"-5000-01-01T00:00", "2026-05-10T09:00", "opensAt"},
                new String[] {"2026-05-01T09:00", "+10000-12-31T23:59", "closesAt"},
                new String[] {"2026-05-01T09:00", "+1000000000-12-31T23:59", "closesAt"},
                new String[] {"1999-12-31T23:00", "2026-05-10T09:00", "opensAt"})) {
            Http.Response r = a.postWithCsrf("/staff/waves", "name", "Волна вне времени", "kind", "ENTRY", "opensAt", dates[0],
                    "closesAt", dates[1], "questionnaires", "example");
            check(r, 422);
            assertThat(r.body()).as(dates[0] + " " + dates[1]).contains("id=\"error-" + dates[2] + "\"");
        }
        assertThat(db.count("SELECT count(*) FROM wave")).isEqualTo(waves);
        long wave = createWave(a, "Волна со сроком");
        String closes = db.string("SELECT closes_at::text FROM wave WHERE id = ?", wave);
        for (String moved : List.of("+10000-01-01T00:00", "2101-06-01T00:00", "+1000000000-12-31T23:59")) {
            Http.Response r = a.postWithCsrf("/staff/waves/" + wave + "/extend", "closesAt", moved);
            check(r, 422);
            assertThat(r.body()).as(moved).contains("id=\"error-closesAt\"");
        }
        assertThat(db.string("SELECT closes_at::text FROM wave WHERE id = ?", wave)).isEqualTo(closes);
    }

    @Test
    void whoMayDoWhat() {
        long wave = fixture.openWave("example");
        fixture.codes(wave, own, "example", "7Б", 1, 30);
        long elsewhere = fixture.openWave("example");
        fixture.codes(elsewhere, other, "example", "8А", 1, 30);
        Instant past = Instant.now().minus(40, ChronoUnit.DAYS);
        long closedElsewhere = fixture.wave(past, past.plus(5, ChronoUnit.DAYS), "example");
        fixture.codes(closedElsewhere, other, "example", "8А", 1, 30);

        StaffAgent dir = agent(director);
        String list = dir.get("/staff/waves").body();
        assertThat(list).contains("id=\"wave-" + wave + "\"").doesNotContain("id=\"wave-" + elsewhere + "\"")
                .doesNotContain("id=\"new-wave\"");
        check(dir.get("/staff/waves/" + wave), 200);
        assertThat(dir.get("/staff/waves/" + wave).body()).doesNotContain("id=\"codes-form\"", "id=\"close-form\"");
        check(dir.get("/staff/waves/" + elsewhere), 403);
        check(dir.get("/staff/waves/" + wave + "/monitoring"), 200);
        check(dir.get("/staff/waves/" + elsewhere + "/monitoring"), 403);
        check(dir.postWithCsrf("/staff/waves", "name", "Волна директора", "kind", "ENTRY", "opensAt", "2026-05-01T09:00",
                "closesAt", "2026-05-10T09:00", "questionnaires", "example"), 403);
        check(dir.postWithCsrf("/staff/waves/" + wave + "/close"), 403);
        check(dir.postWithCsrf("/staff/waves/" + wave + "/extend", "closesAt", "2040-01-01T10:00"), 403);
        check(dir.postWithCsrf("/staff/waves/" + wave + "/codes", "schoolId", String.valueOf(own), "questionnaire",
                "example", "groupLabel", "5А", "mode", "shared", "maxUses", "10"), 403);
        assertThat(WaveTestSupport.bytes(server.getURI(), dir, "/staff/waves/" + wave + "/schools/" + own
                + "/invitations.pdf").statusCode()).isEqualTo(403);

        StaffAgent psy = agent(psychologist);
        String psyList = psy.get("/staff/waves").body();
        // open waves are offered to psychologists so they can add their schools' codes; closed ones only if theirs
        assertThat(psyList).contains("id=\"wave-" + wave + "\"", "id=\"wave-" + elsewhere + "\"", "id=\"new-wave\"")
                .doesNotContain("id=\"wave-" + closedElsewhere + "\"");
        check(psy.get("/staff/waves/" + closedElsewhere), 403);
        assertThat(WaveTestSupport.bytes(server.getURI(), psy, "/staff/waves/" + elsewhere + "/schools/" + other
                + "/invitations.pdf").statusCode()).isEqualTo(403);
        assertThat(WaveTestSupport.bytes(server.getURI(), psy, "/staff/waves/" + wave + "/schools/" + own
                + "/invitations.pdf").statusCode()).isEqualTo(200);
        assertThat(psy.get("/staff/waves/" + elsewhere).body()).doesNotContain("8А");

        StaffAgent adm = agent(admin);
        assertThat(adm.get("/staff/waves").body()).contains("id=\"wave-" + closedElsewhere + "\"");
        adm.get("/staff/waves/" + elsewhere);
        check(adm.postWithCsrf("/staff/waves/" + elsewhere + "/codes", "schoolId", String.valueOf(other),
                "questionnaire", "example", "groupLabel", "8Б", "mode", "shared", "maxUses", "10", "expectedSize", "10"), 303);
        assertThat(WaveTestSupport.bytes(server.getURI(), adm, "/staff/waves/" + elsewhere + "/schools/" + other
                + "/invitations.pdf").statusCode()).isEqualTo(200);
        assertThat(adm.get("/staff/waves/" + elsewhere).body()).contains("8А", "8Б");

        StaffAgent anonymous = new StaffAgent(http);
        assertThat(anonymous.get("/staff/waves").header("Location")).startsWith("/staff/login");
        check(anonymous.getJson("/api/v1/staff/waves/" + wave + "/monitoring"), 401);
    }

    @Test
    void theHomePageLinksToTheWavesForThoseWhoRunThem() {
        assertThat(agent(psychologist).get("/staff").body()).contains("href=\"/staff/waves\"", "Волны и коды доступа");
        // a director reads results; waves and access codes are not theirs to run (issue #17)
        assertThat(agent(director).get("/staff").body()).doesNotContain("href=\"/staff/waves\"", "Волны и коды доступа");
    }
}
