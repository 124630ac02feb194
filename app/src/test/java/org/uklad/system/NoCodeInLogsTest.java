package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * No log line (text or JSON), metric or error detail carries an access code: a real code is
 * driven through every respondent path, with good and bad requests and while the database is
 * down (the "Database unavailable on ..." warning), and then every captured log event and the
 * whole /prometheus output are searched for it.
 */
class NoCodeInLogsTest {

    static final String ANSWERS = "{\"answers\": {\"grade\": 7, \"dem1\": 3}}";

    @TempDir
    Path dir;

    /** Each captured event as the console and the JSON configuration write it, stack traces included. */
    static List<String> written(List<ILoggingEvent> events) throws Exception {
        LoggerContext json = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(json);
        configurator.doConfigure(NoCodeInLogsTest.class.getClassLoader().getResource("logback-json.xml"));
        @SuppressWarnings("unchecked")
        Encoder<ILoggingEvent> encoder = ((ConsoleAppender<ILoggingEvent>) json.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("JSON")).getEncoder();
        PatternLayout text = new PatternLayout();
        text.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        text.setPattern("%level %logger %mdc %msg%n%ex");
        text.start();
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : events) {
            lines.add(text.doLayout(e));
            lines.add(new String(encoder.encode(e), StandardCharsets.UTF_8));
        }
        json.stop();
        return lines;
    }

    @Test
    void noLogLineMetricOrProblemCarriesAnAccessCode() throws Exception {
        int port = ExternalDatabaseTest.freePort();
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = ExternalDatabaseTest.startServer(data, port);
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(root.getLoggerContext());
        captured.start();
        root.addAppender(captured);
        String code;
        try (ApplicationContext app = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.default.connection-timeout", 2000,
                "micronaut.server.port", -1), "test").getApplicationContext()) {
            Http http = new Http(app.getBean(EmbeddedServer.class).getURI(), app.getBean(JsonMapper.class));
            code = new Fixture(http).sharedExampleCode();
            String typed = code.substring(0, 5).toLowerCase(Locale.ROOT) + "-" + code.substring(5);
            String api = "/api/v1/surveys/" + code;

            // the respondent's ways through the app, good and bad
            assertThat(http.get("/enter?code=" + typed).status()).isEqualTo(303);
            assertThat(http.get("/s/" + typed, "Accept", "text/html").status()).isEqualTo(200);
            assertThat(http.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                    ("idempotencyKey=" + UUID.randomUUID() + "&a.grade=8&a.dem1=2").getBytes(StandardCharsets.UTF_8),
                    "Accept", "text/html").status()).isEqualTo(303);
            assertThat(http.get("/s/" + code + "/done", "Accept", "text/html").status()).isEqualTo(200);
            assertThat(http.get(api).status()).isEqualTo(200);
            String key = UUID.randomUUID().toString();
            assertThat(http.postJson(api + "/responses", ANSWERS, "Idempotency-Key", key).status()).isEqualTo(201);
            assertThat(http.postJson(api + "/responses", "{\"answers\": {\"grade\": 7, \"dem1\": 4}}",
                    "Idempotency-Key", key).status()).isEqualTo(409);
            assertThat(http.postJson(api + "/responses", "{\"answers\": {\"grade\": 99}}",
                    "Idempotency-Key", UUID.randomUUID().toString()).status()).isEqualTo(422);
            assertThat(http.postJson(api + "/responses", "{broken", "Idempotency-Key", UUID.randomUUID().toString())
                    .status()).isEqualTo(400);
            assertThat(http.send("PUT", api + "/responses", "application/json", ANSWERS.getBytes(StandardCharsets.UTF_8))
                    .status()).isEqualTo(405);

            pg.close();   // the database goes away
            Http.Response down = http.postJson(api + "/responses", ANSWERS, "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(down.status()).as(down.body()).isEqualTo(503);
            assertThat(http.json(down).get("instance").getStringValue()).isEqualTo("/api/v1/surveys/**********/responses");
            assertThat(http.get("/s/" + code, "Accept", "text/html").status()).isEqualTo(503);
            assertThat(http.get(api).status()).isEqualTo(503);
            pg = ExternalDatabaseTest.startServer(data, port);   // and comes back

            // a meter tagged with a raw path (no route template) is masked as well
            app.getBean(MeterRegistry.class).counter("uklad.test.raw.path", "uri", "/s/" + code).increment();
            Http.Response metrics = null;
            for (int attempt = 0; attempt < 20; attempt++) {
                metrics = http.admin("GET", "/prometheus", null);
                if (metrics.status() != 503) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("uri=\"/api/v1/surveys/{code}/responses\"",
                    "uklad_test_raw_path_total{uri=\"/s/**********\"}");
            assertThat(metrics.body().toUpperCase(Locale.ROOT)).doesNotContain(code, code.substring(0, 5) + "-" + code.substring(5));
        } finally {
            root.detachAppender(captured);
            pg.close();
        }

        List<String> lines = written(captured.list);
        assertThat(lines).anyMatch(l -> l.contains("Database unavailable on POST /api/v1/surveys/**********/responses"));
        for (String line : lines) {
            assertThat(line.toUpperCase(Locale.ROOT)).doesNotContain(code, code.substring(0, 5) + "-" + code.substring(5));
        }
    }
}
