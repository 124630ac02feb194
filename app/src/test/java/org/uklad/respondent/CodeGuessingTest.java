package org.uklad.respondent;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.system.FailureThrottle;
import org.uklad.system.FailureThrottles;
import org.uklad.support.Http;
import org.uklad.support.Parallel;

/**
 * Guessing access codes stops: after 30 unknown codes a client gets 429 for every code, known or
 * not, whatever X-Forwarded-For it sends (by default no proxy is trusted; see TrustedProxyTest).
 */
@MicronautTest(transactional = false)
class CodeGuessingTest extends AppTest {

    @Inject JsonMapper jsonMapper;
    @Inject FailureThrottles throttles;

    static String guess(int i) {
        return String.format("ZZZZZ%05d", i).replace('0', 'A').replace('1', 'B');
    }

    @Test
    void aBurstOfUnknownCodesIsAnsweredExactlyThirtyTimesAndThenRefusedWithOneTrueRetryAfter() {
        Http burst = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.7");
        List<Http.Response> answers = Parallel.run(500, i -> burst.get("/api/v1/surveys/" + guess(i)));

        assertThat(answers.stream().filter(r -> r.status() == 404).count()).as("codes looked up").isEqualTo(30);
        List<Http.Response> refused = answers.stream().filter(r -> r.status() != 404).toList();
        assertThat(refused).hasSize(470).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.raw().headers().allValues("Retry-After")).as("one Retry-After").hasSize(1);
            assertThat(Integer.parseInt(r.header("Retry-After"))).as("until the window moves on").isBetween(540, 600);
        });
        String code = fixture.sharedExampleCode();
        assertThat(burst.get("/s/" + code, "Accept", "text/html").status()).as("even a real code").isEqualTo(429);
    }

    @Test
    void aClassBehindOneAddressOpeningItsSharedCodeAllAtOnceIsAnsweredInFull() {
        String code = fixture.sharedExampleCode();
        Http school = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.8");
        List<Http.Response> answers = Parallel.run(100, i -> school.get("/api/v1/surveys/" + code));
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void guessesThroughTheThankYouPageAreCountedLikeAnyOther() {
        // the thank-you page looks its code up (its wording follows the code's respondents): an
        // unknown code is a 404 there too, so it must cost a guess, or it is a free oracle
        Http burst = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.9");
        List<Http.Response> answers = Parallel.run(200, i -> burst.get("/s/" + guess(i) + "/done", "Accept", "text/html"));

        assertThat(answers.stream().filter(r -> r.status() == 404).count()).as("codes looked up").isEqualTo(30);
        assertThat(answers.stream().filter(r -> r.status() == 429).count()).as("refused").isEqualTo(170);
        String code = fixture.sharedExampleCode();
        assertThat(burst.get("/s/" + code + "/done", "Accept", "text/html").status()).as("even a real code's").isEqualTo(429);
    }

    @Test
    void aBlockedClientIsRefusedOnACodeKnownToExistWhateverTheRouteDoes() {
        String code = fixture.sharedExampleCode();
        Http guesser = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.10");
        Http classmate = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.11");
        // the code is known to exist on this server: its check then runs on the route's thread (CodeLookup)
        assertThat(classmate.get("/api/v1/surveys/" + code).status()).isEqualTo(200);
        assertThat(Parallel.run(40, i -> guesser.get("/api/v1/surveys/" + guess(1000 + i))))
                .filteredOn(r -> r.status() == 404).hasSize(30);
        long keys = db.count("SELECT count(*) FROM submission_key");

        Http.Response submitted = guesser.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": 7, \"dem1\": 4}}", "Idempotency-Key", "blocked-client-0001");
        assertThat(submitted.status()).as("a submission through a real code").isEqualTo(429);
        assertThat(Integer.parseInt(submitted.header("Retry-After"))).isBetween(1, 600);
        assertThat(guesser.json(submitted).get("code").getStringValue()).isEqualTo("too-many-requests");
        assertThat(db.count("SELECT count(*) FROM submission_key")).as("nothing stored").isEqualTo(keys);
        Http.Response form = guesser.get("/s/" + code, "Accept", "text/html");
        assertThat(form.status()).as("the form").isEqualTo(429);
        assertThat(form.body()).contains("Слишком много попыток");
        Http.Response invalid = guesser.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": \"seventh\"}}", "Idempotency-Key", "blocked-client-0003");
        assertThat(invalid.status()).as("answers the code's questionnaire would refuse: no hint that it exists").isEqualTo(429);
        // answered without calling the route's method (unsupported body type): checked after it, still 429
        Http.Response unbound = guesser.send("POST", "/api/v1/surveys/" + code + "/responses", "text/plain",
                "answers".getBytes(java.nio.charset.StandardCharsets.UTF_8), "Idempotency-Key", "blocked-client-0002");
        assertThat(unbound.status()).as("a request its route never ran for").isEqualTo(429);
        assertThat(unbound.raw().headers().allValues("Retry-After")).hasSize(1);

        // the form page's submission makes the same check in its storing statement
        Http.Response page = guesser.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                form("idempotencyKey=blocked-client-0004&a.grade=7&a.dem1=4"), "Accept", "text/html");
        assertThat(page.status()).as("a page submission through a real code").isEqualTo(429);
        assertThat(page.body()).contains("Слишком много попыток");
        assertThat(page.raw().headers().allValues("Retry-After")).hasSize(1);
        assertThat(db.count("SELECT count(*) FROM submission_key")).as("nothing stored").isEqualTo(keys);
        Http.Response wrong = guesser.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                form("idempotencyKey=blocked-client-0005&a.grade=seventh"), "Accept", "text/html");
        assertThat(wrong.status()).as("a page the form would re-show with its errors").isEqualTo(429);
        Http.Response next = guesser.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                form("idempotencyKey=blocked-client-0006&a.grade=7&step=2"), "Accept", "text/html");
        assertThat(next.status()).as("a paged form's next step").isEqualTo(429);

        Http.Response other = classmate.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": 7, \"dem1\": 4}}", "Idempotency-Key", "free-client-00001");
        assertThat(other.status()).as("another device submits").isEqualTo(201);
        Http.Response otherPage = classmate.send("POST", "/s/" + code, "application/x-www-form-urlencoded",
                form("idempotencyKey=free-client-00002&a.grade=7&a.dem1=4"), "Accept", "text/html");
        assertThat(otherPage.status()).as("and through the page: Post/Redirect/Get").isEqualTo(303);
        assertThat(db.count("SELECT count(*) FROM submission_key")).isEqualTo(keys + 2);
    }

    private static byte[] form(String body) {
        return body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aSubmissionWaitsWhileTheClientsOwnGuessesAreOpenAndGoesThroughOnceTheyAreSettled() throws Exception {
        String code = fixture.sharedExampleCode();
        Http client = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from("127.0.0.12");
        assertThat(client.get("/api/v1/surveys/" + code).status()).isEqualTo(200);   // known to exist from now on
        // thirty lookups of this client still open (as if on another replica): no room until they settle
        FailureThrottle sameCounts = throttles.named("access-code", 30, Duration.ofMinutes(10));
        List<FailureThrottle.Attempt> open = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            open.add(sameCounts.reserve("127.0.0.12", Duration.ofSeconds(1)));
        }
        assertThat(open).allMatch(a -> a instanceof FailureThrottle.Reservation);
        Thread settle = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            open.forEach(a -> ((FailureThrottle.Reservation) a).refund());   // they were not guesses
        });
        long keys = db.count("SELECT count(*) FROM submission_key");
        long started = System.nanoTime();
        Http.Response submitted = client.postJson("/api/v1/surveys/" + code + "/responses",
                "{\"answers\": {\"grade\": 7, \"dem1\": 4}}", "Idempotency-Key", "waiting-client-0001");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        settle.join();

        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        assertThat(took).as("it waited for the open lookups").isGreaterThan(Duration.ofSeconds(1));
        assertThat(db.count("SELECT count(*) FROM submission_key")).as("stored once").isEqualTo(keys + 1);
    }

    @Test
    void guessingStopsAfterTheLimitWhileOtherClientsCarryOn() {
        String code = fixture.sharedExampleCode();
        Http guesser = new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper);
        Http classmate = new Http(URI.create("http://[::1]:" + server.getPort()), jsonMapper);
        int notFound = 0;
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            String guess = guess(i);
            // a new X-Forwarded-For each time: no proxy is trusted by default, so the header changes nothing
            String claimed = "203.0.113." + i;
            int status = (i % 2 == 0 ? guesser.get("/api/v1/surveys/" + guess, "X-Forwarded-For", claimed)
                    : guesser.get("/s/" + guess, "Accept", "text/html", "X-Forwarded-For", claimed)).status();
            if (status == 404) {
                notFound++;
            } else if (status == 429) {
                refused++;
            }
        }
        assertThat(notFound).isEqualTo(30);
        assertThat(refused).isEqualTo(10);

        Http.Response known = guesser.get("/api/v1/surveys/" + code, "X-Forwarded-For", "198.51.100.1");
        assertThat(known.status()).as("a throttled client learns nothing, not even about a real code").isEqualTo(429);
        assertThat(known.contentType()).startsWith("application/problem+json");
        assertThat(guesser.json(known).get("code").getStringValue()).isEqualTo("too-many-requests");
        assertThat(Integer.parseInt(known.header("Retry-After"))).isBetween(1, 600);
        Http.Response page = guesser.get("/enter?code=" + code, "Accept", "text/html");
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.body()).contains("Слишком много попыток");

        assertThat(classmate.get("/api/v1/surveys/" + code).status()).as("another device is not affected").isEqualTo(200);
    }
}
