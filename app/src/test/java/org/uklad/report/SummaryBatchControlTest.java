package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Browser;
import org.uklad.support.Http;

/**
 * The batch's life cycle with this replica's worker switched off, so the test decides when the
 * worker runs: cancelling a queued and a running batch leaves no ZIP, the status JSON moves to
 * done, a job left running by a dead replica is queued again, finished jobs expire, and the
 * progress page in a real browser follows the job to its download link. Starting and cancelling
 * are in the audit log once each; refused or idle requests are not.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.summary-batches.worker", value = "false")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummaryBatchControlTest extends AppTest {

    static final String PASSWORD = "summary batch secret";

    @Inject Accounts accounts;
    @Inject SummaryBatchWorker worker;
    @Inject SummaryBatchStore store;

    long wave;
    List<Long> schools = new ArrayList<>();
    String admin;

    @BeforeAll
    void setUp() {
        wave = fixture.openWave("example");
        for (int i = 0; i < 3; i++) {
            long school = fixture.school("SHNRO");
            schools.add(school);
            fixture.exampleAnswers(wave, school, SchoolSummaryTest.SEVEN);
        }
        admin = "batchadmin" + new Random().nextInt(1_000_000);
        accounts.create(admin, "Ольга Кузнецова", Role.ADMIN, List.of(), PASSWORD, false);
    }

    StaffAgent signedIn() {
        return new StaffAgent(http).signedIn(admin, PASSWORD);
    }

    /** Starts a batch through the staff API (answers at once: the worker is off). */
    String start(StaffAgent a) {
        Http.Response r = a.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches", "application/json", "{}",
                "Accept", "application/json", "X-CSRF-Token", a.csrf);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return http.json(r).get("id").getStringValue();
    }

    JsonNode status(StaffAgent a, String id) {
        Http.Response r = a.getJson("/api/v1/staff/summary-batches/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return http.json(r);
    }

    String state(String id) {
        return db.string("SELECT state FROM summary_batch WHERE id = ?::uuid", id);
    }

    long zips(String id) {
        return db.count("SELECT count(*) FROM summary_batch WHERE id = ?::uuid AND zip IS NOT NULL", id);
    }

    @Test
    void aCancelledQueuedBatchIsNeverMade() {
        StaffAgent a = signedIn();
        String id = start(a);
        assertThat(status(a, id).get("state").getStringValue()).isEqualTo("QUEUED");
        // asking again while it waits shows the same batch
        assertThat(start(a)).isEqualTo(id);

        a.get("/staff/summary-batches/" + id);
        Http.Response cancel = a.postWithCsrf("/staff/summary-batches/" + id + "/cancel");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(303);
        assertThat(cancel.header("Location")).isEqualTo("/staff/summary-batches/" + id);
        worker.drain();
        assertThat(state(id)).isEqualTo("CANCELLED");
        assertThat(zips(id)).isZero();
        JsonNode s = status(a, id);
        assertThat(s.get("finished").getBooleanValue()).isTrue();
        assertThat(SummaryDeliveryTest.absent(s.get("downloadUrl"))).isTrue();
        assertThat(SummaryDeliveryTest.download(server.getURI(), a, "/staff/summary-batches/" + id + "/summaries.zip")
                .statusCode()).isEqualTo(404);
        Http.Response page = a.get("/staff/summary-batches/" + id);
        assertThat(page.body()).contains("отменено").doesNotContain("id=\"batch-cancel\"", "id=\"batch-download\"");
    }

    @Test
    void aBatchCancelledWhileRunningStopsAndStoresNoZip() {
        StaffAgent a = signedIn();
        String id = start(a);
        Optional<SummaryBatchStore.Job> job = store.claim();
        assertThat(job).isPresent();
        assertThat(job.get().id().toString()).isEqualTo(id);
        assertThat(state(id)).isEqualTo("RUNNING");

        Http.Response cancel = a.send("POST", "/api/v1/staff/summary-batches/" + id + "/cancel", "application/json", "{}",
                "Accept", "application/json", "X-CSRF-Token", a.csrf);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(http.json(cancel).get("state").getStringValue()).isEqualTo("CANCELLED");
        worker.run(job.get());
        assertThat(state(id)).isEqualTo("CANCELLED");
        assertThat(zips(id)).isZero();
        assertThat(db.count("SELECT done FROM summary_batch WHERE id = ?::uuid", id)).isZero();
        // without the token the API refuses to cancel
        Http.Response noToken = a.send("POST", "/api/v1/staff/summary-batches/" + id + "/cancel", "application/json",
                "{}", "Accept", "application/json");
        assertThat(noToken.status()).isEqualTo(403);
    }

    @Test
    void theStatusMovesFromQueuedToDoneWithTheSchoolsCounted() throws Exception {
        StaffAgent a = signedIn();
        String id = start(a);
        JsonNode queued = status(a, id);
        assertThat(queued.get("state").getStringValue()).isEqualTo("QUEUED");
        assertThat(queued.get("done").getIntValue()).isZero();
        assertThat(queued.get("total").getIntValue()).isEqualTo(schools.size());
        assertThat(queued.get("percent").getIntValue()).isZero();
        assertThat(queued.get("progressText").getStringValue()).isEqualTo("Школ: 0 из 3");

        CompletableFuture<Void> making = CompletableFuture.runAsync(worker::drain);
        List<Integer> seen = new ArrayList<>();
        JsonNode last = queued;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!last.get("finished").getBooleanValue() && System.nanoTime() < deadline) {
            last = status(a, id);
            seen.add(last.get("done").getIntValue());
            Thread.sleep(50);
        }
        making.get();
        assertThat(seen).isSorted();
        assertThat(last.get("state").getStringValue()).isEqualTo("DONE");
        assertThat(last.get("done").getIntValue()).isEqualTo(3);
        assertThat(last.get("percent").getIntValue()).isEqualTo(100);
        assertThat(last.get("stateText").getStringValue()).isEqualTo("готово");
        assertThat(zips(id)).isOne();
        // downloading takes the ZIP away
        assertThat(SummaryDeliveryTest.unzip(SummaryDeliveryTest.download(server.getURI(), a,
                last.get("downloadUrl").getStringValue()).body()).keySet()).hasSize(4);
        assertThat(zips(id)).isZero();
        assertThat(state(id)).isEqualTo("DOWNLOADED");
    }

    @Test
    void aJobLeftRunningByADeadReplicaIsQueuedAgainAndOldJobsExpire() {
        StaffAgent a = signedIn();
        String id = start(a);
        assertThat(store.claim()).isPresent();
        // a fresh heartbeat stays; one older than the stale limit is queued again
        worker.requeueStale();
        assertThat(state(id)).isEqualTo("RUNNING");
        db.execute("UPDATE summary_batch SET heartbeat_at = now() - interval '10 minutes' WHERE id = ?::uuid", id);
        assertThat(worker.requeueStale()).isGreaterThanOrEqualTo(1);
        assertThat(state(id)).isEqualTo("QUEUED");
        worker.drain();
        assertThat(state(id)).isEqualTo("DONE");

        // a finished ZIP not downloaded within the keeping time is deleted with its job
        db.execute("UPDATE summary_batch SET finished_at = now() - make_interval(days => ?) - interval '1 hour' "
                + "WHERE id = ?::uuid", worker.keepDays(), id);
        worker.deleteExpired();
        assertThat(db.count("SELECT count(*) FROM summary_batch WHERE id = ?::uuid", id)).isZero();
        assertThat(a.getJson("/api/v1/staff/summary-batches/" + id).status()).isEqualTo(404);
    }

    @Test
    void theProgressPageFollowsTheJobInABrowserUntilTheDownloadLink() {
        WebDriver browser = Browser.desktop();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(server.getURL() + "/staff/login");
            browser.findElement(By.id("login")).sendKeys(admin);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.id("sign-in")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whoami")));

            browser.get(server.getURL() + "/staff/waves/" + wave);
            new Select(browser.findElement(By.id("summaries-lang"))).selectByValue("en");
            browser.findElement(By.id("summaries-start")).click();
            wait.until(ExpectedConditions.urlMatches("/staff/summary-batches/[0-9a-f-]{36}$"));
            String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
            assertThat(browser.findElement(By.id("batch-state")).getText()).isEqualTo("ожидает запуска");
            assertThat(browser.findElement(By.id("batch-progress")).getAttribute("max")).isEqualTo("3");
            assertThat(browser.findElement(By.id("batch-progress")).getAttribute("value")).isEqualTo("0");
            // the plain link that reloads the page without JavaScript
            assertThat(browser.findElement(By.id("batch-refresh")).getAttribute("href")).endsWith("/staff/summary-batches/" + id);

            worker.drain();
            // the script sees the job finish and reloads: the server renders the download link
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("batch-download")));
            assertThat(browser.findElement(By.id("batch-state")).getText()).isEqualTo("готово");
            assertThat(browser.findElement(By.id("batch-progress")).getAttribute("value")).isEqualTo("3");
            assertThat(browser.findElements(By.id("batch-cancel"))).isEmpty();
            assertThat(browser.findElement(By.id("batch-download")).getAttribute("href"))
                    .endsWith("/staff/summary-batches/" + id + "/summaries.zip");
            assertThat(db.string("SELECT lang FROM summary_batch WHERE id = ?::uuid", id)).isEqualTo("en");
        } finally {
            browser.quit();
        }
    }

    /** The audit log's rows of {@code action} about batch {@code id}, as "actor | detail". */
    List<String> audited(String action, String id) {
        String rows = db.string("SELECT string_agg(actor || ' | ' || detail, E'\\n' ORDER BY id) FROM audit_event "
                + "WHERE action = ? AND target = ? AND detail LIKE ?", action, "wave " + wave, "batch " + id + "%");
        return rows == null ? List.of() : List.of(rows.split("\n"));
    }

    @Test
    void startingAndCancellingAreAuditedOnceAndRefusalsAreNot() {
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, schools.subList(0, 2));
        StaffAgent psychologist = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        String p = StaffAgent.auditActor(db, login);
        long startedBefore = db.count("SELECT count(*) FROM audit_event WHERE action = 'SUMMARY_BATCH_STARTED'");

        // started from the wave page's form; asking again (API) shows the same batch and logs nothing
        psychologist.get("/staff/waves/" + wave);
        Http.Response started = psychologist.postWithCsrf("/staff/waves/" + wave + "/summaries", "lang", "en");
        assertThat(started.status()).as(started.body()).isEqualTo(303);
        String id = started.header("Location").substring("/staff/summary-batches/".length());
        assertThat(start(psychologist)).isEqualTo(id);
        assertThat(audited("SUMMARY_BATCH_STARTED", id)).containsExactly(p + " | batch " + id + ": 2 schools, en");

        // refused starts: a director (403), a psychologist with no school in the wave (422)
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(schools.getFirst()));
        Http.Response refused = director.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches",
                "application/json", "{}", "Accept", "application/json", "X-CSRF-Token", director.csrf);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        StaffAgent elsewhere = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(fixture.school("SHNRO")));
        Http.Response none = elsewhere.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches",
                "application/json", "{}", "Accept", "application/json", "X-CSRF-Token", elsewhere.csrf);
        assertThat(none.status()).as(none.body()).isEqualTo(422);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'SUMMARY_BATCH_STARTED'"))
                .isEqualTo(startedBefore + 1);

        // a refused cancel: another psychologist does not see the batch (404)
        Http.Response notTheirs = elsewhere.send("POST", "/api/v1/staff/summary-batches/" + id + "/cancel",
                "application/json", "{}", "Accept", "application/json", "X-CSRF-Token", elsewhere.csrf);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(audited("SUMMARY_BATCH_CANCELLED", id)).isEmpty();

        // an administrator cancels it: the log names the administrator and the batch's owner
        StaffAgent a = signedIn();
        a.get("/staff/summary-batches/" + id);
        assertThat(a.postWithCsrf("/staff/summary-batches/" + id + "/cancel").status()).isEqualTo(303);
        long owner = db.count("SELECT id FROM staff_account WHERE login = ?", login);
        List<String> cancelled = List.of(StaffAgent.auditActor(db, admin) + " | batch " + id + " of account #" + owner
                + ": 0 of 2 schools made");
        assertThat(audited("SUMMARY_BATCH_CANCELLED", id)).isEqualTo(cancelled);
        // cancelling what is already finished changes nothing and is not logged again
        psychologist.get("/staff/summary-batches/" + id);
        assertThat(psychologist.postWithCsrf("/staff/summary-batches/" + id + "/cancel").status()).isEqualTo(303);
        assertThat(audited("SUMMARY_BATCH_CANCELLED", id)).isEqualTo(cancelled);
        assertThat(state(id)).isEqualTo("CANCELLED");

        // the audit page names both actions in Russian and in English
        assertThat(a.get("/staff/audit?action=SUMMARY_BATCH_STARTED").body())
                .contains("<td>Запущен пакет сводок по школам</td>", "<td>" + p + "</td>");
        assertThat(a.get("/staff/audit?action=SUMMARY_BATCH_CANCELLED&lang=en").body())
                .contains("<td>Batch of summaries cancelled</td>", "<td>batch " + id + " of account #" + owner);
    }
}
