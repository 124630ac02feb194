package org.uklad.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The streamed import of a region's file (issue #23): the API with a raw body (answered at once
 * for a small file, as a job with 202 for a large one), multipart through the API and the staff
 * page (CSRF checked on the form's first part), all or nothing for a bad row near the end, the
 * problems capped with a count, and the 256 KB limit kept for every other route.
 */
@MicronautTest(transactional = false)
public class StreamedImportTest extends AppTest {

    @Inject Accounts accounts;

    long school;
    long wave;
    StaffAgent psy;

    @BeforeEach
    void setUp() {
        school = fixture.school("SHNRO");
        wave = fixture.openWave("example");
        psy = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(school));
    }

    /** {@code n} rows over ten classes; row {@code bad} of the file (the header is row 1) has a grade off the scale. */
    static String rows(int n, int bad) {
        StringBuilder csv = new StringBuilder("group_label,grade,dem1\r\n");
        for (int i = 0; i < n; i++) {
            int row = i + 2;
            csv.append(5 + i % 5).append(i % 2 == 0 ? "А" : "Б").append(',').append(row == bad ? 99 : 5 + i % 7)
                    .append(',').append(1 + i % 4).append("\r\n");
        }
        return csv.toString();
    }

    String responses() {
        return "/api/v1/staff/waves/" + wave + "/schools/" + school + "/responses?questionnaire=example";
    }

    long kept() {
        return db.count("SELECT (SELECT count(*) FROM response_held WHERE school_id = ?) + (SELECT count(*) FROM response WHERE school_id = ?)",
                school, school);
    }

    Http.Response post(String body, String... headers) {
        List<String> all = new java.util.ArrayList<>(List.of("X-CSRF-Token", psy.csrf, "Accept", "application/json"));
        all.addAll(List.of(headers));
        return psy.send("POST", responses(), "text/csv", body, all.toArray(String[]::new));
    }

    /** Polls a job's status until it is finished (at most a minute). */
    public static JsonNode awaitJob(Http http, StaffAgent agent, String location) {
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            Http.Response r = agent.getJson(location);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode status = http.json(r);
            if (status.get("finished").getBooleanValue() || System.currentTimeMillis() > until) {
                return status;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aSmallFileIsImportedWhileTheClientWaitsAndOnceOnly() {
        String csv = rows(2_000, -1);
        Http.Response r = post(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(http.json(r).get("stored").getIntValue()).isEqualTo(2_000);
        assertThat(kept()).isEqualTo(2_000);
        Http.Response again = post(csv);
        assertThat(http.json(again).get("alreadyPresent").getIntValue()).isEqualTo(2_000);
        assertThat(kept()).isEqualTo(2_000);
    }

    @Test
    void aLargeFileAnswers202AndItsJobStoresEveryRow() {
        String csv = rows(32_000, -1);
        assertThat(csv.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(262_144); // over the limit of every other route
        Http.Response r = post(csv);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String location = r.header("Location");
        assertThat(location).startsWith("/api/v1/staff/waves/" + wave + "/schools/" + school + "/imports/");
        JsonNode status = awaitJob(http, psy, location);
        assertThat(status.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(status.get("percent").getIntValue()).isEqualTo(100);
        assertThat(status.get("rowsTotal").getIntValue()).isEqualTo(32_000);
        assertThat(status.get("stored").getIntValue()).isEqualTo(32_000);
        assertThat(kept()).isEqualTo(32_000);
        // ten classes of 3,200: every group is published like online answers
        assertThat(db.count("SELECT count(*) FROM response WHERE school_id = ?", school)).isEqualTo(32_000);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'RESPONSES_IMPORTED' AND target = ?",
                "wave " + wave + ", school " + school)).isEqualTo(1);
    }

    @Test
    void aBadRowNearTheEndStoresNothing() {
        long keys = db.count("SELECT count(*) FROM submission_key");
        String csv = rows(5_000, 4_999);
        Http.Response job = post(csv, "Prefer", "respond-async");
        assertThat(job.status()).as(job.body()).isEqualTo(202);
        JsonNode status = awaitJob(http, psy, job.header("Location"));
        assertThat(status.get("state").getStringValue()).isEqualTo("REFUSED");
        assertThat(status.get("errorCount").getIntValue()).isEqualTo(1);
        assertThat(status.get("errors").get(0).get("field").getStringValue()).isEqualTo("row 4999: grade");
        Http.Response waited = post(csv);
        assertThat(waited.status()).isEqualTo(422);
        assertThat(waited.body()).contains("row 4999: grade").doesNotContain("row 4998");
        assertThat(kept()).isZero();
        assertThat(db.count("SELECT count(*) FROM submission_key")).isEqualTo(keys);
    }

    @Test
    void manyProblemsAreListedUpToAHundredWithHowManyMore() {
        StringBuilder csv = new StringBuilder("group_label,grade\r\n");
        for (int i = 0; i < 300; i++) {
            csv.append("5А,99\r\n");
        }
        Http.Response r = post(csv.toString());
        assertThat(r.status()).isEqualTo(422);
        JsonNode errors = http.json(r).get("errors");
        assertThat(errors.size()).isEqualTo(101);
        assertThat(errors.get(99).get("field").getStringValue()).isEqualTo("row 101: grade");
        assertThat(errors.get(100).get("code").getStringValue()).isEqualTo("more-problems");
        assertThat(r.body()).contains("200");
        assertThat(kept()).isZero();
    }

    @Test
    void aWindows1251FileWithSemicolonsStreamsAsItIs() {
        String csv = "GROUP_LABEL;GRADE;DEM1\r\n7Б;5;4,0\r\n7Б;6;NA\r\n";
        List<String> cookies = psy.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        Http.Response r = http.send("POST", responses(), "text/csv", csv.getBytes(Charset.forName("windows-1251")),
                "Cookie", String.join("; ", cookies), "X-CSRF-Token", psy.csrf, "Accept", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM response_held WHERE school_id = ? AND group_label = '7Б'", school)).isEqualTo(2);
    }

    static String multipart(String boundary, String csrf, String questionnaire, String fileName, String file) {
        StringBuilder b = new StringBuilder();
        if (csrf != null) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csrfToken\"\r\n\r\n").append(csrf).append("\r\n");
        }
        if (questionnaire != null) {
            b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"questionnaire\"\r\n\r\n")
                    .append(questionnaire).append("\r\n");
        }
        return b.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: text/csv\r\n\r\n").append(file).append("\r\n--")
                .append(boundary).append("--\r\n").toString();
    }

    @Test
    void theApiTakesAMultipartFileToo() {
        Http.Response r = psy.send("POST", responses(), "multipart/form-data; boundary=b0undary",
                multipart("b0undary", null, null, "paper.csv", rows(300, -1)), "X-CSRF-Token", psy.csrf, "Accept", "application/json");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(http.json(r).get("stored").getIntValue()).isEqualTo(300);
    }

    @Test
    void thePageSendsTheFileAsMultipartWithItsTokenAndShowsTheJob() {
        String page = "/staff/waves/" + wave + "/schools/" + school + "/import";
        assertThat(psy.get(page).body()).contains("enctype=\"multipart/form-data\"").contains("id=\"csv-file\"")
                .contains("name=\"file\"");
        String upload = "/staff/waves/" + wave + "/schools/" + school + "/imports";
        String type = "multipart/form-data; boundary=XyZ";

        // without the session's token (a forged form) nothing is read, nothing stored
        Http.Response forged = psy.send("POST", upload, type, multipart("XyZ", "not-the-token", "example", "a.csv", rows(10, -1)),
                "Accept", StaffAgent.HTML);
        assertThat(forged.status()).isEqualTo(403);
        Http.Response none = psy.send("POST", upload, type, multipart("XyZ", null, "example", "a.csv", rows(10, -1)),
                "Accept", StaffAgent.HTML);
        assertThat(none.status()).isEqualTo(403);
        assertThat(kept()).isZero();

        // a questionnaire not in the wave: the form again with the reason
        Http.Response wrong = psy.send("POST", upload, type, multipart("XyZ", psy.csrf, "teachers", "a.csv", rows(10, -1)),
                "Accept", StaffAgent.HTML);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.body()).contains("id=\"import-problems\"").contains("«teachers»");

        Http.Response sent = psy.send("POST", upload, type, multipart("XyZ", psy.csrf, "example", "a.csv", rows(3_000, -1)),
                "Accept", StaffAgent.HTML);
        assertThat(sent.status()).as(sent.body()).isEqualTo(303);
        String jobPage = sent.header("Location");
        assertThat(jobPage).startsWith(upload + "/");
        String id = jobPage.substring(jobPage.lastIndexOf('/') + 1);
        awaitJob(http, psy, "/api/v1" + jobPage);
        Http.Response result = psy.get(jobPage);
        assertThat(result.body()).contains("id=\"import-job-progress\"").contains("value=\"100\"")
                .contains("id=\"import-result\"").contains("сохранено анкет: 3000");
        assertThat(kept()).isEqualTo(3_000);

        // another school's psychologist learns nothing of the job
        long other = fixture.school("OTHER");
        StaffAgent stranger = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(other));
        assertThat(stranger.get(jobPage).status()).isEqualTo(403);
        assertThat(stranger.getJson("/api/v1/staff/waves/" + wave + "/schools/" + other + "/imports/" + id).status()).isEqualTo(404);
    }

    @Test
    void everyOtherRouteKeepsTheSmallLimit() {
        String code = fixture.codes(wave, school, "example", "7Б", 1, 5).getFirst();
        String huge = "{\"answers\": {\"comment\": \"" + "я".repeat(200_000) + "\"}}";
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", huge, "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(r.status()).isEqualTo(413);
        Http.Response form = psy.postWithCsrf("/staff/account/tokens", "name", "я".repeat(150_000), "validity", "30");
        assertThat(form.status()).isEqualTo(413);
    }
}
