package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The paper import reads what researchers' tools write, each checked by importing the same ten
 * answers into another school and comparing the indices with the school they came from: a file
 * written by R's {@code write.csv} (NA for no answer, upper-case item ids, no group_label column:
 * the group is chosen in the request), and the file a Russian Excel saves as "CSV" (semicolons,
 * Windows-1251, whole numbers with a decimal comma). A wrong encoding name is refused whole.
 */
@MicronautTest(transactional = false)
class ForeignFilesImportTest extends AppTest {

    @TempDir
    Path dir;

    long wave;
    long schoolA;

    String answered() {
        schoolA = fixture.school("SHNRO");
        wave = fixture.openWave("example");
        String code = fixture.codes(wave, schoolA, "example", "7Б", 1, 50).getFirst();
        for (String a : ExchangeApiTest.ANSWERS) {
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": " + a + "}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
        return http.admin("GET", "/api/v1/admin/waves/" + wave + "/responses.csv?questionnaire=example&schoolId=" + schoolA, null).body();
    }

    Http.Response importInto(long school, String query, byte[] body) {
        return http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example" + query,
                "text/csv", body, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    @Test
    void aFileWrittenByRsWriteCsvImportsWithTheGroupChosenInTheRequest() throws Exception {
        String csv = answered();
        Files.writeString(dir.resolve("export.csv"), csv);
        // what a researcher does: read the export, upper-case the item ids, drop the group, write it back
        Files.writeString(dir.resolve("rewrite.R"), """
                d <- read.csv("export.csv", fileEncoding = "UTF-8-BOM", na.strings = "", stringsAsFactors = FALSE)
                d$group_label <- NULL
                d$comment <- NULL
                names(d)[6:ncol(d)] <- toupper(names(d)[6:ncol(d)])
                write.csv(d, "from-r.csv", row.names = FALSE, fileEncoding = "UTF-8")
                """);
        Process r = new ProcessBuilder("Rscript", "rewrite.R").directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(r.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(r.exitValue()).as(new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        byte[] fromR = Files.readAllBytes(dir.resolve("from-r.csv"));
        assertThat(new String(fromR, StandardCharsets.UTF_8)).contains("\"DEM1\"").contains("NA").doesNotContain("group_label");

        long schoolB = fixture.school("SHUVRO");
        assertThat(importInto(schoolB, "", fromR).status()).as("no group_label and none chosen").isEqualTo(422);
        Http.Response imported = importInto(schoolB, "&groupLabel=7%D0%91", fromR);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(http.json(imported).get("stored").getIntValue()).isEqualTo(10);
        assertThat(ExchangeApiTest.indicesOf(http, wave, schoolB)).isEqualTo(ExchangeApiTest.indicesOf(http, wave, schoolA)).isNotEmpty();
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ? AND group_label = '7Б'", schoolB)).isEqualTo(10);
    }

    @Test
    void aRussianExcelCsvImports() {
        String csv = answered();
        // Excel in a Russian Windows: semicolons, Windows-1251, numbers shown with a decimal comma
        StringBuilder excel = new StringBuilder();
        for (String line : csv.substring(1).split("\r\n")) {
            List<String> cells = new java.util.ArrayList<>();
            for (org.apache.commons.csv.CSVRecord rec : parse(line)) {
                for (String c : rec) {
                    cells.add(c.matches("[1-4]") ? c + ",0" : c.contains(";") || c.contains("\"") || c.contains("\n")
                            ? "\"" + c.replace("\"", "\"\"") + "\"" : c);
                }
            }
            excel.append(String.join(";", cells)).append("\r\n");
        }
        byte[] body = excel.toString().getBytes(Charset.forName("windows-1251"));
        long schoolB = fixture.school("SHUVRO");
        Http.Response imported = importInto(schoolB, "", body);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(http.json(imported).get("stored").getIntValue()).isEqualTo(10);
        assertThat(ExchangeApiTest.indicesOf(http, wave, schoolB)).isEqualTo(ExchangeApiTest.indicesOf(http, wave, schoolA)).isNotEmpty();
        assertThat(db.string("SELECT value_text FROM response_answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.school_id = ? AND a.item_id = 'comment' AND value_text LIKE 'Спасибо%'", schoolB)).isEqualTo("Спасибо");

        long before = db.responses();
        Http.Response wrong = importInto(fixture.school("OTHER"), "&encoding=koi8-r", body);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("\"encoding\"");
        assertThat(importInto(fixture.school("OTHER"), "&encoding=utf-8", body).status()).as("cp1251 bytes are not UTF-8").isEqualTo(422);
        assertThat(db.responses()).isEqualTo(before);
    }

    private static Iterable<org.apache.commons.csv.CSVRecord> parse(String line) {
        try {
            return org.apache.commons.csv.CSVParser.parse(line, org.apache.commons.csv.CSVFormat.RFC4180).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
