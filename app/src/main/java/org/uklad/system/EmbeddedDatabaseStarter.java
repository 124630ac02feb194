package org.uklad.system;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the default datasource an embedded PostgreSQL when no URL is configured (any other
 * datasource, such as the read replica's, must name its URL). It hooks in
 * just before the datasource settings are used, so everything else (Hikari, Flyway, Micronaut
 * Data) sees an ordinary PostgreSQL URL.
 */
@Singleton
final class EmbeddedDatabaseStarter implements BeanInitializedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseStarter.class);

    private final EmbeddedDatabaseConfiguration configuration;
    private EmbeddedPostgres persistent;

    EmbeddedDatabaseStarter(EmbeddedDatabaseConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public synchronized DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        String url = datasource.getConfiguredUrl();
        if (url != null && !url.isBlank()) {
            return datasource;
        }
        if (!"default".equals(datasource.getName())) {
            // only the primary may be embedded; a read replica named without its URL is a mistake
            throw new IllegalStateException("datasources." + datasource.getName() + ".url (DATASOURCES_"
                    + datasource.getName().toUpperCase(java.util.Locale.ROOT) + "_URL) is not set, but other settings of that datasource are");
        }
        if (configuration.temporary()) {
            String database = EmbeddedPostgresServer.createTemporaryDatabase();
            datasource.setUrl("jdbc:postgresql://localhost:" + EmbeddedPostgresServer.temporaryPort() + "/" + database);
        } else {
            if (persistent == null) {
                int port = configuration.port() == null ? 0 : configuration.port();
                persistent = EmbeddedPostgresServer.startPersistent(Path.of(configuration.dataDirOrDefault()), port);
            }
            datasource.setUrl("jdbc:postgresql://localhost:" + persistent.getPort() + "/postgres");
        }
        datasource.setUsername("postgres");
        datasource.setPassword("postgres");
        LOG.info("Using embedded PostgreSQL at {}", datasource.getUrl());
        return datasource;
    }

    @PreDestroy
    synchronized void stop() throws IOException {
        if (persistent != null) {
            persistent.close();
            persistent = null;
        }
    }
}
