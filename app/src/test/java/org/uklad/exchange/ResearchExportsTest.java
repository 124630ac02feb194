package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * A researcher's round trips through the administration API: the workbook of a school's
 * responses imports into another school with identical indices; the SPSS syntax and the R script
 * read the real CSV download in GNU PSPP and R; a file that is not a workbook is refused whole.
 */
@MicronautTest(transactional = false)
class ResearchExportsTest extends AppTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @TempDir
    Path dir;

    long wave;
    long schoolA;
    long schoolB;

    void answered() {
        schoolA = fixture.school("SHNRO");
        schoolB = fixture.school("SHUVRO");
        wave = fixture.openWave("example");
        String code = fixture.codes(wave, schoolA, "example", "7Б", 1, 50).getFirst();
        for (String a : ExchangeApiTest.ANSWERS) {
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": " + a + "}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
    }

    Http.Download adminDownload(String path) {
        return http.download(path, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
    }

    @Test
    void theWorkbookImportsIntoAnotherSchoolWithIdenticalIndices() throws Exception {
        answered();
        Http.Download book = adminDownload("/api/v1/admin/waves/" + wave + "/responses.xlsx?questionnaire=example&schoolId=" + schoolA);
        assertThat(book.status()).isEqualTo(200);
        assertThat(book.contentType()).startsWith(XLSX);
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(book.body()))) {
            assertThat(read.getSheetAt(0).getSheetName()).isEqualTo("данные");
            assertThat(read.getSheet("подписи").getRow(0).getCell(7).getStringCellValue()).isNotBlank();
            assertThat(read.getSheet("кодификатор").getLastRowNum()).isPositive();
            assertThat(read.getSheetAt(0).getLastRowNum()).isEqualTo(10);
        }
        Http.Response imported = http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + schoolB + "/responses?questionnaire=example",
                XLSX, book.body(), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(http.json(imported).get("stored").getIntValue()).isEqualTo(10);
        assertThat(ExchangeApiTest.indicesOf(http, wave, schoolB)).isEqualTo(ExchangeApiTest.indicesOf(http, wave, schoolA)).isNotEmpty();
        assertThat(db.string("SELECT value_text FROM response_answer a JOIN response r ON r.id = a.response_id "
                + "WHERE r.school_id = ? AND a.item_id = 'comment' AND value_text LIKE '=%'", schoolB)).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'RESPONSES_EXPORTED' AND target LIKE ?",
                "%school " + schoolA)).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotAWorkbookIsRefusedAndNothingIsStored() throws Exception {
        answered();
        long before = db.responses();
        Http.Response refused = http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + schoolB + "/responses?questionnaire=example",
                XLSX, "group_label,grade\r\n5А,5\r\n".getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"file\"").contains("wrong-type");
        // a ZIP that is not a workbook, and a workbook cut short: the sender's mistake, never a 5xx
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        byte[] book = adminDownload("/api/v1/admin/waves/" + wave + "/responses.xlsx?questionnaire=example&schoolId=" + schoolA).body();
        for (byte[] damaged : List.of(zip.toByteArray(), java.util.Arrays.copyOf(book, book.length / 2))) {
            Http.Response r = http.send("POST", "/api/v1/admin/waves/" + wave + "/schools/" + schoolB + "/responses?questionnaire=example",
                    XLSX, damaged, "Authorization", "Bearer " + Http.ADMIN_TOKEN);
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).contains("wrong-type");
        }
        assertThat(db.responses()).isEqualTo(before);
    }

    private String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void psppAndRReadTheRealDownload() throws Exception {
        answered();
        String base = "/api/v1/admin/waves/" + wave + "/responses";
        String query = "?questionnaire=example&schoolId=" + schoolA;
        Http.Response csv = http.admin("GET", base + ".csv" + query, null);
        String csvName = "wave-" + wave + "-school-" + schoolA + "-example-v1.csv";
        assertThat(csv.header("Content-Disposition")).contains(csvName);
        Files.writeString(dir.resolve(csvName), csv.body());

        Http.Response sps = http.admin("GET", base + ".sps" + query + "&lang=en", null);
        assertThat(sps.status()).isEqualTo(200);
        assertThat(sps.header("Content-Disposition")).contains(".sps");
        Files.writeString(dir.resolve("read.sps"), sps.body() + "FREQUENCIES dem1 bullied.\nLIST.\n");
        Files.delete(dir.resolve(csvName)); // the syntax file is the whole data set
        run(List.of("pspp", "-o", "out.csv", "read.sps"));
        String listing = Files.readString(dir.resolve("out.csv"));
        assertThat(listing).doesNotContainIgnoringCase("warning").doesNotContainIgnoringCase("error")
                .contains("Strongly disagree").contains("=HYPERLINK(\"\"x\"\")").contains("-1 балл").contains("bullied_where_online")
                .contains("Всё, \"\"хорошо\"\" и ещё строка"); // a two-line answer stays one case
        Files.writeString(dir.resolve(csvName), csv.body());

        Http.Response r = http.admin("GET", base + ".R" + query, null);
        assertThat(r.status()).isEqualTo(200);
        Files.writeString(dir.resolve("read.R"), r.body()
                + "stopifnot(nrow(d) == 10, sum(d$bullied_where_online, na.rm = TRUE) == 2, sum(!is.na(d$bullied_where_online)) == 4)\n"
                + "stopifnot(any(d$comment == \"=HYPERLINK(\\\"x\\\")\", na.rm = TRUE), is.factor(d$bullied))\n"
                + "cat(levels(d$bullied), sep = \"\\n\")\n");
        String out = run(List.of("Rscript", "read.R"));
        assertThat(out).contains("Нет");
    }
}
