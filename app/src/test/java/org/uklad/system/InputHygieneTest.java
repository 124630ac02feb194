package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * What comes in is what a careful clerk would have written down: names in one form, dates in
 * sane years, CSV and JSON read strictly. Each refusal names the field (or the line) and stores
 * nothing.
 */
@MicronautTest(transactional = false)
class InputHygieneTest extends AppTest {

    static final AtomicInteger COUNTER = new AtomicInteger();

    /** The first field error of a problem as "field code". */
    String firstError(Http.Response r) {
        JsonNode error = http.json(r).get("errors").values().iterator().next();
        return error.get("field").getStringValue() + " " + error.get("code").getStringValue();
    }

    Http.Response school(String name, String municipality) {
        return http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of("name", name, "municipality", municipality,
                "category", "OTHER")));
    }

    @Test
    void aNameIsStoredInOneFormAndItsInvisibleTwinIsRefused() {
        String municipality = "Район гигиены " + COUNTER.incrementAndGet();
        Http.Response first = school("  Школа  №\u00a01 ", municipality + " ");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(http.json(first).get("name").getStringValue()).isEqualTo("Школа № 1");
        assertThat(http.json(first).get("municipality").getStringValue()).isEqualTo(municipality);

        Http.Response twin = school("Школа № 1\u200b", municipality);
        assertThat(twin.status()).as(twin.body()).isEqualTo(422);
        assertThat(firstError(twin)).isEqualTo("name forbidden-character");
        assertThat(http.json(twin).get("errors").values().iterator().next().get("message").getStringValue()).contains("U+200B");
        assertThat(school("Школа № 1", municipality).status()).isEqualTo(409);
        assertThat(school("Школа\u2003№ 1", municipality).status()).isEqualTo(409);
        assertThat(school("Школа № 1", municipality + "\u202e").status()).isEqualTo(422);
        assertThat(db.count("SELECT count(*) FROM school WHERE municipality = ?", municipality)).isEqualTo(1);

        long wave = fixture.openWave("example");
        long school = http.json(first).get("id").getLongValue();
        Http.Response nul = http.admin("POST", "/api/v1/admin/waves/" + wave + "/access-codes", http.toJson(Map.of(
                "schoolId", school, "questionnaire", "example", "groupLabel", "7\u0000Б")));
        assertThat(nul.status()).as(nul.body()).isEqualTo(422);
        assertThat(firstError(nul)).isEqualTo("groupLabel forbidden-character");
        Http.Response renamed = http.admin("POST", "/api/v1/admin/municipalities/rename", http.toJson(Map.of(
                "from", municipality + "\u0000", "to", "Новый")));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(422);
        assertThat(firstError(renamed)).isEqualTo("from forbidden-character");
        Http.Response named = http.admin("POST", "/api/v1/admin/waves", http.toJson(Map.of("name", "Волна\u0000",
                "kind", "ENTRY", "opensAt", "2026-01-01T00:00:00Z", "closesAt", "2026-02-01T00:00:00Z",
                "questionnaires", List.of("example"))));
        assertThat(firstError(named)).isEqualTo("name forbidden-character");
        assertThat(db.count("SELECT count(*) FROM access_code WHERE school_id = ?", school)).isZero();
    }

    @Test
    void aWaveOutsideTheServiceYearsIsAFieldError() {
        long waves = db.count("SELECT count(*) FROM wave");
        for (String[] dates : List.of(new String[] {"-5000-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "opensAt"},
                new String[] {"2026-01-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "closesAt"},
                new String[] {"1999-12-31T23:59:59Z", "2026-02-01T00:00:00Z", "opensAt"},
                new String[] {"2026-01-01T00:00:00Z", "2101-01-01T00:00:00Z", "closesAt"})) {
            Http.Response r = http.admin("POST", "/api/v1/admin/waves", http.toJson(Map.of("name", "Волна", "kind", "ENTRY",
                    "opensAt", dates[0], "closesAt", dates[1], "questionnaires", List.of("example"))));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(firstError(r)).isEqualTo(dates[2] + " range");
        }
        long wave = fixture.openWave("example");
        String closes = db.string("SELECT closes_at::text FROM wave WHERE id = ?", wave);
        for (String moved : List.of("+1000000000-12-31T23:59:59Z", "-5000-01-01T00:00:00Z", "2101-01-01T00:00:00Z")) {
            Http.Response r = http.admin("PATCH", "/api/v1/admin/waves/" + wave, "{\"closesAt\": \"" + moved + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(firstError(r)).isEqualTo("closesAt range");
        }
        assertThat(db.string("SELECT closes_at::text FROM wave WHERE id = ?", wave)).isEqualTo(closes);
        assertThat(db.count("SELECT count(*) FROM wave")).isEqualTo(waves + 1);
    }

    Http.Response importCsv(long wave, long school, String csv) {
        return http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    @Test
    void aPaperFormIsDatedWithinItsWaveAndABrokenQuoteIsNamedByLine() {
        long school = fixture.school("OTHER");
        long wave = fixture.openWave("example");
        for (String day : List.of("1900-01-01", "2099-06-01", "-999999999-01-01", "+999999999-12-31",
                LocalDate.now().minusDays(3).toString(), LocalDate.now().plusDays(40).toString())) {
            Http.Response r = importCsv(wave, school, "group_label,submitted_on,grade\r\n7А," + LocalDate.now() + ",7\r\n7А,"
                    + day + ",7\r\n");
            assertThat(r.status()).as(day + ": " + r.body()).isEqualTo(422);
            assertThat(firstError(r)).as(day).isEqualTo("row 3: submitted_on range");
        }
        for (String csv : List.of("group_label,grade\r\n\"abc,7\r\n", "group_label,grade\r\n7А,7\r\n\"abc,7\r\n8Б,8\r\n",
                "group_label,grade\r\n\"7А\"x,7\r\n")) {
            Http.Response r = importCsv(wave, school, csv);
            assertThat(r.status()).as(csv + ": " + r.body()).isEqualTo(422);
            int line = csv.startsWith("group_label,grade\r\n7А") ? 3 : 2;
            assertThat(firstError(r)).as(csv).isEqualTo("line " + line + " csv-malformed-at");
        }
        Http.Response hidden = importCsv(wave, school, "group_label,grade\r\n7А\u200b,7\r\n");
        assertThat(firstError(hidden)).isEqualTo("row 2: group_label forbidden-character");
        assertThat(db.count("SELECT (SELECT count(*) FROM response WHERE school_id = ?) + (SELECT count(*) FROM response_held "
                + "WHERE school_id = ?)", school, school)).isZero();

        Http.Response ok = importCsv(wave, school, "group_label,submitted_on,grade\r\n 7А ," + LocalDate.now().minusDays(1)
                + ",7\r\n");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        // one row: held until its group has k, under the normalised label
        assertThat(db.string("SELECT group_label FROM response_held WHERE school_id = ?", school)).isEqualTo("7А");
    }

    Http.Response json(String path, byte[] body, String... headers) {
        return http.send("POST", path, "application/json", body, headers);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theJsonReaderIsStrictAndNamesThePlace() {
        String code = fixture.sharedExampleCode();
        String submit = "/api/v1/surveys/" + code + "/responses";
        long responses = db.count("SELECT count(*) FROM response");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"answers\": {\"grade\": 6}, \"answers\": {\"grade\": 7}}", "answers duplicate-key");
        cases.put("{\"answers\": {\"grade\": 6, \"grade\": 7}}", "answers.grade duplicate-key");
        cases.put("{\"answers\": {\"grade\": 6}} {\"answers\": {}}", "body trailing-content");
        cases.put("{\"answers\": {\"grade\": 6}}\n]", "body trailing-content");
        cases.put("{\"answers\": {\"grade\": 6, \"comment\": \"A\\ud800B\"}}", "answers.comment half-surrogate");
        cases.put("{\"answers\": {\"grade\": 6, \"comment\": \"A\\udc00\\ud800\"}}", "answers.comment half-surrogate");
        cases.put("{\"answers\": {\"grade\": 6,\n \"dem1\": 4,,}}", "body json-syntax");
        cases.forEach((body, expected) -> {
            Http.Response r = json(submit, utf8(body), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(r.status()).as(body + ": " + r.body()).isEqualTo(400);
            assertThat(firstError(r)).as(body).isEqualTo(expected);
        });
        Http.Response trailing = json(submit, utf8("{\"answers\": {\"grade\": 6}} x"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(http.json(trailing).get("errors").values().iterator().next().get("message").getStringValue()).matches("(?s).*\\b1\\b.*\\b2[78]\\b.*");
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                java.nio.charset.Charset.forName("UTF-32"))) {
            Http.Response r = json(submit, "{\"answers\": {\"grade\": 6}}".getBytes(charset), "Idempotency-Key",
                    UUID.randomUUID().toString());
            assertThat(r.status()).as(charset + ": " + r.body()).isEqualTo(400);
            assertThat(firstError(r)).as(charset.name()).isEqualTo("body not-utf8");
        }
        assertThat(db.count("SELECT count(*) FROM response")).isEqualTo(responses);
        // a byte-order mark before UTF-8 JSON may be ignored (RFC 8259), and is
        Http.Response marked = json(submit, utf8("\uFEFF{\"answers\": {\"grade\": 6}}"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(marked.status()).as(marked.body()).isEqualTo(201);

        // the same reader serves the administration API; a whole surrogate pair is one character
        String municipality = "Район JSON " + COUNTER.incrementAndGet();
        Http.Response half = http.admin("POST", "/api/v1/admin/schools", "{\"name\": \"A\\ud800B\", \"municipality\": \""
                + municipality + "\", \"category\": \"OTHER\"}");
        assertThat(firstError(half)).isEqualTo("name half-surrogate");
        Http.Response twice = http.admin("POST", "/api/v1/admin/schools", "{\"name\": \"A\", \"municipality\": \""
                + municipality + "\", \"category\": \"OTHER\", \"name\": \"B\"}");
        assertThat(firstError(twice)).isEqualTo("name duplicate-key");
        Http.Response pair = http.admin("POST", "/api/v1/admin/schools", "{\"name\": \"Лицей \\ud83c\\udf93\", \"municipality\": \""
                + municipality + "\", \"category\": \"OTHER\"}");
        assertThat(pair.status()).as(pair.body()).isEqualTo(201);
        assertThat(db.string("SELECT name FROM school WHERE municipality = ?", municipality)).isEqualTo("Лицей 🎓");
    }

    @Test
    void aLoginNoAccountCanHaveIsAFailedSignInNotAnError() {
        for (String login : List.of("adm\u0000in", "admin\u200b", "\u202eadmin", "a".repeat(65))) {
            Http.Response r = new org.uklad.account.StaffAgent(http).signIn(login, "whatever password");
            assertThat(r.status()).as(r.body()).isEqualTo(401);
        }
    }

    @Test
    void aQuestionnaireTextWithAControlCharacterIsAProblemOfItsLine() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("../questionnaires/instruments/example.yaml"))
                .replace("key: example", "key: control" + COUNTER.incrementAndGet())
                .replace("\"Пример анкеты для учащихся\"", "\"Пример\\0 анкеты\"");
        long versions = db.count("SELECT count(*) FROM questionnaire_version");
        Http.Response r = http.send("POST", "/api/v1/admin/questionnaires?name=control.yaml", "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(firstError(r)).startsWith("control.yaml:6 ");
        assertThat(r.body()).contains("U+0000");
        assertThat(db.count("SELECT count(*) FROM questionnaire_version")).isEqualTo(versions);
    }
}
