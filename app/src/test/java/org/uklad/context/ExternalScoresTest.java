package org.uklad.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * External results over years: the CSV import (all rows or none, each problem by line and column,
 * Windows-1251 with semicolons and decimal commas, replace semantics), the row API and page, who
 * may, and the one-number external result of a wave as a view of the scores.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalScoresTest extends AppTest {

    static final String API = "/api/v1/staff/external-scores";
    static final String CSV = "text/csv";

    @Inject Accounts accounts;
    @Inject ExternalResults results;

    String municipality;
    final Map<String, Long> ids = new LinkedHashMap<>();
    StaffAgent admin;

    @BeforeAll
    void schools() {
        municipality = "Район rs" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Школа № 1", "Школа № 2", "Лицей № 3")) {
            Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                    "name", name, "municipality", municipality, "category", "OTHER")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            ids.put(name, http.json(r).get("id").getLongValue());
        }
        admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
    }

    long stored() {
        return db.count("SELECT count(*) FROM external_score e JOIN school s ON s.id = e.school_id WHERE s.municipality = ?",
                municipality);
    }

    Http.Response post(StaffAgent agent, byte[] body, String query) {
        return http.send("POST", API + query, CSV, body, "Accept", "application/json", "X-CSRF-Token", agent.csrf,
                "Cookie", String.join("; ", agent.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    Http.Response post(String csv) {
        return post(admin, csv.getBytes(StandardCharsets.UTF_8), "");
    }

    /** The problem's errors as "field → code". */
    Map<String, String> errors(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode e : http.json(r).get("errors").values()) {
            out.put(e.get("field").getStringValue(), e.get("code").getStringValue());
        }
        return out;
    }

    @Test
    void aFileWithBadRowsStoresNothingAndNamesEachLineAndColumn() {
        long before = stored();
        String csv = """
                municipality,school,year,assessment,subject,mean_score,participants,below_pass_share
                %1$s,Школа № 1,2025,ОГЭ,математика,3.9,40,0.1
                %1$s,Школа № 1,2025,ОГЭ,русский язык,много,40,
                %1$s,Школа № 9,2025,ОГЭ,математика,3.5,30,
                %1$s,Школа № 2,1999,ОГЭ,математика,3.5,-4,150
                %1$s,школа № 1,2025,огэ,Математика,4.0,41,
                %1$s,Школа № 2,2025,ЕГЭ,физика,61.5,20,12%%
                """.formatted(municipality);
        Map<String, String> errors = errors(post(csv));
        assertThat(errors).containsExactly(
                Map.entry("line 3: mean_score", "number"),
                Map.entry("line 4: school", "unknown-reference"),
                Map.entry("line 5: year", "range"),
                Map.entry("line 5: participants", "range"),
                Map.entry("line 5: below_pass_share", "range"),
                // the same school, year, assessment and subject as line 2, however spelt
                Map.entry("line 6", "duplicate"));
        assertThat(stored()).as("all rows or none").isEqualTo(before);

        // the header: an unknown column and a missing one, before any row is read
        Map<String, String> header = errors(post("school_id,year,assessment,subject,mean,participants,colour\n1,2025,ОГЭ,м,3,1,x\n"));
        assertThat(header).containsOnlyKeys("header: colour");
        assertThat(errors(post("school_id,year,subject,mean_score\n1,2025,м,3\n")))
                .containsOnlyKeys("header: assessment", "header: participants");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aWindows1251FileWithSemicolonsAndDecimalCommasIsReadAsTyped() {
        String csv = "\uFEFFМуниципалитет;Школа;Год;Процедура;Предмет;Средний балл;Участников;Доля ниже порога\r\n"
                + municipality + ";Лицей № 3;2024;ВПР;Русский язык;3,45;52;12,5%\r\n"
                + municipality + ";Лицей № 3;2024;Региональная диагностика;Читательская грамотность;17,25;48;0,125\r\n"
                + municipality + ";\"Лицей № 3\";2024;ЕГЭ;Математика;\"61,5\";20;\r\n";
        Http.Response r = post(admin, csv.substring(1).getBytes(Charset.forName("windows-1251")), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode report = http.json(r);
        assertThat(report.get("rows").getIntValue()).isEqualTo(3);
        assertThat(report.get("added").getIntValue()).isEqualTo(3);
        long lyceum = ids.get("Лицей № 3");
        assertThat(db.string("SELECT mean_score || ' ' || participants || ' ' || below_pass_share FROM external_score "
                + "WHERE school_id = ? AND year = 2024 AND assessment = 'ВПР' AND subject = 'русский язык'", lyceum))
                .isEqualTo("3.45 52 0.125");
        assertThat(db.string("SELECT below_pass_share::text FROM external_score WHERE school_id = ? AND assessment = "
                + "'Региональная диагностика'", lyceum)).isEqualTo("0.125");
        assertThat(db.count("SELECT count(*) FROM external_score WHERE school_id = ? AND assessment = 'ЕГЭ' "
                + "AND subject = 'математика' AND mean_score = 61.5 AND below_pass_share IS NULL", lyceum)).isEqualTo(1);
        // the same file in UTF-8 with its byte-order mark: the same rows, each replaced
        JsonNode again = http.json(post(admin, csv.getBytes(StandardCharsets.UTF_8), "?encoding=utf-8"));
        assertThat(again.get("added").getIntValue()).isZero();
        assertThat(again.get("replaced").getIntValue()).isEqualTo(3);
        // a Windows-1251 file declared as UTF-8 is refused, not misread
        Http.Response wrong = post(admin, csv.substring(1).getBytes(Charset.forName("windows-1251")), "?encoding=utf-8");
        assertThat(errors(wrong)).containsOnlyKeys("file");
    }

    @Test
    void aStoredRowIsReplacedAndTheReportCountsAddedAndReplaced() {
        long one = ids.get("Школа № 1");
        long two = ids.get("Школа № 2");
        String first = "school_id,year,assessment,subject,mean_score,participants\n"
                + one + ",2023,ЕГЭ,химия,55,10\n" + two + ",2023,ЕГЭ,химия,58,11\n";
        assertThat(http.json(post(first)).get("added").getIntValue()).isEqualTo(2);
        String second = "school_id,year,assessment,subject,mean_score,participants,below_pass_share\n"
                + one + ",2023,ЕГЭ,химия,57.5,12,0.05\n" + one + ",2023,ЕГЭ,биология,49,9,\n";
        JsonNode report = http.json(post(second));
        assertThat(report.get("rows").getIntValue()).isEqualTo(2);
        assertThat(report.get("added").getIntValue()).isEqualTo(1);
        assertThat(report.get("replaced").getIntValue()).isEqualTo(1);
        assertThat(db.string("SELECT mean_score || ' ' || participants || ' ' || below_pass_share FROM external_score "
                + "WHERE school_id = ? AND year = 2023 AND subject = 'химия'", one)).isEqualTo("57.5 12 0.05");
        assertThat(db.string("SELECT mean_score::text FROM external_score WHERE school_id = ? AND year = 2023 AND subject = 'химия'",
                two)).as("a row not in the second file stays").isEqualTo("58");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'EXTERNAL_SCORES_IMPORTED' AND detail = ?",
                "2 rows: 1 added, 1 replaced")).isGreaterThanOrEqualTo(1);

        // the API lists them by filter; one row corrected and deleted
        JsonNode listed = http.json(admin.getJson(API + "?municipality=" + StaffAgent.enc(municipality) + "&year=2023&assessment=ege&subject=ХИМИЯ"));
        assertThat(listed.size()).isEqualTo(2);
        String row = API + "/" + one + "/2023/" + StaffAgent.enc("ЕГЭ") + "/" + StaffAgent.enc("биология");
        Http.Response put = admin.send("PUT", row, "application/json", "{\"meanScore\": 50.25, \"participants\": 9, "
                + "\"belowPassShare\": null}", "Accept", "application/json", "X-CSRF-Token", admin.csrf);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(http.json(put).get("meanScore").getDoubleValue()).isEqualTo(50.25);
        assertThat(admin.send("DELETE", row, null, null, "X-CSRF-Token", admin.csrf).status()).isEqualTo(204);
        assertThat(admin.send("DELETE", row, null, null, "X-CSRF-Token", admin.csrf, "Accept", "application/json").status())
                .isEqualTo(404);
        assertThat(db.count("SELECT count(*) FROM external_score WHERE school_id = ? AND subject = 'биология'", one)).isZero();
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        long before = stored();
        long one = ids.get("Школа № 1");
        String row = API + "/" + one + "/2025/" + StaffAgent.enc("ОГЭ") + "/" + StaffAgent.enc("химия");
        List<Http.Response> answers = new ArrayList<>();
        for (String csv : List.of("", "school_id,year\n", "school_id,year,assessment,subject,mean_score,participants\n",
                "school_id,year,assessment,subject,mean_score,participants\n" + one + ",2025,\"ОГЭ,химия,3,1\n",
                "school_id,year,assessment,subject,mean_score,participants\n" + one + ",2025,ОГЭ\n",
                "school_id,year,assessment,subject,mean_score,participants\n" + one + ",2025,ОГЭ,химия,1e400,1\n",
                "school_id,year,assessment,subject,mean_score,participants\n99999999999999999999,2025,ОГЭ,химия,3,1\n",
                ";;;\n;;;\n", "\u0000\u0001")) {
            answers.add(post(csv));
        }
        answers.add(post(admin, new byte[] {(byte) 0x98, 0x00, (byte) 0xff}, ""));
        answers.add(post(admin, "a,b\n".getBytes(StandardCharsets.UTF_8), "?encoding=koi8-r"));
        for (String body : List.of("{\"meanScore\": \"4\", \"participants\": 1}", "{\"meanScore\": 4}",
                "{\"meanScore\": 4, \"participants\": 1.5}", "{\"meanScore\": 4, \"participants\": 1, \"extra\": 1}",
                "{\"meanScore\": 1e9, \"participants\": 1}", "{\"meanScore\": 4, \"participants\": 1, \"belowPassShare\": 2}",
                "[1]", "{", "")) {
            answers.add(admin.send("PUT", row, "application/json", body, "Accept", "application/json", "X-CSRF-Token", admin.csrf));
        }
        answers.add(admin.send("PUT", API + "/" + one + "/1999/x/y", "application/json", "{\"meanScore\": 4, \"participants\": 1}",
                "Accept", "application/json", "X-CSRF-Token", admin.csrf));
        answers.add(admin.send("PUT", API + "/999999999/2025/x/y", "application/json", "{\"meanScore\": 4, \"participants\": 1}",
                "Accept", "application/json", "X-CSRF-Token", admin.csrf));
        answers.add(admin.send("PUT", API + "/outcomes/999999999", "application/json",
                "{\"year\": 2025, \"assessment\": \"ОГЭ\", \"subject\": \"м\"}", "Accept", "application/json", "X-CSRF-Token", admin.csrf));
        answers.add(admin.getJson(API + "?year=abc"));
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.body()).isBetween(400, 499);
            assertThat(r.contentType()).as(r.body()).startsWith("application/problem+json");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void onlyCoordinatorsReadOrWrite() {
        long one = ids.get("Школа № 1");
        long before = stored();
        String csv = "school_id,year,assessment,subject,mean_score,participants\n" + one + ",2022,ОГЭ,химия,3,1\n";
        for (Role role : List.of(Role.PSYCHOLOGIST, Role.DIRECTOR)) {
            StaffAgent agent = StaffAgent.signedIn(http, accounts, role, List.of(one));
            assertThat(agent.get("/staff/results").status()).as(role + " page").isEqualTo(403);
            assertThat(agent.getJson(API).status()).as(role + " list").isEqualTo(403);
            assertThat(agent.getJson(API + "/outcomes").status()).isEqualTo(403);
            assertThat(post(agent, csv.getBytes(StandardCharsets.UTF_8), "").status()).as(role + " import").isEqualTo(403);
            assertThat(agent.send("PUT", API + "/" + one + "/2022/x/y", "application/json", "{\"meanScore\": 4, \"participants\": 1}",
                    "Accept", "application/json", "X-CSRF-Token", agent.csrf).status()).isEqualTo(403);
            assertThat(agent.postWithCsrf("/staff/results/import", "csv", csv).status()).isEqualTo(403);
            assertThat(agent.get("/staff").body()).doesNotContain("href=\"/staff/results\"");
        }
        assertThat(http.get(API, "Accept", "application/json").status()).isEqualTo(401);
        assertThat(stored()).isEqualTo(before);
        assertThat(admin.get("/staff").body()).contains("href=\"/staff/results\"");
    }

    @Test
    void thePageImportsCorrectsAndDeletesWithPostRedirectGet() {
        long two = ids.get("Школа № 2");
        String csv = "муниципалитет;школа;год;процедура;предмет;средний балл;участников\n"
                + municipality + ";Школа № 2;2021;ОГЭ;информатика;3,75;30\n";
        admin.get("/staff/results");
        Http.Response imported = admin.postWithCsrf("/staff/results/import", "csv", csv);
        assertThat(imported.status()).isEqualTo(303);
        assertThat(imported.header("Location")).startsWith("/staff/results?notice=imported&added=1&replaced=0");
        String page = admin.get("/staff/results?municipality=" + StaffAgent.enc(municipality) + "&year=2021").body();
        assertThat(page).contains("информатика").contains("3,75").contains("Школа № 2");

        // a refused import shows each line and column and keeps the text
        Http.Response refused = admin.postWithCsrf("/staff/results/import", "csv", csv.replace("3,75", "x"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("Строка 2, столбец средний балл").contains("ничего не сохранено");

        // a row corrected on the form; a bad one refused field by field
        Http.Response bad = admin.postWithCsrf("/staff/results/rows", "schoolId", String.valueOf(two), "year", "2021",
                "assessment", "ОГЭ", "subject", "информатика", "meanScore", "много", "participants", "30", "belowPassShare", "");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("id=\"meanScore-error\"");
        Http.Response saved = admin.postWithCsrf("/staff/results/rows", "schoolId", String.valueOf(two), "year", "2021",
                "assessment", "ОГЭ", "subject", "информатика", "meanScore", "3,8", "participants", "31", "belowPassShare", "4%");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(db.string("SELECT mean_score || ' ' || participants || ' ' || below_pass_share FROM external_score "
                + "WHERE school_id = ? AND year = 2021", two)).isEqualTo("3.8 31 0.04");
        String edit = admin.get("/staff/results?eSchool=" + two + "&eYear=2021&eAssessment=" + StaffAgent.enc("ОГЭ")
                + "&eSubject=" + StaffAgent.enc("информатика")).body();
        assertThat(edit).contains("value=\"3,80\"").contains("value=\"4,0%\"");
        Http.Response deleted = admin.postWithCsrf("/staff/results/rows/delete", "schoolId", String.valueOf(two), "year", "2021",
                "assessment", "ОГЭ", "subject", "информатика");
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(db.count("SELECT count(*) FROM external_score WHERE school_id = ? AND year = 2021", two)).isZero();
        for (String action : List.of("EXTERNAL_SCORES_IMPORTED", "EXTERNAL_SCORE_SAVED", "EXTERNAL_SCORE_DELETED")) {
            assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = ?", action)).as(action).isPositive();
        }
    }

    @Test
    void aWavesExternalResultIsItsChosenOutcomeAmongTheScores() {
        long wave = fixture.openWave("example");
        long one = ids.get("Школа № 1");
        long two = ids.get("Школа № 2");
        post("school_id,year,assessment,subject,mean_score,participants\n" + one + ",2020,ОГЭ,математика,3.6,40\n"
                + two + ",2020,ОГЭ,математика,4.1,44\n" + one + ",2020,ОГЭ,физика,3.2,12\n");
        assertThat(results.of(wave)).isEmpty();
        Http.Response chosen = admin.send("PUT", API + "/outcomes/" + wave, "application/json",
                "{\"year\": 2020, \"assessment\": \"огэ\", \"subject\": \"Математика\"}", "Accept", "application/json",
                "X-CSRF-Token", admin.csrf);
        assertThat(chosen.status()).as(chosen.body()).isEqualTo(200);
        assertThat(http.json(chosen).get("label").getStringValue()).isEqualTo("ОГЭ, математика, 2020");
        List<ExternalResults.ExternalResult> view = results.of(wave).stream()
                .filter(r -> ids.containsValue(r.schoolId())).toList();
        assertThat(view).extracting(ExternalResults.ExternalResult::schoolId).containsExactly(one, two);
        assertThat(view.get(1).value()).isCloseTo(4.1, within(1e-12));
        assertThat(view).allSatisfy(r -> assertThat(r.label()).isEqualTo("ОГЭ, математика, 2020"));

        // the overview's one-number entry under the outcome's label corrects that score, nothing else
        results.save(wave, two, 4.2, "ОГЭ, математика, 2020");
        assertThat(db.string("SELECT mean_score || ' ' || participants FROM external_score WHERE school_id = ? AND year = 2020 "
                + "AND subject = 'математика'", two)).isEqualTo("4.2 44");
        // under another label it is a result of its own (ИНОЕ, the wave's school year), now the wave's outcome
        results.save(wave, one, 72.5, "Региональный тест, средний балл");
        assertThat(results.of(wave)).extracting(ExternalResults.ExternalResult::schoolId).containsExactly(one);
        assertThat(http.json(admin.getJson(API + "/outcomes")).values()).anySatisfy(o -> {
            assertThat(o.get("waveId").getLongValue()).isEqualTo(wave);
            assertThat(o.get("assessment").getStringValue()).isEqualTo(ExternalScores.OTHER);
            assertThat(o.get("year").getIntValue()).isEqualTo(ExternalScores.schoolYear(java.time.Instant.now().minusSeconds(3600)));
        });
        assertThat(db.string("SELECT mean_score::text FROM external_score WHERE school_id = ? AND year = 2020 "
                + "AND subject = 'математика'", two)).as("kept").isEqualTo("4.2");
    }
}
