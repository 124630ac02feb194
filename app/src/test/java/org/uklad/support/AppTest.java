package org.uklad.support;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Wiring shared by the HTTP tests: the running server, a raw HTTP client, the administration
 * fixture and direct reads of the real database. Subclasses add {@code @MicronautTest}.
 */
public abstract class AppTest {

    protected EmbeddedServer server;
    protected Http http;
    protected Fixture fixture;
    protected Database db;

    @Inject
    public void wire(EmbeddedServer server, JsonMapper jsonMapper, DataSource dataSource) {
        this.server = server;
        this.http = new Http(server.getURI(), jsonMapper);
        this.fixture = new Fixture(http);
        this.db = new Database(dataSource);
    }
}
