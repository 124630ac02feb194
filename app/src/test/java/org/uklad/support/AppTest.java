package org.uklad.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.uklad.response.ResponseRelease;

/**
 * Wiring shared by the HTTP tests: the running server, a raw HTTP client, the administration
 * fixture and direct reads of the real database. Subclasses add {@code @MicronautTest}.
 *
 * <p>The service publishes a group that reached k just after answering its k-th respondent, off the
 * request (response/ResponseRelease). The client and the database reads here first wait for the
 * groups already completed to be published, so a test reads what its submissions made, as a
 * person who looks a moment later does.
 */
public abstract class AppTest {

    protected EmbeddedServer server;
    protected Http http;
    protected Fixture fixture;
    protected Database db;

    @Inject
    public void wire(EmbeddedServer server, JsonMapper jsonMapper, DataSource dataSource, ResponseRelease release) {
        this.server = server;
        Runnable settle = () -> {
            if (!release.awaitPublished(SETTLE)) {
                throw new AssertionError("groups handed to the publisher were not published within " + SETTLE);
            }
        };
        this.http = new Http(server.getURI(), jsonMapper, settle);
        this.fixture = new Fixture(http);
        this.db = new Database(dataSource, settle);
    }

    private static final Duration SETTLE = Duration.ofSeconds(30);
}
