package org.uklad;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.uklad.support.Parallel;
import org.uklad.system.ReadReplica;

/**
 * Two replicas of the service — two application contexts, each with its own singletons and
 * server, in one JVM — on ONE PostgreSQL, as behind a load balancer that spreads a client's
 * requests: they behave as one service. Replica B also reads its indices and exports through the
 * read datasource ({@link ReadReplica}), here pointed at the same database.
 */
class TwoReplicasTest {

    static ApplicationContext a;
    static ApplicationContext b;
    static Http httpA;
    static Http httpB;
    static Fixture fixture;
    static Database db;
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
        httpA = http(a, "127.0.0.1");
        httpB = http(b, "127.0.0.1");
        fixture = new Fixture(httpA);
        db = new Database(a.getBean(DataSource.class));
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

    /** A client at this loopback address talking to one replica. */
    static Http http(ApplicationContext replica, String address) {
        int port = replica.getBean(EmbeddedServer.class).getPort();
        return new Http(URI.create("http://127.0.0.1:" + port), json).from(address);
    }

    static String guess(int i) {
        return String.format("YYYYY%05d", i).replace('0', 'W').replace('1', 'X');
    }

    @Test
    void aGuesserAlternatingBetweenTheReplicasGetsTheBudgetOfOne() {
        String code = fixture.sharedExampleCode();
        Http toA = http(a, "127.0.0.31");
        Http toB = http(b, "127.0.0.31");
        int notFound = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            int status = (i % 2 == 0 ? toA : toB).get("/api/v1/surveys/" + guess(i)).status();
            notFound += status == 404 ? 1 : 0;
            refused += status == 429 ? 1 : 0;
        }
        assertThat(notFound).as("unknown codes looked up, on both replicas together").isEqualTo(30);
        assertThat(refused).isEqualTo(10);
        assertThat(toA.get("/api/v1/surveys/" + code).status()).as("a real code, on A").isEqualTo(429);
        assertThat(toB.get("/api/v1/surveys/" + code).status()).as("and on B").isEqualTo(429);
        assertThat(http(b, "127.0.0.32").get("/api/v1/surveys/" + code).status()).as("another client").isEqualTo(200);
    }

    @Test
    void aBurstOfGuessesSplitAcrossTheReplicasIsLookedUpExactlyThirtyTimes() {
        Http toA = http(a, "127.0.0.33");
        Http toB = http(b, "127.0.0.33");
        List<Http.Response> answers = Parallel.run(200, i -> (i % 2 == 0 ? toA : toB).get("/api/v1/surveys/" + guess(1000 + i)));
        assertThat(answers.stream().filter(r -> r.status() == 404).count()).isEqualTo(30);
        assertThat(answers.stream().filter(r -> r.status() == 429).count()).isEqualTo(170);
    }

    @Test
    void wrongPasswordsForOneLoginCountOnceAcrossTheReplicas() {
        String login = StaffAgent.account(a.getBean(Accounts.class), Role.PSYCHOLOGIST, List.of(fixture.school("SHNRO")));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {   // each from its own address, so only the login's count (10) applies
            statuses.add(new StaffAgent(http(i % 2 == 0 ? a : b, "127.0.1." + (i + 1))).signIn(login, "wrong " + i).status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(new StaffAgent(http(a, "127.0.1.50")).signIn(login, StaffAgent.PASSWORD).status())
                .as("the right password waits, on either replica").isEqualTo(429);
    }

    @Test
    void aSessionBegunOnOneReplicaHoldsOnTheOtherAndEndsOnBoth() {
        String login = StaffAgent.account(a.getBean(Accounts.class), Role.PSYCHOLOGIST, List.of(fixture.school("SHNRO")));
        StaffAgent onA = new StaffAgent(http(a, "127.0.0.41")).signedIn(login, StaffAgent.PASSWORD);
        StaffAgent onB = new StaffAgent(http(b, "127.0.0.41"));
        onB.cookies.putAll(onA.cookies);   // the balancer sends the same browser to B

        assertThat(onB.get("/staff").status()).as("signed in on B").isEqualTo(200);
        assertThat(onB.postWithCsrf("/staff/logout").status()).as("the session's CSRF token holds on B").isEqualTo(303);
        assertThat(onA.get("/staff").status()).as("signed out on A too").isEqualTo(303);

        StaffAgent again = new StaffAgent(http(a, "127.0.0.42")).signedIn(login, StaffAgent.PASSWORD);
        StaffAgent sameOnB = new StaffAgent(http(b, "127.0.0.42"));
        sameOnB.cookies.putAll(again.cookies);
        assertThat(sameOnB.get("/staff").status()).isEqualTo(200);
        assertThat(again.postWithCsrf("/staff/logout").status()).isEqualTo(303);
        assertThat(sameOnB.get("/staff").status()).as("sign-out on A ends it on B").isEqualTo(303);
    }

    @Test
    void submissionsOfOneGroupSplitAcrossTheReplicasArePublishedExactlyOnce() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 100).getFirst();
        int submitted = 4 * Fixture.K + 3;
        // both replicas' background steps run all the while, as after a crash between commit and publication
        AtomicBoolean running = new AtomicBoolean(true);
        List<CompletableFuture<Void>> background = List.of(releaseLoop(a, running), releaseLoop(b, running));
        List<Http.Response> answers = Parallel.run(submitted, i -> (i % 2 == 0 ? http(a, "127.0.0.51") : http(b, "127.0.0.52"))
                .postJson("/api/v1/surveys/" + code + "/responses", answersJson(Fixture.exampleRow(new Integer[] {i % 4 + 1, 4, 3, 2})),
                        "Idempotency-Key", UUID.randomUUID().toString()));
        running.set(false);
        CompletableFuture.allOf(background.toArray(CompletableFuture[]::new)).get();
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));

        long published = db.published(code);
        long held = db.held(code);
        assertThat(published + held).as("every submission once: published or held, never both, never twice").isEqualTo(submitted);
        assertThat(held).as("only a remainder under k waits").isLessThan(Fixture.K);
        assertThat(published).isGreaterThanOrEqualTo(3L * Fixture.K);
        assertThat(db.count("SELECT count(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = ? AND a.item_id = 'dem1'",
                wave)).as("each published response's answers once").isEqualTo(published);
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
    void theIndicesReadOnBShowWhatWasAnsweredThroughA() {
        assertThat(b.getBean(ReadReplica.class).separate()).as("B reads through its read datasource").isTrue();
        assertThat(a.getBean(ReadReplica.class).separate()).isFalse();
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, school, new Integer[][] {{1, 2, 3, 4}, {2, 3, 4, 1}});
        String path = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/indices";
        assertThat(respondents(httpB.admin("GET", path, null))).as("under k: nothing shown yet").isEmpty();

        fixture.exampleAnswers(wave, school, new Integer[][] {{3, 4, 1, 2}, {4, 1, 2, 3}, {1, 1, 2, 2}, {2, 2, 3, 3}});
        long published = db.count("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ?", wave, school);
        assertThat(published).isGreaterThanOrEqualTo(Fixture.K);
        assertThat(respondents(httpB.admin("GET", path, null))).as("B's cached result was renewed").contains(published);
        assertThat(respondents(httpA.admin("GET", path, null))).isEqualTo(respondents(httpB.admin("GET", path, null)));
    }

    /** The respondent counts a school's indices name (none while under k). */
    static List<Long> respondents(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"respondents\":(\\d+)").matcher(r.body());
        List<Long> out = new ArrayList<>();
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out.stream().distinct().toList();
    }

    static String answersJson(Object value) {
        return httpA.toJson(Map.of("answers", value));
    }
}
