package org.uklad.system;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL binaries started in-process (zonky). Two modes:
 * <ul>
 *   <li>persistent: data in a directory on disk that survives restarts (the default run);</li>
 *   <li>temporary: one throw-away server per JVM, a fresh database per application context
 *       (tests), so test classes never see each other's rows.</li>
 * </ul>
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final AtomicInteger DATABASE_COUNTER = new AtomicInteger();
    private static volatile EmbeddedPostgres sharedTemporary;

    private EmbeddedPostgresServer() {
    }

    static EmbeddedPostgres startPersistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphanedServer(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky starts PostgreSQL tuned for throw-away test data (-F, synchronous_commit=off);
                    // a persistent run keeps answers, so every commit must reach the disk.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            LOG.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), dataDirectory.toAbsolutePath());
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** A fresh, empty database on the JVM-wide temporary server; returns its name. */
    static synchronized String createTemporaryDatabase() {
        try {
            if (sharedTemporary == null) {
                sharedTemporary = EmbeddedPostgres.builder()
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .start();
                EmbeddedPostgres started = sharedTemporary;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting; nothing left to do
                    }
                }));
            }
            String name = "uklad_" + ProcessHandle.current().pid() + "_" + DATABASE_COUNTER.incrementAndGet();
            try (Connection c = sharedTemporary.getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            return name;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Could not start the temporary embedded PostgreSQL", e);
        }
    }

    static int temporaryPort() {
        return sharedTemporary.getPort();
    }

    /**
     * After the app was killed (SIGKILL, power loss) its PostgreSQL child can outlive it and keep
     * the data directory locked. Ask that orphan to shut down (SIGTERM: a clean, smart shutdown)
     * before starting again, so a restart never needs a human.
     */
    private static void stopOrphanedServer(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(firstLine);
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(cmd -> cmd.contains("postgres")).orElse(false))
                .ifPresent(p -> {
                    LOG.warn("Stopping an orphaned embedded PostgreSQL (pid {}) left by an earlier run", pid);
                    p.destroy();
                    try {
                        p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
    }
}
