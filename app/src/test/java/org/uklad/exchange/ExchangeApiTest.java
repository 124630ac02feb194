package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/** CSV export for R/SPSS/Excel and the all-or-nothing import of paper responses in the same layout. */
@MicronautTest(transactional = false)
class ExchangeApiTest extends AppTest {

    static final String[] ANSWERS = {
        "{\"grade\": 5, \"dem1\": 4, \"dem2\": 1, \"com1\": 4, \"com2\": 3, \"bullied\": \"never\", \"comment\": \"=HYPERLINK(\\\"x\\\")\"}",
        "{\"grade\": 6, \"dem1\": 3, \"dem2\": 2, \"com1\": 3, \"com2\": 3, \"bullied\": \"once\", \"bullied_where\": [\"corridor\", \"online\"]}",
        "{\"grade\": 7, \"dem1\": 2, \"dem2\": 3, \"com1\": 2, \"com2\": 4, \"comment\": \"Всё, \\\"хорошо\\\"\\nи ещё строка\"}",
        "{\"grade\": 8, \"dem1\": 4, \"dem2\": 2, \"com1\": 1, \"com2\": 2, \"bullied\": \"often\", \"bullied_where\": [\"prefer_not\"]}",
        "{\"grade\": 9, \"dem1\": 3, \"com1\": 4, \"com2\": 4, \"comment\": \"-1 балл\"}",
        "{\"grade\": 10, \"dem1\": 1, \"dem2\": 4, \"com1\": 2, \"com2\": 1, \"bullied\": \"never\"}",
        "{\"grade\": 11, \"dem1\": 2, \"dem2\": 2, \"com1\": 3, \"com2\": 2}",
        "{\"grade\": 7, \"dem1\": 3, \"dem2\": 3, \"com1\": 4, \"com2\": 3, \"bullied\": \"once\", \"bullied_where\": [\"classroom\"]}",
        "{\"grade\": 8, \"dem1\": 4, \"dem2\": 4, \"com1\": 3, \"com2\": 4, \"comment\": \"Спасибо\"}",
        "{\"grade\": 6, \"dem1\": 1, \"dem2\": 1, \"com1\": 1, \"com2\": 2, \"bullied\": \"often\", \"bullied_where\": [\"online\"]}",
    };

    Http.Response post(String path, String csv) {
        return http.send("POST", path, "text/csv", csv.getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    List<String> indicesOf(long wave, long school) {
        return indicesOf(http, wave, school);
    }

    /** The construct results of one school, without its id, for comparing two schools. */
    static List<String> indicesOf(Http http, long wave, long school) {
        JsonNode all = http.json(http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null));
        List<String> out = new ArrayList<>();
        for (JsonNode q : all.get("questionnaires").values()) {
            for (JsonNode c : q.get("constructs").values()) {
                for (JsonNode s : c.get("schools").values()) {
                    if (s.get("schoolId").getLongValue() == school) {
                        out.add(c.get("construct").getStringValue() + " " + http.toJson(s).replace("\"schoolId\":" + school + ",", ""));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void exportThenImportIntoAnotherSchoolGivesIdenticalIndices() {
        long schoolA = fixture.school("SHNRO");
        long schoolB = fixture.school("SHUVRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, schoolA, "example", "7Б", 1, 50).getFirst();
        for (String a : ANSWERS) {
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": " + a + "}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
        Http.Response export = http.admin("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example&schoolId=" + schoolA, null);
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).contains("attachment").contains(".csv");
        String csv = export.body();
        assertThat(csv).startsWith("\uFEFFwave_id,school_id,questionnaire,version,group_label,submitted_on,grade,dem1,dem2,com1,com2,bullied,bullied_where,comment\r\n");
        assertThat(csv.split("\r\n", -1)).hasSize(1 + 10 + 1); // header, ten rows, then the final CRLF
        assertThat(csv).contains("'=HYPERLINK(\"\"x\"\")").doesNotContain(",=HYPERLINK");
        assertThat(csv).contains("\"'-1 балл\"".replace("\"", "")).contains("corridor;online").contains("7Б");

        Http.Response codebook = http.admin("GET", "/api/v1/admin/waves/" + wave + "/codebook.csv?questionnaire=example", null);
        assertThat(codebook.body()).startsWith("\uFEFFitem_id,type,text_ru,text_en,construct,reverse,scale,values,required,show_if\r\n");
        assertThat(codebook.body()).contains("dem2,likert,").contains(",teacher_demandingness,1,agree4,")
                .contains("bullied in once;often").contains("1=Определённо нет / Strongly disagree");

        Http.Response imported = post("/api/v1/admin/waves/" + wave + "/schools/" + schoolB + "/responses?questionnaire=example", csv);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(http.json(imported).get("stored").getIntValue()).isEqualTo(10);
        assertThat(indicesOf(wave, schoolB)).isEqualTo(indicesOf(wave, schoolA)).isNotEmpty();
        assertThat(db.string("SELECT value_text FROM response_answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.school_id = ? AND a.item_id = 'comment' AND value_text LIKE '=%'", schoolB)).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(db.count("SELECT count(*) FROM response_answer a JOIN response r ON r.id = a.response_id WHERE r.school_id = ?", schoolB))
                .isEqualTo(db.count("SELECT count(*) FROM response_answer a JOIN response r ON r.id = a.response_id WHERE r.school_id = ?", schoolA));

        Http.Response again = post("/api/v1/admin/waves/" + wave + "/schools/" + schoolB + "/responses?questionnaire=example", csv);
        assertThat(http.json(again).get("stored").getIntValue()).isZero();
        assertThat(http.json(again).get("alreadyPresent").getIntValue()).isEqualTo(10);
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", schoolB)).isEqualTo(10);
    }

    /**
     * Issue #15's data loss: the same paper file posted to another school or wave stored nothing
     * ("already present") because its rows' keys named only the file and the row.
     */
    @Test
    void theSameFileImportedIntoTwoSchoolsAndTwoWavesIsStoredInEachPlaceOnce() {
        long schoolA = fixture.school("SHNRO");
        long schoolB = fixture.school("SHNRO");
        long waveOne = fixture.openWave("example");
        long waveTwo = fixture.openWave("example");
        String csv = "group_label,grade,dem1,dem2,com1,com2\r\n" + "7А,7,4,3,2,1\r\n".repeat(Fixture.K);
        for (long wave : new long[] {waveOne, waveTwo}) {
            for (long school : new long[] {schoolA, schoolB}) {
                String path = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example";
                Http.Response first = post(path, csv);
                assertThat(first.status()).as(first.body()).isEqualTo(200);
                assertThat(http.json(first).get("stored").getIntValue()).isEqualTo(Fixture.K);
                Http.Response again = post(path, csv);
                assertThat(http.json(again).get("stored").getIntValue()).isZero();
                assertThat(http.json(again).get("alreadyPresent").getIntValue()).isEqualTo(Fixture.K);
                assertThat(db.count("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ?", wave, school))
                        .isEqualTo(Fixture.K);
            }
        }
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id IN (?, ?)", schoolA, schoolB)).isEqualTo(4L * Fixture.K);
    }

    @Test
    void aFileWithBadRowsIsRefusedWholeWithEachRowAndColumnNamed() {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String csv = "group_label,grade,dem1,bullied,bullied_where\r\n"
                + "5А,5,4,never,\r\n"
                + "5А,99,4,never,\r\n"
                + "5А,6,4,sometimes,\r\n"
                + ",7,4,once,roof;online\r\n";
        long before = db.responses();
        Http.Response r = post("/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example", csv);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.contentType()).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        for (JsonNode e : http.json(r).get("errors").values()) {
            fields.add(e.get("field").getStringValue() + " " + e.get("code").getStringValue());
        }
        assertThat(fields).containsExactlyInAnyOrder("row 3: grade out-of-range", "row 4: bullied not-an-option",
                "row 5: group_label length", "row 5: bullied_where not-an-option");
        assertThat(db.responses()).isEqualTo(before);

        Http.Response unknownColumn = post("/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example",
                "group_label,grade,surname\r\n5А,5,Иванов\r\n");
        assertThat(unknownColumn.status()).isEqualTo(422);
        assertThat(unknownColumn.body()).contains("header: surname");
        assertThat(post("/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=teachers", "group_label\r\n").status())
                .isEqualTo(422);
        assertThat(db.responses()).isEqualTo(before);
    }
}
