package org.uklad.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.AppProcess;
import org.uklad.system.Hashes;

/**
 * Nothing lost, nothing twice: while 16 clients submit, the app process is killed with SIGKILL
 * and restarted, then PostgreSQL is stopped and started. Clients keep retrying each submission
 * with its Idempotency-Key until it is acknowledged. Afterwards every acknowledged submission is
 * stored exactly once and with all its answers.
 *
 * <p>Each step waits for what it needs to have happened, not for a time: the kill comes once
 * submissions are acknowledged, the restart once clients have found the app gone, the outage once
 * the new app has acknowledged more, the database returns once clients have been refused with 503.
 * The test then checks that both failures met live requests: submissions begun before the kill
 * and before the outage were acknowledged only after it.
 */
class NothingLostTest {

    static final int CLIENTS = 16;
    static final String TOKEN = "fault-test-token";
    static final String BODY = "{\"answers\": {\"grade\": %d, \"dem1\": %d, \"dem2\": %d, \"com1\": %d, \"com2\": %d}}";

    /** Where the test is; each step sets the next phase before it acts. */
    enum Phase { RUNNING, KILLING, APP_DOWN, APP_BACK, DB_DOWN, DB_BACK }

    @TempDir
    Path dir;

    /** Waits until the condition holds (checked every 50 ms); fails after two minutes saying what did not happen. */
    static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** How many sessions of the database wait for a lock (a submission waiting on a held row). */
    static long waitingOnLocks(EmbeddedPostgres db) {
        try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static EmbeddedPostgres database(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    /** The app as a separate process (so it can be killed), on the test's classpath. */
    AppProcess startApp(int appPort, int dbPort, int run) {
        return AppProcess.start("app run " + run, appPort, Map.of(
                "DATASOURCES_DEFAULT_URL", "jdbc:postgresql://localhost:" + dbPort + "/postgres",
                "DATASOURCES_DEFAULT_USERNAME", "postgres",
                "DATASOURCES_DEFAULT_PASSWORD", "postgres",
                "DATASOURCES_DEFAULT_CONNECTION_TIMEOUT", "2000",
                "UKLAD_ADMIN_API_TOKEN", TOKEN,
                "UKLAD_BOOTSTRAP_ADMIN_PASSWORD", "fault-test-admin-password",
                "MICRONAUT_ENVIRONMENTS", "prod"), dir.resolve("app-" + run + ".log"));
    }

    static String admin(HttpClient http, int port, String path, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return r.body();
    }

    @Test
    void everyAcknowledgedSubmissionIsStoredExactlyOnceThroughAppAndDatabaseFailures() throws Exception {
        int dbPort = AppProcess.freePort();
        int appPort = AppProcess.freePort();
        Path data = dir.resolve("pg");
        EmbeddedPostgres db = database(data, dbPort);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AppProcess app = startApp(appPort, dbPort, 1);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Set<String> started = ConcurrentHashMap.newKeySet();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.RUNNING);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failedWhileKilled = new AtomicInteger();
        AtomicInteger refusedDuringOutage = new AtomicInteger();
        AtomicInteger acrossKill = new AtomicInteger();
        AtomicInteger acrossOutage = new AtomicInteger();
        try {
            app.awaitHealthy(Duration.ofSeconds(90));
            String school = admin(http, appPort, "/api/v1/admin/schools",
                    "{\"name\": \"Школа № 13\", \"municipality\": \"Район\", \"category\": \"SHNRO\"}").replaceAll(".*\"id\":(\\d+).*", "$1");
            Instant now = Instant.now();
            String wave = admin(http, appPort, "/api/v1/admin/waves", "{\"name\": \"Волна\", \"kind\": \"ENTRY\", \"opensAt\": \""
                    + now.minusSeconds(3600) + "\", \"closesAt\": \"" + now.plusSeconds(86400) + "\", \"questionnaires\": [\"example\"]}")
                    .replaceAll("^\\{\"id\":(\\d+).*", "$1");
            String code = admin(http, appPort, "/api/v1/admin/waves/" + wave + "/access-codes", "{\"schoolId\": " + school
                    + ", \"questionnaire\": \"example\", \"groupLabel\": \"8А\", \"maxUses\": 10000, \"expectedSize\": 400}")
                    .replaceAll(".*\"code\":\"([A-Z0-9]+)\".*", "$1");

            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        String key = UUID.randomUUID().toString();
                        Phase begun = phase.get();
                        started.add(key);
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        String body = BODY.formatted(5 + r.nextInt(7), 1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(4), 1 + r.nextInt(4));
                        Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
                        while (Instant.now().isBefore(giveUp)) {       // retry with the same key until acknowledged
                            try {
                                int status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + appPort
                                                + "/api/v1/surveys/" + code + "/responses")).timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                        HttpResponse.BodyHandlers.discarding()).statusCode();
                                if (status == 201 || status == 200) {
                                    acknowledged.add(key);
                                    Phase acked = phase.get();
                                    // from APP_DOWN on, only the restarted app can acknowledge
                                    if (begun.compareTo(Phase.KILLING) < 0 && acked.compareTo(Phase.APP_DOWN) >= 0) {
                                        acrossKill.incrementAndGet();
                                    }
                                    if (begun.compareTo(Phase.DB_DOWN) < 0 && acked.compareTo(Phase.DB_BACK) >= 0) {
                                        acrossOutage.incrementAndGet();
                                    }
                                    break;
                                }
                                if (status != 503) {
                                    throw new AssertionError("unexpected status " + status);
                                }
                                if (phase.get() == Phase.DB_DOWN) {
                                    refusedDuringOutage.incrementAndGet();
                                }
                            } catch (IOException e) {
                                // connection refused or reset while the app is down: retry
                                if (phase.get() == Phase.KILLING || phase.get() == Phase.APP_DOWN) {
                                    failedWhileKilled.incrementAndGet();
                                }
                            }
                            Thread.sleep(100);
                        }
                    }
                    return null;
                }));
            }
            awaitThat("submissions acknowledged before the kill", () -> acknowledged.size() >= CLIENTS);
            phase.set(Phase.KILLING);
            app.kill();     // SIGKILL in the middle of submissions
            phase.set(Phase.APP_DOWN);
            int ackedBeforeKill = acknowledged.size();
            awaitThat("clients finding the app gone", () -> failedWhileKilled.get() >= CLIENTS);
            app = startApp(appPort, dbPort, 2);
            app.awaitHealthy(Duration.ofSeconds(90));
            phase.set(Phase.APP_BACK);
            int ackedAfterRestart = acknowledged.size();
            awaitThat("submissions acknowledged by the restarted app", () -> acknowledged.size() >= ackedAfterRestart + CLIENTS);
            // Submissions are fast enough to finish between the phase's change and the database's
            // stop: hold the code's row, so that some are certainly waiting inside the database
            // (begun before the outage) when it goes away.
            Connection holder = db.getPostgresDatabase().getConnection();
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("SELECT 1 FROM access_code WHERE code = '" + code + "' FOR UPDATE");
            }
            EmbeddedPostgres stopping = db;
            awaitThat("submissions waiting on the code's row", () -> waitingOnLocks(stopping) > 0);
            phase.set(Phase.DB_DOWN);
            db.close();                                               // the database goes away (and the hold with it)
            try {
                holder.close();
            } catch (java.sql.SQLException gone) {
                // its server is gone: nothing to release
            }
            awaitThat("clients refused with 503 while the database is down", () -> refusedDuringOutage.get() >= CLIENTS);
            db = database(data, dbPort);                              // and comes back
            phase.set(Phase.DB_BACK);
            int ackedAfterOutage = acknowledged.size();
            awaitThat("submissions acknowledged after the outage", () -> acknowledged.size() >= ackedAfterOutage + CLIENTS);
            stop.set(true);
            for (Future<?> f : running) {
                f.get(4, TimeUnit.MINUTES);
            }
            assertThat(ackedBeforeKill).as("some submissions landed before the kill").isPositive();
            assertThat(acrossKill.get()).as("submissions begun before the kill, acknowledged by the restarted app").isPositive();
            assertThat(acrossOutage.get()).as("submissions begun before the outage, acknowledged after it").isPositive();
            assertThat(acknowledged).as("every submission begun is acknowledged in the end").isEqualTo(started);

            try (Connection c = db.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                Set<String> stored = ConcurrentHashMap.newKeySet();
                try (ResultSet rs = s.executeQuery("SELECT key_hash FROM submission_key")) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
                // published responses carry all five answers; the rest wait, sealed, for their group to reach k
                try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM response_held), "
                        + "(SELECT count(*) FROM response r WHERE (SELECT count(*) FROM response_answer a WHERE a.response_id = r.id) <> 5)")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("one response per acknowledged submission").isEqualTo(acknowledged.size());
                    assertThat(rs.getLong(2)).as("published responses without all five answers").isZero();
                }
                assertThat(stored).as("every acknowledged submission is stored, nothing else").isEqualTo(
                        acknowledged.stream().map(Hashes::sha256Hex).collect(java.util.stream.Collectors.toSet()));
            }
        } finally {
            clients.shutdownNow();
            app.kill();
            db.close();
        }
    }
}
