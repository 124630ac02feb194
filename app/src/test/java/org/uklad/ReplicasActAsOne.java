package org.uklad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.uklad.account.StaffAgent;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;
import org.uklad.support.Parallel;

/**
 * What two replicas of the service on ONE PostgreSQL must show, as behind a load balancer that
 * spreads a client's requests: they behave as one service. Everything is asked over HTTP; the
 * database is read directly only to count what was stored. {@link TwoReplicasTest} runs it on two
 * application contexts in one JVM, {@link TwoProcessesTest} on two separate service processes.
 */
abstract class ReplicasActAsOne {

    /** The two replicas behind the balancer. */
    enum Replica { A, B }

    /** A client at this loopback address (one of 127.0.0.0/8, so the throttles count it apart) talking to one replica. */
    abstract Http http(Replica replica, String address);

    /** Builds schools, waves and codes through replica A's administration API. */
    Fixture fixture() {
        return new Fixture(http(Replica.A, "127.0.0.1"));
    }

    /** The shared database, read directly. */
    abstract Database db();

    /** A new, active psychologist account of the school that signs in with {@link StaffAgent#PASSWORD}; its login. */
    abstract String psychologist(long school);

    /**
     * Keeps both replicas' background publication steps running until closed, as after a crash
     * between commit and publication, so they race the submissions' own publication.
     */
    abstract AutoCloseable publicationStepsRunning();

    static String guess(int i) {
        return String.format("YYYYY%05d", i).replace('0', 'W').replace('1', 'X');
    }

    @Test
    void aGuesserAlternatingBetweenTheReplicasGetsTheBudgetOfOne() {
        String code = fixture().sharedExampleCode();
        Http toA = http(Replica.A, "127.0.0.31");
        Http toB = http(Replica.B, "127.0.0.31");
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
        assertThat(http(Replica.B, "127.0.0.32").get("/api/v1/surveys/" + code).status()).as("another client").isEqualTo(200);
    }

    @Test
    void aBurstOfGuessesSplitAcrossTheReplicasIsLookedUpExactlyThirtyTimes() {
        Http toA = http(Replica.A, "127.0.0.33");
        Http toB = http(Replica.B, "127.0.0.33");
        List<Http.Response> answers = Parallel.run(200, i -> (i % 2 == 0 ? toA : toB).get("/api/v1/surveys/" + guess(1000 + i)));
        assertThat(answers.stream().filter(r -> r.status() == 404).count()).isEqualTo(30);
        assertThat(answers.stream().filter(r -> r.status() == 429).count()).isEqualTo(170);
    }

    @Test
    void wrongPasswordsForOneLoginCountOnceAcrossTheReplicas() {
        String login = psychologist(fixture().school("SHNRO"));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {   // each from its own address, so only the login's count (10) applies
            statuses.add(new StaffAgent(http(i % 2 == 0 ? Replica.A : Replica.B, "127.0.1." + (i + 1))).signIn(login, "wrong " + i).status());
        }
        assertThat(statuses.subList(0, 10)).containsOnly(401);
        assertThat(statuses.subList(10, 12)).containsOnly(429);
        assertThat(new StaffAgent(http(Replica.A, "127.0.1.50")).signIn(login, StaffAgent.PASSWORD).status())
                .as("the right password waits, on either replica").isEqualTo(429);
    }

    @Test
    void aSessionBegunOnOneReplicaHoldsOnTheOtherAndEndsOnBoth() {
        String login = psychologist(fixture().school("SHNRO"));
        StaffAgent onA = new StaffAgent(http(Replica.A, "127.0.0.41")).signedIn(login, StaffAgent.PASSWORD);
        StaffAgent onB = new StaffAgent(http(Replica.B, "127.0.0.41"));
        onB.cookies.putAll(onA.cookies);   // the balancer sends the same browser to B

        assertThat(onB.get("/staff").status()).as("signed in on B").isEqualTo(200);
        assertThat(onB.postWithCsrf("/staff/logout").status()).as("the session's CSRF token holds on B").isEqualTo(303);
        assertThat(onA.get("/staff").status()).as("signed out on A too").isEqualTo(303);

        StaffAgent again = new StaffAgent(http(Replica.A, "127.0.0.42")).signedIn(login, StaffAgent.PASSWORD);
        StaffAgent sameOnB = new StaffAgent(http(Replica.B, "127.0.0.42"));
        sameOnB.cookies.putAll(again.cookies);
        assertThat(sameOnB.get("/staff").status()).isEqualTo(200);
        assertThat(again.postWithCsrf("/staff/logout").status()).isEqualTo(303);
        assertThat(sameOnB.get("/staff").status()).as("sign-out on A ends it on B").isEqualTo(303);
    }

    @Test
    void submissionsOfOneGroupSplitAcrossTheReplicasArePublishedExactlyOnce() throws Exception {
        long school = fixture().school("SHNRO");
        long wave = fixture().openWave("example");
        String code = fixture().codes(wave, school, "example", "7А", 1, 100).getFirst();
        int submitted = 4 * Fixture.K + 3;
        List<Http.Response> answers;
        try (AutoCloseable steps = publicationStepsRunning()) {
            answers = Parallel.run(submitted, i -> (i % 2 == 0 ? http(Replica.A, "127.0.0.51") : http(Replica.B, "127.0.0.52"))
                    .postJson("/api/v1/surveys/" + code + "/responses", answersJson(Fixture.exampleRow(new Integer[] {i % 4 + 1, 4, 3, 2})),
                            "Idempotency-Key", UUID.randomUUID().toString()));
        }
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));

        // a group's round may still be publishing in the background (its own thread, or a replica's
        // step): read at a quiet moment, when two readings agree and only a remainder under k waits
        long published = db().published(code);
        long held = db().held(code);
        for (int i = 0; i < 150; i++) {
            Thread.sleep(100);
            long p = db().published(code);
            long h = db().held(code);
            boolean quiet = p == published && h == held && h < Fixture.K;
            published = p;
            held = h;
            if (quiet) {
                break;
            }
        }
        assertThat(published + held).as("every submission once: published or held, never both, never twice").isEqualTo(submitted);
        assertThat(held).as("only a remainder under k waits").isLessThan(Fixture.K);
        assertThat(published).isGreaterThanOrEqualTo(3L * Fixture.K);
        assertThat(db().count("SELECT count(*) FROM response_answer a JOIN response r ON r.id = a.response_id WHERE r.wave_id = ? AND a.item_id = 'dem1'",
                wave)).as("each published response's answers once").isEqualTo(published);
    }

    @Test
    void theIndicesReadOnBShowWhatWasAnsweredThroughA() {
        long school = fixture().school("SHNRO");
        long wave = fixture().openWave("example");
        fixture().exampleAnswers(wave, school, new Integer[][] {{1, 2, 3, 4}, {2, 3, 4, 1}});
        String path = "/api/v1/admin/waves/" + wave + "/schools/" + school + "/indices";
        Http onA = http(Replica.A, "127.0.0.61");
        Http onB = http(Replica.B, "127.0.0.61");
        assertThat(respondents(onB.admin("GET", path, null))).as("under k: nothing shown yet").isEmpty();

        fixture().exampleAnswers(wave, school, new Integer[][] {{3, 4, 1, 2}, {4, 1, 2, 3}, {1, 1, 2, 2}, {2, 2, 3, 3}});
        long published = db().count("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ?", wave, school);
        assertThat(published).isGreaterThanOrEqualTo(Fixture.K);
        Http.Response fromB = onB.admin("GET", path, null);
        assertThat(respondents(fromB)).as("B's cached result was renewed").contains(published);
        Http.Response fromA = onA.admin("GET", path, null);
        assertThat(fromA.status()).isEqualTo(200);
        assertThat(fromA.body()).as("the same figures on A and B").isEqualTo(fromB.body());
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

    String answersJson(Object value) {
        return http(Replica.A, "127.0.0.1").toJson(Map.of("answers", value));
    }
}
