package org.uklad.wave;

import org.uklad.account.StaffAgent;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.support.Http;

/** Accounts, schools and submissions shared by the wave tests. */
final class WaveTestSupport {

    static final String PASSWORD = "wave test password";
    static final AtomicInteger COUNTER = new AtomicInteger();

    /** A valid answer set of the example questionnaire. */
    static final String EXAMPLE_ANSWERS = """
            {"answers": {"grade": 7, "dem1": 4, "dem2": 1, "com1": 3, "com2": 2,
                         "bullied": "once", "bullied_where": ["corridor", "online"], "comment": "Больше кружков"}}""";

    private WaveTestSupport() {
    }

    static String account(Accounts accounts, Role role, List<Long> schools) {
        String login = role.name().toLowerCase() + "-w" + COUNTER.incrementAndGet();
        accounts.create(login, "Тест " + role.name(), role, schools, PASSWORD, false);
        return login;
    }

    static void submit(Http http, String code) {
        Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses", EXAMPLE_ANSWERS,
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(r.status()).as("a new submission is created, not a replay: " + r.body()).isEqualTo(201);
    }

    static void check(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    /** A GET whose body is kept as bytes (a PDF), with the agent's cookies. */
    static HttpResponse<byte[]> bytes(URI base, StaffAgent agent, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (!agent.cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", agent.cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
