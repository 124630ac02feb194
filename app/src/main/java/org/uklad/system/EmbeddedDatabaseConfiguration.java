package org.uklad.system;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Settings of the embedded PostgreSQL used when no {@code datasources.default.url}
 * ({@code DATASOURCES_DEFAULT_URL}) is configured.
 *
 * @param mode    {@code persistent} (data on disk, the default) or {@code temporary} (tests)
 * @param dataDir data directory for persistent mode
 * @param port    fixed port, or 0 for any free port
 */
@ConfigurationProperties("uklad.database.embedded")
public record EmbeddedDatabaseConfiguration(@Nullable String mode, @Nullable String dataDir, @Nullable Integer port) {

    public boolean temporary() {
        return "temporary".equalsIgnoreCase(mode);
    }

    public String dataDirOrDefault() {
        return dataDir == null || dataDir.isBlank() ? "data/postgres" : dataDir;
    }
}
