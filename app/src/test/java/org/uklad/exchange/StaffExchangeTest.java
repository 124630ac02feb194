package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** Data in and out through the staff pages and the staff API: who may, the round trip, the refusal report, the audit. */
@MicronautTest(transactional = false)
class StaffExchangeTest extends AppTest {

    @Inject Accounts accounts;

    long wave;
    long own;
    long second;
    long other;

    /** A wave with the ten answers of {@link ExchangeApiTest#ANSWERS} in school {@link #own}. */
    void answered() {
        own = fixture.school("SHNRO");
        second = fixture.school("SHUVRO");
        other = fixture.school("OTHER");
        wave = fixture.openWave("example");
        String code = fixture.codes(wave, own, "example", "7Б", 1, 50).getFirst();
        for (String a : ExchangeApiTest.ANSWERS) {
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": " + a + "}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
    }

    static Http.Response download(StaffAgent agent, String path) {
        return agent.send("GET", path, null, null, "Accept", "*/*");
    }

    String schoolCsv(long school) {
        return "/staff/waves/" + wave + "/schools/" + school + "/responses.csv?questionnaire=example";
    }

    long audits(String action, String actor, String target) {
        return db.count("SELECT count(*) FROM audit_event WHERE action = ? AND actor LIKE ? AND target = ?", action,
                "%" + actor + "%", target);
    }

    @Test
    void thePsychologistExportsTheirSchoolAndImportsItIntoAnotherWithIdenticalIndices() {
        answered();
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(own, second));
        StaffAgent psy = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);

        Http.Response wavePage = psy.get("/staff/waves/" + wave);
        assertThat(wavePage.body()).contains("id=\"exchange-link\"");
        Http.Response data = psy.get("/staff/waves/" + wave + "/data");
        assertThat(data.status()).isEqualTo(200);
        assertThat(data.body()).contains("id=\"responses-" + own + "-example\"").contains("id=\"import-" + second + "\"")
                .contains("id=\"codebook-example\"").doesNotContain("id=\"school-" + other + "\"")
                .doesNotContain("id=\"wave-example\""); // the whole wave is for coordinators
        String xlsx = "/api/v1/staff/waves/" + wave + "/schools/" + own + "/responses.xlsx?questionnaire=example&amp;lang=ru";
        assertThat(data.body()).contains("id=\"responses-" + own + "-example-xlsx\" href=\"" + xlsx + "\"")
                .contains("id=\"responses-" + own + "-example-sps\"").contains("id=\"responses-" + own + "-example-r\"");
        Http.Download book = http.download(xlsx.replace("&amp;", "&"), "Cookie", String.join("; ",
                psy.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        assertThat(book.status()).isEqualTo(200);
        assertThat(book.body()).startsWith((byte) 'P', (byte) 'K'); // a ZIP container: the workbook

        Http.Response export = download(psy, schoolCsv(own));
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("attachment").contains("school-" + own);
        String csv = export.body();
        assertThat(csv).startsWith("\uFEFFwave_id,school_id,questionnaire,version,group_label,submitted_on,grade,")
                .contains("'=HYPERLINK(").contains("Всё, \"\"хорошо\"\""); // free text kept, formula-safe
        assertThat(csv.split("\r\n", -1)).hasSize(1 + 10 + 1);
        Http.Response codebook = download(psy, "/staff/waves/" + wave + "/codebook.csv?questionnaire=example");
        assertThat(codebook.body()).startsWith("\uFEFFitem_id,type,text_ru,text_en,construct,reverse,scale,values,required,show_if\r\n");

        Http.Response form = psy.get("/staff/waves/" + wave + "/schools/" + second + "/import?questionnaire=example");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("id=\"csv-file\"").contains("/assets/exchange-import.js").contains("id=\"max-size\">Не более 256 КБ");
        Http.Response imported = psy.postWithCsrf("/staff/waves/" + wave + "/schools/" + second + "/import",
                "questionnaire", "example", "csv", csv);
        assertThat(imported.status()).as(imported.body()).isEqualTo(303);
        Http.Response result = psy.get(imported.header("Location"));
        assertThat(result.body()).contains("id=\"import-result\"").contains("сохранено анкет: 10");
        assertThat(ExchangeApiTest.indicesOf(http, wave, second)).isEqualTo(ExchangeApiTest.indicesOf(http, wave, own))
                .isNotEmpty();
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", second)).isEqualTo(10);

        assertThat(audits("RESPONSES_EXPORTED", login, "wave " + wave + ", school " + own)).isEqualTo(2); // the workbook and the CSV
        assertThat(audits("CODEBOOK_EXPORTED", login, "wave " + wave)).isEqualTo(1);
        assertThat(audits("RESPONSES_IMPORTED", login, "wave " + wave + ", school " + second)).isEqualTo(1);
    }

    @Test
    void aBadFileIsRefusedWholeWithEachRowAndColumnInTheLanguageOfThePage() {
        answered();
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(own));
        String csv = "group_label,grade,dem1,bullied,bullied_where\r\n"
                + "5А,5,4,never,\r\n"
                + "5А,99,4,never,\r\n"
                + "5А,6,4,sometimes,\r\n";
        long before = db.responses();
        String path = "/staff/waves/" + wave + "/schools/" + own + "/import";
        psy.get(path);
        Http.Response ru = psy.postWithCsrf(path, "questionnaire", "example", "csv", csv);
        assertThat(ru.status()).isEqualTo(422);
        assertThat(ru.body()).contains("id=\"import-problems\"").contains("Ничего не сохранено")
                .contains("Строка 3, столбец grade").contains("Строка 4, столбец bullied")
                .contains("5А,99,4,never"); // the text stays in the form to be corrected
        Http.Response en = psy.postWithCsrf(path + "?lang=en", "questionnaire", "example", "csv",
                "group_label,grade,surname\r\n5А,5,Иванов\r\n");
        assertThat(en.status()).isEqualTo(422);
        assertThat(en.body()).contains("Header, column surname").contains("There is no such question in this questionnaire.");
        Http.Response noQuestionnaire = psy.postWithCsrf(path + "?lang=ru", "questionnaire", "teachers", "csv", csv);
        assertThat(noQuestionnaire.status()).isEqualTo(422);
        assertThat(noQuestionnaire.body()).contains("Анкета «teachers» не входит в эту волну.");
        assertThat(db.responses()).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'RESPONSES_IMPORTED' AND target = ?",
                "wave " + wave + ", school " + own)).isZero();
    }

    @Test
    void aFileWithoutGroupsImportsIntoTheGroupChosenOnThePage() {
        answered();
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(second));
        String path = "/staff/waves/" + wave + "/schools/" + second + "/import";
        assertThat(psy.get(path).body()).contains("id=\"group-label\"");
        String csv = "GRADE;DEM1;DEM2;COM1;COM2\r\n5;4,0;1;NA;.\r\n6;3;2;3;3\r\n7;2;3;2;4\r\n8;4;2;1;2\r\n9;3;NA;4;4\r\n";
        Http.Response imported = psy.postWithCsrf(path, "questionnaire", "example", "groupLabel", "9В", "csv", csv);
        assertThat(imported.status()).as(imported.body()).isEqualTo(303);
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ? AND group_label = '9В'", second)).isEqualTo(5);
        assertThat(db.count("SELECT count(*) FROM response_answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.school_id = ? AND a.item_id = 'dem1' AND a.value_int = 4", second)).isEqualTo(2);
    }

    @Test
    void eachRoleGetsExactlyItsSchools() {
        answered();
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(own));
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(own));
        String adminLogin = StaffAgent.account(accounts, Role.ADMIN, List.of());
        StaffAgent admin = new StaffAgent(http).signedIn(adminLogin, StaffAgent.PASSWORD);
        String api = "/api/v1/staff/waves/" + wave;

        assertThat(download(psy, schoolCsv(own)).status()).isEqualTo(200);
        assertThat(download(psy, schoolCsv(other)).status()).isEqualTo(403);
        assertThat(download(psy, "/staff/waves/" + wave + "/responses.csv?questionnaire=example").status()).isEqualTo(403);
        assertThat(download(psy, api + "/schools/" + own + "/responses.csv?questionnaire=example").status()).isEqualTo(200);
        assertThat(download(psy, api + "/schools/" + other + "/responses.csv?questionnaire=example").status()).isEqualTo(403);
        assertThat(psy.get("/staff/waves/" + wave + "/schools/" + other + "/import").status()).isEqualTo(403);

        // directors never get the free text of the export, not even of their own school
        assertThat(download(director, schoolCsv(own)).status()).isEqualTo(403);
        assertThat(director.get("/staff/waves/" + wave + "/data").status()).isEqualTo(403);
        assertThat(director.get("/staff/waves/" + wave).body()).doesNotContain("exchange-link");
        assertThat(download(director, api + "/codebook.csv?questionnaire=example").status()).isEqualTo(403);
        Http.Response refused = director.send("POST", api + "/schools/" + own + "/responses?questionnaire=example", "text/csv",
                "group_label,grade\r\n5А,5\r\n", "X-CSRF-Token", director.csrf, "Accept", "application/json");
        assertThat(refused.status()).isEqualTo(403);

        assertThat(download(admin, schoolCsv(other)).status()).isEqualTo(200);
        Http.Response whole = download(admin, "/staff/waves/" + wave + "/responses.csv?questionnaire=example");
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body().split("\r\n", -1)).hasSize(1 + 10 + 1);
        assertThat(admin.get("/staff/waves/" + wave + "/data").body()).contains("id=\"wave-example\"")
                .contains("id=\"school-" + other + "\"");
        assertThat(audits("RESPONSES_EXPORTED", adminLogin, "wave " + wave)).isEqualTo(1);

        // the staff API imports for the school's psychologist, with the session's CSRF token
        Http.Response viaApi = psy.send("POST", api + "/schools/" + own + "/responses?questionnaire=example", "text/csv",
                "group_label,grade,dem1\r\n5А,5,4\r\n", "X-CSRF-Token", psy.csrf, "Accept", "application/json");
        assertThat(viaApi.status()).as(viaApi.body()).isEqualTo(200);
        assertThat(http.json(viaApi).get("stored").getIntValue()).isEqualTo(1);
        Http.Response badApi = psy.send("POST", api + "/schools/" + own + "/responses?questionnaire=example", "text/csv",
                "group_label,grade\r\n5А,99\r\n", "X-CSRF-Token", psy.csrf, "Accept", "application/json");
        assertThat(badApi.status()).isEqualTo(422);
        assertThat(badApi.body()).contains("row 2: grade");
    }

    @Test
    void aFileOverTheLimitGetsAClearPageNotAServerError() {
        answered();
        StaffAgent psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(own));
        String path = "/staff/waves/" + wave + "/schools/" + own + "/import";
        psy.get(path);
        String huge = "group_label,grade\r\n" + "5А,5\r\n".repeat(60_000);
        long before = db.responses();
        Http.Response r = psy.postWithCsrf(path, "questionnaire", "example", "csv", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("Слишком большой запрос");
        assertThat(db.responses()).isEqualTo(before);
        assertThat(huge.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(262_144);
    }
}
