package org.uklad;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.response.ResponseRelease;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;
import org.uklad.system.ReadReplica;

/**
 * Two replicas of the service — two application contexts, each with its own singletons and
 * server, in one JVM — on ONE PostgreSQL behave as one service ({@link ReplicasActAsOne}). Replica
 * B also reads its indices and exports through the read datasource ({@link ReadReplica}), here
 * pointed at the same database.
 */
class TwoReplicasTest extends ReplicasActAsOne {

    static ApplicationContext a;
    static ApplicationContext b;
    static Database db;
    /** Waits until every group at k is published (by either replica): the tests read after their submissions. */
    static Runnable settle;
    static JsonMapper json;

    @BeforeAll
    static void startTwoReplicas() {
        a = ApplicationContext.run(EmbeddedServer.class, Map.of(), "test").getApplicationContext();
        DatasourceConfiguration primary = a.getBean(DatasourceConfiguration.class, Qualifiers.byName("default"));
        String url = primary.getUrl();
        b = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "datasources.default.url", url, "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.read.url", url, "datasources.read.username", "postgres",
                "datasources.read.password", "postgres"), "test").getApplicationContext();
        json = a.getBean(JsonMapper.class);
        settle = Database.untilNothingAwaitsPublication(a.getBean(DataSource.class), Fixture.K);
        db = new Database(a.getBean(DataSource.class), settle);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Override
    Http http(Replica replica, String address) {
        return http(replica == Replica.A ? a : b, address);
    }

    @Override
    Database db() {
        return db;
    }

    @Override
    String psychologist(long school) {
        return StaffAgent.account(a.getBean(Accounts.class), Role.PSYCHOLOGIST, List.of(school));
    }

    /** Both replicas' publication steps, called in a loop (the tests' interval is an hour). */
    @Override
    AutoCloseable publicationStepsRunning() {
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> loops = List.of(releaseLoop(a, running), releaseLoop(b, running));
        return () -> {
            running.set(false);
            CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).get();
        };
    }

    /** A client at this loopback address talking to one replica. */
    static Http http(ApplicationContext replica, String address) {
        int port = replica.getBean(EmbeddedServer.class).getPort();
        return new Http(URI.create("http://127.0.0.1:" + port), json, settle).from(address);
    }

    static CompletableFuture<Void> releaseLoop(ApplicationContext replica, AtomicBoolean running) {
        ResponseRelease release = replica.getBean(ResponseRelease.class);
        var step = replica.getBeanDefinition(ResponseRelease.class).findMethod("releaseDue").orElseThrow();
        return CompletableFuture.runAsync(() -> {
            while (running.get()) {
                step.invoke(release);
            }
        });
    }

    @Test
    void replicaBReadsThroughItsReadDatasource() {
        assertThat(b.getBean(ReadReplica.class).separate()).as("B reads through its read datasource").isTrue();
        assertThat(a.getBean(ReadReplica.class).separate()).isFalse();
    }
}
