package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * With {@code datasources.default.url} set the app uses that server (here a separately started
 * PostgreSQL standing in for production); when the server goes away requests get 503 with
 * Retry-After, and once it is back a retried submission lands exactly once.
 */
class ExternalDatabaseTest {

    @TempDir
    Path dir;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static EmbeddedPostgres startServer(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    @Test
    void usesTheConfiguredServerAndAnswers503WhileItIsDown() throws Exception {
        int port = freePort();
        Path data = dir.resolve("external");
        EmbeddedPostgres external = startServer(data, port);
        String url = "jdbc:postgresql://localhost:" + port + "/postgres";
        try (ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", url,
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.default.connection-timeout", 2000,
                "micronaut.server.port", -1), "test").getApplicationContext()) {
            EmbeddedServer server = app.getBean(EmbeddedServer.class);
            Http http = new Http(server.getURI(), app.getBean(JsonMapper.class));
            Database db = new Database(app.getBean(DataSource.class));
            assertThat(db.string("SELECT current_setting('port')")).isEqualTo(String.valueOf(port));
            assertThat(db.count("SELECT count(*) FROM flyway_schema_history WHERE success")).isGreaterThanOrEqualTo(1);

            String code = new Fixture(http).sharedExampleCode();
            String key = UUID.randomUUID().toString();
            String body = "{\"answers\": {\"grade\": 6, \"dem1\": 3}}";

            external.close();   // the database server goes away

            Http.Response down = http.postJson("/api/v1/surveys/" + code + "/responses", body, "Idempotency-Key", key);
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(down.header("Retry-After")).isNotBlank();
            assertThat(down.contentType()).startsWith("application/problem+json");
            assertThat(http.json(down).get("code").getStringValue()).isEqualTo("service-unavailable");
            Http.Response page = http.get("/s/" + code, "Accept", "text/html");
            assertThat(page.status()).isEqualTo(503);
            assertThat(page.body()).contains("Сервис временно недоступен");
            assertThat(http.get("/health").status()).isEqualTo(503);

            external = startServer(data, port);   // and comes back

            Http.Response stored = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                stored = http.postJson("/api/v1/surveys/" + code + "/responses", body, "Idempotency-Key", key);
                if (stored.status() != 503) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
            assertThat(http.postJson("/api/v1/surveys/" + code + "/responses", body, "Idempotency-Key", key).status()).isEqualTo(200);
            assertThat(db.keyRegistered(key)).isEqualTo(1);
            assertThat(db.responses()).isEqualTo(1); // held, sealed, until its group has k
        } finally {
            external.close();
        }
    }
}
