package org.uklad;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppProcess;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Two replicas as two separate service processes ({@link AppProcess}: {@code org.uklad.Application}
 * in its own JVM, nothing shared with the test but the database) on ONE PostgreSQL, each configured
 * only by the environment a deployed replica gets (production environment, no demo), behave as one
 * service ({@link ReplicasActAsOne}), and a batch of summaries queued on A is made once and
 * delivered by B. The test reaches them over HTTP only; it reads the database to count rows.
 */
class TwoProcessesTest extends ReplicasActAsOne {

    static final String ADMIN_PASSWORD = "two processes admin password";
    static final AtomicInteger ACCOUNTS = new AtomicInteger();

    static EmbeddedPostgres postgres;
    static AppProcess a;
    static AppProcess b;
    static JsonMapper json;
    static Database db;
    /** Waits until every group at k is published (by either replica): the tests read after their submissions. */
    static Runnable settle;
    static StaffAgent admin;

    /** On a failure, what each process wrote last (their whole output is in target/). */
    @RegisterExtension
    static final TestWatcher TAILS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            for (AppProcess p : new AppProcess[] {a, b}) {
                if (p != null) {
                    System.out.println(p.tail(80));
                }
            }
        }
    };

    @BeforeAll
    static void startTwoProcesses() throws IOException {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100").start();
        String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
        Map<String, String> replica = new HashMap<>(Map.of(
                "DATASOURCES_DEFAULT_URL", url,
                "DATASOURCES_DEFAULT_USERNAME", "postgres",
                "DATASOURCES_DEFAULT_PASSWORD", "postgres",
                "MICRONAUT_ENVIRONMENTS", "prod",
                "UKLAD_ADMIN_API_TOKEN", Http.ADMIN_TOKEN,
                "UKLAD_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                // one sealing key for all replicas: a submission sealed by A may be published by B
                "UKLAD_SEALING_KEY", sealingKey(),
                // each replica's own publication step runs all the while, racing the submissions'
                "UKLAD_RESPONSES_RELEASE_INTERVAL", "1s",
                // bcrypt at its lowest cost: sign-ins are many here, and their cost is not what is tested
                "UKLAD_ACCOUNTS_PASSWORD_HASH_COST", "4"));
        // as documented for replicas: the first migrates the database, the others start once it is healthy
        a = AppProcess.start("replica A", 0, replica, Path.of("target", "two-processes-a.log")).awaitHealthy(Duration.ofSeconds(90));
        replica.put("DATASOURCES_READ_URL", url);   // B reads dashboards and exports through its read datasource
        replica.put("DATASOURCES_READ_USERNAME", "postgres");
        replica.put("DATASOURCES_READ_PASSWORD", "postgres");
        b = AppProcess.start("replica B", 0, replica, Path.of("target", "two-processes-b.log")).awaitHealthy(Duration.ofSeconds(90));
        json = JsonMapper.createDefault();
        settle = Database.untilNothingAwaitsPublication(postgres.getPostgresDatabase(), Fixture.K);
        db = new Database(postgres.getPostgresDatabase(), settle);
        try {
            admin = new StaffAgent(new Http(a.uri(), json).from("127.0.2.1")).signedIn("admin", ADMIN_PASSWORD);
        } catch (AssertionError e) {
            TAILS.testFailed(null, e);   // the watcher sees only failed tests, not a failed set-up
            throw e;
        }
    }

    /** Base64 of 32 random bytes, as {@code openssl rand -base64 32} makes it. */
    static String sealingKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            for (AppProcess p : new AppProcess[] {b, a}) {
                if (p != null) {
                    p.stop();   // SIGTERM, then SIGKILL after 10 s
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        assertThat(Stream.of(a, b).filter(p -> p != null && p.alive())).as("no process left behind").isEmpty();
    }

    @Override
    Http http(Replica replica, String address) {
        return new Http((replica == Replica.A ? a : b).uri(), json, settle).from(address);
    }

    @Override
    Database db() {
        return db;
    }

    /**
     * Made as an administrator makes one — on A's accounts page, with a first password — and
     * made ready as its owner does, by changing that password at first sign-in, on B.
     */
    @Override
    String psychologist(long school) {
        String login = "psychologist-" + ACCOUNTS.incrementAndGet();
        String first = "first password " + login;
        assertThat(admin.get("/staff/accounts").status()).isEqualTo(200);
        Http.Response created = admin.postWithCsrf("/staff/accounts", "login", login, "displayName", "Тест Психолог",
                "role", "PSYCHOLOGIST", "schools", Long.toString(school), "password", first);
        assertThat(created.status()).as(created.body()).isEqualTo(303);

        StaffAgent owner = new StaffAgent(http(Replica.B, "127.0.2.2"));
        assertThat(owner.signIn(login, first).status()).isEqualTo(303);
        assertThat(owner.get("/staff/password").status()).isEqualTo(200);
        Http.Response changed = owner.postWithCsrf("/staff/password", "current", first,
                "password", StaffAgent.PASSWORD, "repeat", StaffAgent.PASSWORD);
        assertThat(changed.status()).as(changed.body()).isEqualTo(303);
        assertThat(owner.postWithCsrf("/staff/logout").status()).isEqualTo(303);
        return login;
    }

    /** Each process runs its own publication step every second (UKLAD_RESPONSES_RELEASE_INTERVAL), unasked. */
    @Override
    AutoCloseable publicationStepsRunning() {
        return () -> { };
    }

    @Test
    void aBatchOfSummariesQueuedOnAIsMadeOnceAndDeliveredByB() throws Exception {
        long first = fixture().school("SHNRO");
        long second = fixture().school("SHNRO");
        long wave = fixture().openWave("example");
        fixture().exampleAnswers(wave, first, new Integer[][] {{1, 2, 3, 4}, {2, 3, 4, 1}, {3, 4, 1, 2}, {4, 1, 2, 3}, {1, 1, 2, 2}});
        fixture().exampleAnswers(wave, second, new Integer[][] {{2, 2, 3, 3}, {3, 3, 4, 4}, {4, 4, 1, 1}, {1, 2, 1, 2}, {2, 1, 2, 1}});

        Http.Response started = admin.send("POST", "/api/v1/staff/waves/" + wave + "/summary-batches", "application/json", "{}",
                "Accept", "application/json", "X-CSRF-Token", admin.csrf);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = json.readValue(started.body(), JsonNode.class).get("id").getStringValue();

        StaffAgent onB = new StaffAgent(http(Replica.B, "127.0.2.1"));
        onB.cookies.putAll(admin.cookies);
        JsonNode status = null;
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {   // the workers of both replicas compete for the queued job
            Http.Response r = onB.getJson("/api/v1/staff/summary-batches/" + id);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            status = json.readValue(r.body(), JsonNode.class);
            if (status.get("finished").getBooleanValue()) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(status.get("state").getStringValue()).as("the batch's state, read on B").isEqualTo("DONE");
        assertThat(status.get("done").getIntValue()).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM summary_batch WHERE wave_id = ?", wave)).as("one job").isEqualTo(1);

        Http.Download zip = onB.http.download("/staff/summary-batches/" + id + "/summaries.zip", "Cookie", cookies(admin));
        assertThat(zip.status()).isEqualTo(200);
        assertThat(pdfsIn(zip.body())).as("one summary per school").isEqualTo(2);
        assertThat(http(Replica.A, "127.0.2.1").download("/staff/summary-batches/" + id + "/summaries.zip", "Cookie", cookies(admin))
                .status()).as("delivered once: gone on A too").isEqualTo(404);
    }

    static String cookies(StaffAgent agent) {
        return String.join("; ", agent.cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    static int pdfsIn(byte[] zip) throws IOException {
        int pdfs = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                pdfs += e.getName().endsWith(".pdf") ? 1 : 0;
            }
        }
        return pdfs;
    }
}
