package org.uklad.response;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * A respondent's answer never waits for a publication (issue #21: submissions' p99 while a live
 * wave is published and read). The test holds the wave's revision row, which every publisher of
 * the wave must take (V22), as a slow publisher's commit would: before the change, the k-th
 * submission published inside its request and waited for the row, so its answer never came while
 * the row was held.
 */
@MicronautTest(transactional = false)
class PublicationOffTheRequestTest extends AppTest {

    @Inject
    DataSource dataSource;

    @Inject
    JsonMapper jsonMapper;

    @Inject
    ResponseRelease release;

    /** A client that does not wait for publications before or after its requests (AppTest's does). */
    private Http raw() {
        return new Http(server.getURI(), jsonMapper);
    }

    private static void answer(Http client, String code) {
        Http.Response r = client.postJson("/api/v1/surveys/" + code + "/responses", "{\"answers\": {\"grade\": 7, \"dem1\": 3}}",
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    @Test
    void theKthRespondentIsAnsweredWhilePublishersOfTheWaveAreHeldUp() throws Exception {
        long wave = fixture.openWave("example");
        String a = fixture.codes(wave, fixture.school("SHNRO"), "example", "7А", 1, 50).getFirst();
        String b = fixture.codes(wave, fixture.school("OTHER"), "example", "7Б", 1, 50).getFirst();
        String c = fixture.codes(wave, fixture.school("OTHER"), "example", "8В", 1, 50).getFirst();
        Database raw = new Database(dataSource);
        Http client = raw();
        try (Connection hold = unwrapped().getConnection()) {
            hold.setAutoCommit(false);
            try (PreparedStatement ps = hold.prepareStatement("SELECT revision FROM wave_revision WHERE wave_id = ? FOR UPDATE")) {
                ps.setLong(1, wave);
                ps.executeQuery().close();
            }
            // every submission, the k-th of each group included, is answered while the row is held
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < Fixture.K; i++) {
                    answer(client, a);
                }
            }).get(60, TimeUnit.SECONDS);
            awaitAPublisherWaitingForTheRow(raw);
            CompletableFuture.runAsync(() -> {
                for (String code : List.of(b, c)) {
                    for (int i = 0; i < Fixture.K; i++) {
                        answer(client, code);
                    }
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(raw.published(a) + raw.published(b) + raw.published(c)).as("nothing published while the row is held").isZero();
            assertThat(raw.held(a) + raw.held(b) + raw.held(c)).isEqualTo(3L * Fixture.K);
            // B's and C's groups wait for the publisher, and the metric says so
            Http.Response metrics = client.admin("GET", "/prometheus", null);
            assertThat(metrics.body()).containsPattern("(?m)^uklad_publication_waiting(\\{[^}]*})? 2\\.0$");
            hold.rollback();
        }
        assertThat(release.awaitPublished(Duration.ofSeconds(30))).isTrue();
        assertThat(raw.published(a)).isEqualTo(Fixture.K);
        assertThat(raw.published(b)).isEqualTo(Fixture.K);
        assertThat(raw.published(c)).isEqualTo(Fixture.K);
        assertThat(raw.held(a) + raw.held(b) + raw.held(c)).isZero();
        // the groups that reached k while the publisher waited went together: one transaction, one commit
        assertThat(raw.count("""
                SELECT count(DISTINCT r.xmin::text) FROM response r
                WHERE r.wave_id = ? AND r.group_label IN ('7Б', '8В')""", wave)).isEqualTo(1);
    }

    /** Until the publisher of A's group is queued on the held row (so B and C reach k while it waits). */
    private static void awaitAPublisherWaitingForTheRow(Database raw) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (raw.count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO response (%'""") == 0) {
            assertThat(System.nanoTime()).as("a publisher waiting for the wave's row").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private DataSource unwrapped() {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource);
    }
}
