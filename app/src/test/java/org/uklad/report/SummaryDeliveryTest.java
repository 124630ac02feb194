package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The school summary delivered by role (dashboard link, staff page and API addresses), its
 * focus-group section read back from the PDF, and the batch ZIP of a wave made by the background
 * worker, through HTTP with real sessions, a real database and real PDFs.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryDeliveryTest extends AppTest {

    static final String PASSWORD = "summary delivery secret";
    static final AtomicInteger COUNTER = new AtomicInteger();
    static final String SCRIPT_QUOTE = "<script>alert(1)</script> домашние задания никто не проверяет";
    static final String PLAIN_EXCERPT = "Учитель объясняет правила в начале урока";

    @Inject Accounts accounts;
    @Inject SummaryBatchWorker worker;

    long wave;
    long supported;
    long mentor;
    long small;
    String supportedName;
    String mentorName;
    String smallName;
    String director;
    String psychologist;
    String admin;

    @BeforeAll
    void setUp() {
        int tag = new Random().nextInt(1_000_000);
        supportedName = "Школа № " + tag + " «Берёзка»";
        mentorName = "Гимназия № " + tag;
        smallName = "Малокомплектная школа № " + tag;
        supported = school(supportedName, "SHNRO");
        mentor = school(mentorName, "SHUVRO");
        small = school(smallName, "SHRSSU");
        Http.Response pair = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported)));
        assertThat(pair.status()).as(pair.body()).isEqualTo(201);
        wave = fixture.openWave("example");
        // the supported school's students rate demandingness at the top of the scale (score 100)
        example(supported, SchoolSummaryTest.MENTOR);
        example(mentor, SchoolSummaryTest.SEVEN);
        example(small, SchoolSummaryTest.THREE);
        director = account(Role.DIRECTOR, List.of(supported));
        psychologist = account(Role.PSYCHOLOGIST, List.of(supported));
        admin = account(Role.ADMIN, List.of());

        // focus groups: students of the supported school speak of demandingness negatively
        StaffAgent p = as(psychologist);
        long session = session(p, supported);
        excerpt(p, session, SCRIPT_QUOTE, "teacher_demandingness", "NEGATIVE", true);
        excerpt(p, session, PLAIN_EXCERPT, "teacher_demandingness", "NEGATIVE", false);
        excerpt(p, session, "В школе спокойно", "comfort", "POSITIVE", true);
        // and of the small school (3 respondents: its survey figures are suppressed)
        StaffAgent a = as(admin);
        long smallSession = session(a, small);
        excerpt(a, smallSession, "Учителя строгие", "teacher_demandingness", "POSITIVE", true);
    }

    long school(String name, String category) {
        Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                "name", name, "municipality", "Тестовый район", "category", category)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return http.json(r).get("id").getLongValue();
    }

    void example(long school, Integer[][] rows) {
        fixture.exampleAnswers(wave, school, rows);
    }

    String account(Role role, List<Long> schools) {
        String login = "summary" + COUNTER.incrementAndGet() + "x" + new Random().nextInt(1_000_000);
        accounts.create(login, "Анна Петрова", role, schools, PASSWORD, false);
        return login;
    }

    StaffAgent as(String login) {
        return new StaffAgent(http).signedIn(login, PASSWORD);
    }

    long session(StaffAgent a, long school) {
        a.get("/staff/focus-groups/new?school=" + school + "&wave=" + wave);
        Http.Response r = a.postWithCsrf("/staff/focus-groups", "school", "" + school, "wave", "" + wave,
                "audience", "STUDENT", "heldOn", "2026-10-01", "moderator", "Мария Иванова", "guide", "focus-students",
                "pRole", "STUDENT", "pGrade", "7", "pCount", "6");
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/staff/focus-groups/(\\d+)").matcher(r.header("Location"));
        assertThat(m.matches()).isTrue();
        return Long.parseLong(m.group(1));
    }

    void excerpt(StaffAgent a, long session, String text, String code, String sentiment, boolean quote) {
        a.get("/staff/focus-groups/" + session);
        Http.Response r = quote
                ? a.postWithCsrf("/staff/focus-groups/" + session + "/excerpts", "questionId", "s_dem1", "text", text,
                        "code", code, "sentiment", sentiment, "tags", "", "representative", "1")
                : a.postWithCsrf("/staff/focus-groups/" + session + "/excerpts", "questionId", "s_dem1", "text", text,
                        "code", code, "sentiment", sentiment, "tags", "");
        assertThat(r.status()).as(r.body()).isEqualTo(303);
    }

    /** A GET with the agent's cookies, body as bytes (a PDF or ZIP must not be read as text). */
    HttpResponse<byte[]> download(StaffAgent agent, String path) {
        return download(server.getURI(), agent, path);
    }

    static HttpResponse<byte[]> download(java.net.URI base, StaffAgent agent, String path) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
            if (!agent.cookies.isEmpty()) {
                b.header("Cookie", String.join("; ",
                        agent.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                    .send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A JSON null, or a field left out. */
    static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }

    String pdfPath(long school, String lang) {
        return "/staff/waves/" + wave + "/schools/" + school + "/summary.pdf?lang=" + lang;
    }

    String apiPath(long school) {
        return "/api/v1/staff/waves/" + wave + "/schools/" + school + "/summary.pdf";
    }

    // ---- delivery by role ---------------------------------------------------------------------

    @Test
    void aDirectorDownloadsTheOwnSchoolOnlyNotThePartnerNorAnotherSchool() {
        StaffAgent d = as(director);
        HttpResponse<byte[]> own = download(d, pdfPath(supported, "ru"));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(SchoolSummaryTest.text(own.body())).contains(supportedName);
        assertThat(download(d, apiPath(supported)).statusCode()).isEqualTo(200);

        // the partner is readable on the dashboard, but its summary is not the director's
        assertThat(download(d, pdfPath(mentor, "ru")).statusCode()).isEqualTo(403);
        assertThat(download(d, apiPath(mentor)).statusCode()).isEqualTo(403);
        assertThat(download(d, pdfPath(small, "ru")).statusCode()).isEqualTo(403);
        assertThat(download(d, apiPath(small)).statusCode()).isEqualTo(403);
        // scope before existence: an unknown school is 403 too, an unknown wave of the own school 404
        assertThat(download(d, "/staff/waves/" + wave + "/schools/999999999/summary.pdf").statusCode()).isEqualTo(403);
        assertThat(download(d, "/staff/waves/999999999/schools/" + supported + "/summary.pdf").statusCode()).isEqualTo(404);

        // the dashboard offers the download for the own school, not on the partner's dashboard
        Http.Response ownBoard = d.get("/staff/waves/" + wave + "/schools/" + supported + "/dashboard");
        assertThat(ownBoard.status()).isEqualTo(200);
        assertThat(ownBoard.body()).contains("id=\"summary-pdf-ru\"", "href=\"" + pdfPath(supported, "ru") + "\"",
                "href=\"" + pdfPath(supported, "en") + "\"");
        Http.Response partnerBoard = d.get("/staff/waves/" + wave + "/schools/" + mentor + "/dashboard");
        assertThat(partnerBoard.status()).isEqualTo(200);
        assertThat(partnerBoard.body()).doesNotContain("summary-pdf");
    }

    @Test
    void aPsychologistDownloadsTheAssignedSchoolsAndAnAdministratorAny() {
        StaffAgent p = as(psychologist);
        assertThat(download(p, pdfPath(supported, "en")).statusCode()).isEqualTo(200);
        assertThat(download(p, apiPath(mentor)).statusCode()).isEqualTo(403);
        assertThat(download(p, pdfPath(small, "ru")).statusCode()).isEqualTo(403);

        StaffAgent a = as(admin);
        for (long school : List.of(supported, mentor, small)) {
            HttpResponse<byte[]> r = download(a, apiPath(school));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(download(a, pdfPath(small, "ru")).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutSignInThePageGoesToTheSignInFormAndTheApiAnswers401() {
        StaffAgent nobody = new StaffAgent(http);
        HttpResponse<byte[]> page = download(nobody, pdfPath(supported, "ru"));
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location").orElse("")).startsWith("/staff/login");
        assertThat(download(nobody, apiPath(supported)).statusCode()).isEqualTo(401);
    }

    @Test
    void eachDownloadIsAuditLoggedAndNamedInAsciiAndUtf8() {
        StaffAgent d = as(director);
        long before = db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND actor LIKE ?",
                director + " (#%");
        HttpResponse<byte[]> r = download(d, pdfPath(supported, "en"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND actor LIKE ?"
                + " AND target = ? AND detail = 'school summary, en'", director + " (#%",
                "wave " + wave + ", school " + supported)).isEqualTo(before + 1);
        String ascii = "uklad-summary-wave-" + wave + "-school-" + supported + "-en.pdf";
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        assertThat(disposition).startsWith("attachment; filename=\"" + ascii + "\"; filename*=UTF-8''")
                .contains(URLEncoder.encode(supportedName, StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(r.headers().firstValue("Cache-Control").orElse("")).isEqualTo("no-store");
        // a refused download is not logged as one
        long after = db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED'");
        assertThat(download(d, pdfPath(mentor, "ru")).statusCode()).isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED'")).isEqualTo(after);
    }

    // ---- the focus-group section ----------------------------------------------------------------

    JsonNode focusSummary(StaffAgent agent, long school, String lang) {
        Http.Response r = agent.getJson("/api/v1/staff/focus-groups/summary?school=" + school + "&wave=" + wave
                + "&lang=" + lang);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return http.json(r);
    }

    /** The PDF's text with every run of white space (line breaks of the layout) made one space. */
    static String flat(byte[] pdf) {
        return SchoolSummaryTest.text(pdf).replaceAll("\\s+", " ");
    }

    @Test
    void theFocusGroupSectionPrintsQuotesAsTextAndTheDisagreementOfTheSummaryRule() {
        StaffAgent a = as(admin);
        String text = flat(download(a, pdfPath(supported, "ru")).body());
        assertThat(text).contains("Фокус-группы", "Группы (учащиеся): 1; участников: 6");
        // the quote is printed as the characters typed, markup and all; the unmarked excerpt is not printed
        assertThat(text).contains("«" + SCRIPT_QUOTE + "»", "«В школе спокойно»").doesNotContain(PLAIN_EXCERPT);

        // every triangulation row of the focus-group summary, with its figures and verdict
        JsonNode summary = focusSummary(a, supported, "ru");
        JsonNode rows = summary.get("triangulation");
        assertThat(rows.size()).isEqualTo(2);
        boolean flagged = false;
        for (JsonNode row : rows.values()) {
            assertThat(text).contains(row.get("label").getStringValue());
            double balance = row.get("balance").getDoubleValue();
            assertThat(text).contains((balance > 0 ? "+" : "") + SchoolSummaryTest.fmt(balance, 2, true));
            if (row.get("agreement").getStringValue().equals("DISAGREE")) {
                flagged = true;
                double score = row.get("surveyScore").getDoubleValue();
                assertThat(text).contains("В фокус-группах (учащиеся) о теме «" + row.get("label").getStringValue()
                        + "» говорят в основном негативно, а балл опроса высокий ("
                        + SchoolSummaryTest.fmt(score, 1, true) + ")");
            }
        }
        assertThat(flagged).as("the supported school's demandingness: balance -1, score 100").isTrue();
        assertThat(text).contains("расхождение: проверить");
        for (JsonNode code : summary.get("byCode").values()) {
            assertThat(text).contains(code.get("label").getStringValue());
        }

        String english = flat(download(a, pdfPath(supported, "en")).body());
        assertThat(english).contains("Focus groups", "disagree: check", "«" + SCRIPT_QUOTE + "»");
    }

    @Test
    void aSurveyFigureUnderTheThresholdIsNotComparedAndNotPrinted() {
        StaffAgent a = as(admin);
        JsonNode summary = focusSummary(a, small, "ru");
        JsonNode row = summary.get("triangulation").values().iterator().next();
        assertThat(absent(row.get("surveyScore"))).isTrue();
        assertThat(row.get("agreement").getStringValue()).isEqualTo("NO_SURVEY");
        String text = flat(download(a, pdfPath(small, "ru")).body());
        assertThat(text).contains("«Учителя строгие»", "нет данных анкетирования", "не с чем сравнить",
                "Там, где есть данные опроса, фокус-группы и опрос согласуются.");
        // a school without focus groups says so
        String mentorText = flat(download(a, pdfPath(mentor, "ru")).body());
        assertThat(mentorText).contains("Для этой школы в этой волне не записано ни одной фокус-группы.");
    }

    // ---- the batch ------------------------------------------------------------------------------

    JsonNode awaitFinished(StaffAgent agent, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response r = agent.getJson("/api/v1/staff/summary-batches/" + id);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode s = http.json(r);
            if (s.get("finished").getBooleanValue()) {
                return s;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("batch " + id + " did not finish");
    }

    String startFromWavePage(StaffAgent agent, String lang) {
        assertThat(agent.get("/staff/waves/" + wave).body()).contains("id=\"summaries-form\"");
        Http.Response r = agent.postWithCsrf("/staff/waves/" + wave + "/summaries", "lang", lang);
        assertThat(r.status()).as(r.body()).isEqualTo(303);
        Matcher m = Pattern.compile("/staff/summary-batches/([0-9a-f-]{36})").matcher(r.header("Location"));
        assertThat(m.matches()).as(r.header("Location")).isTrue();
        return m.group(1);
    }

    static Map<String, byte[]> unzip(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void anAdministratorGetsEverySchoolOfTheWaveAsOneZipDownloadedOnce() {
        StaffAgent a = as(admin);
        String id = startFromWavePage(a, "ru");
        JsonNode status = awaitFinished(a, id);
        assertThat(status.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(status.get("total").getIntValue()).isEqualTo(3);
        assertThat(status.get("done").getIntValue()).isEqualTo(3);
        assertThat(status.get("percent").getIntValue()).isEqualTo(100);
        assertThat(absent(status.get("failed")) || status.get("failed").size() == 0).isTrue();
        String zipPath = "/staff/summary-batches/" + id + "/summaries.zip";
        assertThat(status.get("downloadUrl").getStringValue()).isEqualTo(zipPath);
        assertThat(a.get("/staff/summary-batches/" + id).body()).contains("id=\"batch-download\"", "готово");

        HttpResponse<byte[]> r = download(a, zipPath);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment; filename=\"uklad-summaries-wave-" + wave + "-ru.zip\"");
        Map<String, byte[]> files = unzip(r.body());
        Map<Long, String> names = Map.of(supported, supportedName, mentor, mentorName, small, smallName);
        for (Map.Entry<Long, String> school : names.entrySet()) {
            String name = "uklad-summary-wave-" + wave + "-school-" + school.getKey() + "-ru.pdf";
            assertThat(files).containsKey(name);
            assertThat(SchoolSummaryTest.text(files.get(name))).contains(school.getValue());
        }
        // a coordinator's batch keeps the partner beside the school, as the coordinator's dashboard does
        assertThat(SchoolSummaryTest.text(files.get("uklad-summary-wave-" + wave + "-school-" + supported + "-ru.pdf"))
                .replaceAll("\\s+", " ")).contains(mentorName);
        assertThat(files.keySet().stream().filter(n -> n.endsWith(".pdf")).count()).isEqualTo(3);
        assertThat(new String(files.get("contents.txt"), StandardCharsets.UTF_8)).contains(supportedName, mentorName,
                smallName).doesNotContain("FAILED");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND target = ?"
                + " AND detail LIKE 'school summaries as ZIP: 3 of 3, ru'", "wave " + wave)).isGreaterThanOrEqualTo(1);

        // kept until downloaded: now it is gone from storage, and the page says so
        assertThat(download(a, zipPath).statusCode()).isEqualTo(404);
        assertThat(db.count("SELECT count(*) FROM summary_batch WHERE id = ?::uuid AND zip IS NULL AND state = 'DOWNLOADED'",
                id)).isEqualTo(1);
        assertThat(a.get("/staff/summary-batches/" + id).body()).contains("id=\"batch-downloaded\"")
                .doesNotContain("id=\"batch-download\"");
    }

    @Test
    void aPsychologistsBatchHoldsTheAssignedSchoolsAndOnlyTheOwnerOrAnAdministratorSeesIt() {
        StaffAgent p = as(psychologist);
        String id = startFromWavePage(p, "en");
        JsonNode status = awaitFinished(p, id);
        assertThat(status.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(status.get("total").getIntValue()).isEqualTo(1);

        // another psychologist (or a director) cannot see, cancel or take it; an administrator can see it
        StaffAgent other = as(account(Role.PSYCHOLOGIST, List.of(mentor)));
        assertThat(other.getJson("/api/v1/staff/summary-batches/" + id).status()).isEqualTo(404);
        assertThat(other.get("/staff/summary-batches/" + id).status()).isEqualTo(404);
        assertThat(download(other, "/staff/summary-batches/" + id + "/summaries.zip").statusCode()).isEqualTo(404);
        assertThat(as(admin).getJson("/api/v1/staff/summary-batches/" + id).status()).isEqualTo(200);

        Map<String, byte[]> files = unzip(download(p, "/staff/summary-batches/" + id + "/summaries.zip").body());
        assertThat(files.keySet()).containsExactlyInAnyOrder(
                "uklad-summary-wave-" + wave + "-school-" + supported + "-en.pdf", "contents.txt");
        assertThat(SchoolSummaryTest.text(files.get("uklad-summary-wave-" + wave + "-school-" + supported + "-en.pdf")))
                .contains(supportedName, "Focus groups");
        // the psychologist may not read the partner school: the batch's PDF leaves it out, as their dashboard does
        assertThat(SchoolSummaryTest.text(files.get("uklad-summary-wave-" + wave + "-school-" + supported + "-en.pdf"))
                .replaceAll("\\s+", " ")).doesNotContain(mentorName);

        // not an id, or nobody's id: 404, never 500
        assertThat(p.getJson("/api/v1/staff/summary-batches/not-a-uuid").status()).isEqualTo(404);
        assertThat(p.getJson("/api/v1/staff/summary-batches/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void aDirectorCannotStartABatchAndNeitherCanAPsychologistWithoutSchoolsInTheWave() {
        StaffAgent d = as(director);
        d.get("/staff");
        long before = db.count("SELECT count(*) FROM summary_batch");
        assertThat(d.postWithCsrf("/staff/waves/" + wave + "/summaries", "lang", "ru").status()).isEqualTo(403);
        Http.Response api = d.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches", "application/json", "{}",
                "Accept", "application/json", "X-CSRF-Token", d.csrf);
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.contentType()).startsWith("application/problem+json");

        StaffAgent elsewhere = as(account(Role.PSYCHOLOGIST, List.of(school("Школа вне волны " + COUNTER.get(), "SHNRO"))));
        Http.Response none = elsewhere.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches", "application/json",
                "{}", "Accept", "application/json", "X-CSRF-Token", elsewhere.csrf);
        assertThat(none.status()).as(none.body()).isEqualTo(422);
        assertThat(none.body()).contains("schools");
        assertThat(db.count("SELECT count(*) FROM summary_batch")).isEqualTo(before);
    }

    @Test
    void theStaffApiStartsABatchAndASecondRequestShowsTheSameRunningOne() {
        StaffAgent a = as(admin);
        Http.Response first = a.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches?lang=en", "application/json",
                "{}", "Accept", "application/json", "X-CSRF-Token", a.csrf);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String id = http.json(first).get("id").getStringValue();
        assertThat(first.header("Location")).isEqualTo("/api/v1/staff/summary-batches/" + id);
        JsonNode done = awaitFinished(a, id);
        assertThat(done.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(download(a, done.get("downloadUrl").getStringValue()).statusCode()).isEqualTo(200);
    }

    @Test
    void aSchoolWhoseSummaryFailsIsRecordedAndNamedWhileTheOthersStillCome() {
        long account = db.count("SELECT id FROM staff_account WHERE login = ?", admin);
        UUID id = UUID.randomUUID();
        // a school that no longer exists stands for any failure of one school's summary
        db.execute("INSERT INTO summary_batch (id, wave_id, account_id, lang, school_ids, state) "
                + "VALUES (?, ?, ?, 'ru', ARRAY[?, 999999999]::bigint[], 'QUEUED')", id, wave, account, supported);
        worker.wake();
        StaffAgent a = as(admin);
        JsonNode status = awaitFinished(a, id.toString());
        assertThat(status.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(status.get("failed").values().iterator().next().getStringValue()).isEqualTo("#999999999");
        assertThat(a.get("/staff/summary-batches/" + id).body()).contains("id=\"batch-failed\"", "#999999999");
        Map<String, byte[]> files = unzip(download(a, "/staff/summary-batches/" + id + "/summaries.zip").body());
        assertThat(files.keySet().stream().filter(n -> n.endsWith(".pdf")).toList())
                .containsExactly("uklad-summary-wave-" + wave + "-school-" + supported + "-ru.pdf");
        assertThat(new String(files.get("contents.txt"), StandardCharsets.UTF_8)).contains("FAILED\t#999999999");

        // when every school fails there is no ZIP at all
        UUID allFail = UUID.randomUUID();
        db.execute("INSERT INTO summary_batch (id, wave_id, account_id, lang, school_ids, state) "
                + "VALUES (?, ?, ?, 'ru', ARRAY[999999998]::bigint[], 'QUEUED')", allFail, wave, account);
        worker.wake();
        JsonNode failed = awaitFinished(a, allFail.toString());
        assertThat(failed.get("state").getStringValue()).isEqualTo("FAILED");
        assertThat(absent(failed.get("downloadUrl"))).isTrue();
        assertThat(db.count("SELECT count(*) FROM summary_batch WHERE id = ? AND zip IS NULL", allFail)).isEqualTo(1);
    }
}
