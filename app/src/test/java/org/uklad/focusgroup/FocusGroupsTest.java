package org.uklad.focusgroup;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** Recording, coding, polls, the summary, triangulation, CSV and access rules through the staff pages. */
@MicronautTest(transactional = false)
class FocusGroupsTest extends AppTest {

    static final String PASSWORD = "focus group secret";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Inject Accounts accounts;

    long school;
    long otherSchool;
    long wave;
    String psychologist;

    @BeforeEach
    void setUp() {
        school = fixture.school("SHNRO");
        otherSchool = fixture.school("SHNRO");
        wave = fixture.openWave("example");
        psychologist = account(Role.PSYCHOLOGIST, school);
    }

    String account(Role role, Long schoolId) {
        String login = "focus" + COUNTER.incrementAndGet();
        accounts.create(login, "Мария Иванова", role, schoolId == null ? List.of() : List.of(schoolId), PASSWORD, false);
        return login;
    }

    StaffAgent as(String login) {
        return new StaffAgent(http).signedIn(login, PASSWORD);
    }

    long record(StaffAgent a) {
        a.get("/staff/focus-groups/new?school=" + school + "&wave=" + wave);
        Http.Response r = a.postWithCsrf("/staff/focus-groups", "school", "" + school, "wave", "" + wave,
                "audience", "STUDENT", "heldOn", "2026-10-01", "moderator", "Мария Иванова", "guide", "focus-students",
                "pRole", "STUDENT", "pGrade", "7", "pCount", "5", "pRole", "STUDENT", "pGrade", "8", "pCount", "3");
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/staff/focus-groups/(\\d+)").matcher(r.header("Location"));
        assertThat(m.matches()).isTrue();
        return Long.parseLong(m.group(1));
    }

    Http.Response excerpt(StaffAgent a, long session, String text, String code, String sentiment, String tags, boolean quote) {
        a.get("/staff/focus-groups/" + session);
        return quote
                ? a.postWithCsrf("/staff/focus-groups/" + session + "/excerpts", "questionId", "s_dem1", "text", text,
                        "code", code, "sentiment", sentiment, "tags", tags, "representative", "1")
                : a.postWithCsrf("/staff/focus-groups/" + session + "/excerpts", "questionId", "s_dem1", "text", text,
                        "code", code, "sentiment", sentiment, "tags", tags);
    }

    @Test
    void aPsychologistRecordsASessionWithCountsOnlyAndTheGuideVersion() {
        StaffAgent a = as(psychologist);
        long id = record(a);
        assertThat(db.string("SELECT guide_key FROM focus_session WHERE id = ?", id)).isEqualTo("focus-students");
        assertThat(db.string("SELECT guide_hash FROM focus_session WHERE id = ?", id)).matches("[0-9a-f]{64}");
        assertThat(db.count("SELECT sum(count) FROM focus_participants WHERE session_id = ?", id)).isEqualTo(8);
        Http.Response page = a.get("/staff/focus-groups/" + id);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Мария Иванова", "s_dem1", "note.s_dem1");

        a.postWithCsrf("/staff/focus-groups/" + id + "/notes", "note.s_dem1", "Учителя требуют домашние задания.",
                "note.general", "Активная группа");
        assertThat(db.string("SELECT text FROM focus_note WHERE session_id = ? AND question_id = 's_dem1'", id))
                .isEqualTo("Учителя требуют домашние задания.");
        a.get("/staff/focus-groups/" + id);
        Http.Response tooLong = a.postWithCsrf("/staff/focus-groups/" + id + "/notes", "note.s_dem1", "я".repeat(5001));
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.body()).contains("не больше 5000 знаков");
        assertThat(db.string("SELECT text FROM focus_note WHERE session_id = ? AND question_id = 's_dem1'", id))
                .isEqualTo("Учителя требуют домашние задания.");

        // a guide for parents does not fit a students' session; no participants is refused
        a.get("/staff/focus-groups/new");
        Http.Response wrong = a.postWithCsrf("/staff/focus-groups", "school", "" + school, "wave", "" + wave,
                "audience", "STUDENT", "heldOn", "2026-10-01", "moderator", "М", "guide", "focus-parents");
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("Этот гайд для другой группы участников.", "Укажите число участников");

        // an over-long guide value is refused as unknown, never silently dropped
        long before = db.count("SELECT count(*) FROM focus_session");
        a.get("/staff/focus-groups/new");
        Http.Response longGuide = a.postWithCsrf("/staff/focus-groups", "school", "" + school, "wave", "" + wave,
                "audience", "STUDENT", "heldOn", "2026-10-01", "moderator", "М", "guide", "g".repeat(400),
                "pRole", "STUDENT", "pGrade", "7", "pCount", "5");
        assertThat(longGuide.status()).isEqualTo(422);
        assertThat(db.count("SELECT count(*) FROM focus_session")).isEqualTo(before);
    }

    @Test
    void codingExcerptsFeedsTheSummaryCountsTagsAndQuotes() {
        StaffAgent a = as(psychologist);
        long id = record(a);
        assertThat(excerpt(a, id, "Учитель всегда объясняет, что нужно сделать", "teacher_demandingness", "POSITIVE",
                "домашние задания, объяснение", true).status()).isEqualTo(303);
        assertThat(excerpt(a, id, "Никто не проверяет тетради", "teacher_demandingness", "NEGATIVE",
                "Домашние задания", false).status()).isEqualTo(303);
        assertThat(excerpt(a, id, "В столовой шумно, но уютно", "comfort", "MIXED", "", false).status()).isEqualTo(303);
        Http.Response bad = excerpt(a, id, "x".repeat(2001), "teacher_demandingness", "POSITIVE", "", false);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("не больше 2000 знаков");
        Http.Response unknown = excerpt(a, id, "текст", "no_such_code", "MIXED", "", false);   // only the code is wrong
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("Не найдено: no_such_code.");
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ?", id)).isEqualTo(3);

        Http.Response summary = a.get("/staff/focus-groups/summary?school=" + school + "&wave=" + wave);
        assertThat(summary.status()).isEqualTo(200);
        String body = summary.body();
        assertThat(body).contains("Закодированных фрагментов: 3");
        assertThat(row(body, "code-teacher_demandingness")).contains("<td class=\"num positive\">1</td>",
                "<td class=\"num negative\">1</td>", "<td class=\"num mixed\">0</td>", "<td class=\"num total\">2</td>");
        assertThat(row(body, "code-comfort")).contains("<td class=\"num mixed\">1</td>");
        assertThat(body).contains("домашние задания (2)", "объяснение (1)");
        assertThat(body).contains("Учитель всегда объясняет, что нужно сделать").doesNotContain("Никто не проверяет тетради");
        // no survey answers in this wave: nothing to compare with
        assertThat(body).contains("нет данных анкетирования", "не с чем сравнить");
    }

    static String row(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id).isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    @Test
    void pollsAreStoredAsCountsAndShownAsDistributions() {
        StaffAgent a = as(psychologist);
        long id = record(a);
        a.get("/staff/focus-groups/" + id);
        Http.Response r = a.postWithCsrf("/staff/focus-groups/" + id + "/polls", "theme", "comfort",
                "pollQuestion", "Насколько вам комфортно в школе?", "count1", "0", "count2", "1", "count3", "2",
                "count4", "4", "count5", "1");
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        assertThat(db.string("SELECT counts::text FROM focus_poll WHERE session_id = ?", id)).isEqualTo("{0,1,2,4,1}");
        a.get("/staff/focus-groups/" + id);
        Http.Response tooMany = a.postWithCsrf("/staff/focus-groups/" + id + "/polls", "theme", "comfort",
                "pollQuestion", "?", "count1", "9");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("Ответов больше, чем участников (8)");
        String summary = a.get("/staff/focus-groups/summary?school=" + school + "&wave=" + wave).body();
        assertThat(summary).contains("Насколько вам комфортно в школе?", "0 · 1 · 2 · 4 · 1", "3,63");
    }

    @Test
    void triangulationFlagsDisagreementByTheDocumentedRule() {
        assertThat(FocusSummaries.judge(-0.2, 60.0)).isEqualTo(FocusSummaries.Agreement.DISAGREE);
        assertThat(FocusSummaries.judge(-0.5, 80.0)).isEqualTo(FocusSummaries.Agreement.DISAGREE);
        assertThat(FocusSummaries.judge(0.2, 40.0)).isEqualTo(FocusSummaries.Agreement.DISAGREE);
        assertThat(FocusSummaries.judge(-0.19, 90.0)).isEqualTo(FocusSummaries.Agreement.AGREE);
        assertThat(FocusSummaries.judge(0.5, 41.0)).isEqualTo(FocusSummaries.Agreement.AGREE);
        assertThat(FocusSummaries.judge(-1, null)).isEqualTo(FocusSummaries.Agreement.NO_SURVEY);
    }

    @Test
    void theSummarySetsTheFocusGroupsBesideTheSurveyIndexAndFlagsDisagreement() {
        String code = fixture.codes(wave, school, "example", "7Б", 1, 100).getFirst();
        for (int i = 0; i < 6; i++) {
            // demandingness high (dem2 is reverse-keyed), comfort low
            Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                    "{\"answers\": {\"grade\": 7, \"dem1\": 4, \"dem2\": 1, \"com1\": 1, \"com2\": 1}}",
                    "Idempotency-Key", java.util.UUID.randomUUID().toString());
            assertThat(r.status()).as("a fresh key stores a new response: " + r.body()).isEqualTo(201);
        }
        StaffAgent a = as(psychologist);
        long id = record(a);
        excerpt(a, id, "Учителям всё равно, сделал ли ты задание", "teacher_demandingness", "NEGATIVE", "", false);
        excerpt(a, id, "Никто не спрашивает домашнее", "teacher_demandingness", "NEGATIVE", "", false);
        excerpt(a, id, "В школе неуютно", "comfort", "NEGATIVE", "", false);
        String body = a.get("/staff/focus-groups/summary?school=" + school + "&wave=" + wave).body();
        String table = body.substring(body.indexOf("id=\"triangulation\""));
        String demandingness = table.substring(table.indexOf("<tr class=\"flagged\">"));
        demandingness = demandingness.substring(0, demandingness.indexOf("</tr>"));
        assertThat(demandingness).contains("\u22121,00", ">100,0<", "расхождение: проверить");
        int comfort = table.indexOf("<td class=\"num\">0,0</td>");
        assertThat(comfort).as("comfort: score 0, balance -1 agrees").isPositive();
        assertThat(table.substring(comfort, table.indexOf("</tr>", comfort))).contains("согласуется");
        assertThat(body).contains("Расхождение: баланс \u22120,2 и ниже при балле 60 и выше");
    }

    @Test
    void freeTextIsEscapedInPagesAndNeutralisedInCsvAndTheCsvRoundTrips() {
        StaffAgent a = as(psychologist);
        long id = record(a);
        excerpt(a, id, "<script>alert(1)</script>", "comfort", "NEGATIVE", "xss", true);
        excerpt(a, id, "=cmd|' /C calc'!A0", "teacher_demandingness", "POSITIVE", "", false);
        String page = a.get("/staff/focus-groups/" + id).body();
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        String summary = a.get("/staff/focus-groups/summary?school=" + school + "&wave=" + wave).body();
        assertThat(summary).doesNotContain("<script>alert").contains("&lt;script&gt;");

        Http.Response export = a.get("/staff/focus-groups/export.csv?school=" + school + "&wave=" + wave);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        String csv = export.body();
        assertThat(csv).startsWith("\uFEFFexcerpt_id,session_id,audience,held_on,question_id,code,sentiment,tags,representative,text\r\n");
        assertThat(csv).contains(",'=cmd|' /C calc'!A0").doesNotContain(",=cmd");

        // recode one excerpt elsewhere and add a new row, then import the same layout
        String recoded = csv.replace("POSITIVE", "MIXED")
                + "," + id + ",STUDENT,2026-10-01,s_dem2,teacher_demandingness,NEGATIVE,\"новая, метка\",no,\"'-минус в начале\"\r\n";
        a.get("/staff/focus-groups?school=" + school + "&wave=" + wave);
        Http.Response imported = a.postWithCsrf("/staff/focus-groups/import", "school", "" + school, "wave", "" + wave,
                "csv", recoded);
        assertThat(imported.status()).as(imported.body()).isEqualTo(303);
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ?", id)).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ? AND sentiment = 'MIXED'", id)).isEqualTo(1);
        assertThat(db.string("SELECT text FROM focus_excerpt WHERE session_id = ? AND question_id = 's_dem2'", id))
                .isEqualTo("-минус в начале");
        assertThat(db.string("SELECT text FROM focus_excerpt WHERE session_id = ? AND sentiment = 'MIXED'", id))
                .isEqualTo("=cmd|' /C calc'!A0");
        assertThat(db.string("SELECT array_to_string(tags, '|') FROM focus_excerpt WHERE question_id = 's_dem2' AND session_id = ?", id))
                .isEqualTo("новая|метка");

        // a bad row stores nothing
        a.get("/staff/focus-groups?school=" + school + "&wave=" + wave);
        Http.Response bad = a.postWithCsrf("/staff/focus-groups/import", "school", "" + school, "wave", "" + wave,
                "csv", "session_id,code,sentiment,text\r\n" + id + ",comfort,POSITIVE,ок\r\n" + id + ",comfort,HAPPY,нет\r\n");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Строка 3, столбец sentiment:").doesNotContain("row 3.");
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ?", id)).isEqualTo(3);
    }

    @Test
    void onlyPsychologistsOfTheSchoolAndAdminsEditDirectorsReadTheSummaryOnly() {
        StaffAgent mine = as(psychologist);
        long id = record(mine);
        excerpt(mine, id, "Показательная цитата", "comfort", "POSITIVE", "", true);
        excerpt(mine, id, "Сырой фрагмент", "comfort", "NEGATIVE", "", false);
        String summaryPath = "/staff/focus-groups/summary?school=" + school + "&wave=" + wave;

        StaffAgent admin = as(account(Role.ADMIN, null));
        assertThat(admin.get("/staff/focus-groups/" + id).status()).isEqualTo(200);
        assertThat(admin.postWithCsrf("/staff/focus-groups/" + id + "/excerpts", "text", "от координатора",
                "code", "comfort", "sentiment", "MIXED").status()).isEqualTo(303);
        assertThat(admin.get(summaryPath).status()).isEqualTo(200);

        StaffAgent stranger = as(account(Role.PSYCHOLOGIST, otherSchool));
        assertThat(stranger.get("/staff/focus-groups/" + id).status()).isEqualTo(403);
        assertThat(stranger.get(summaryPath).status()).isEqualTo(403);
        assertThat(stranger.get("/staff/focus-groups/export.csv?school=" + school + "&wave=" + wave).status()).isEqualTo(403);
        stranger.get("/staff/focus-groups");
        assertThat(stranger.postWithCsrf("/staff/focus-groups/" + id + "/excerpts", "text", "чужой",
                "code", "comfort", "sentiment", "MIXED").status()).isEqualTo(403);
        assertThat(stranger.postWithCsrf("/staff/focus-groups", "school", "" + school, "wave", "" + wave,
                "audience", "STUDENT", "heldOn", "2026-10-01", "moderator", "М", "pRole", "STUDENT", "pCount", "3")
                .status()).isEqualTo(403);
        assertThat(stranger.get("/staff/focus-groups").body()).doesNotContain("session-" + id);

        StaffAgent director = as(account(Role.DIRECTOR, school));
        Http.Response summary = director.get(summaryPath);
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.body()).contains("Показательная цитата").doesNotContain("Сырой фрагмент");
        assertThat(director.get("/staff/focus-groups/" + id).status()).isEqualTo(403);
        assertThat(director.get("/staff/focus-groups/export.csv?school=" + school + "&wave=" + wave).status()).isEqualTo(403);
        assertThat(director.get("/staff/focus-groups/new").status()).isEqualTo(403);
        director.get("/staff/focus-groups");
        assertThat(director.postWithCsrf("/staff/focus-groups/" + id + "/notes", "note.general", "x").status()).isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM focus_excerpt WHERE session_id = ?", id)).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM focus_note WHERE session_id = ?", id)).isZero();
    }
}
