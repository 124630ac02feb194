package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Behind a trusted reverse proxy (here 127.0.0.1) each respondent and each staff member has their
 * own guessing and sign-in budget, keyed on X-Forwarded-For; a peer that is not a trusted proxy
 * (here ::1) cannot escape its budget by sending the header.
 */
@MicronautTest(transactional = false)
@Property(name = "uklad.trusted-proxies", value = "127.0.0.1/32")
@Property(name = "uklad.accounts.login-throttle.per-client", value = "5")
class TrustedProxyTest extends AppTest {

    private static final String XFF = "X-Forwarded-For";

    @Inject JsonMapper jsonMapper;
    @Inject Accounts accounts;

    private Http proxy() {
        return new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper);
    }

    private Http untrustedPeer() {
        return new Http(URI.create("http://[::1]:" + server.getPort()), jsonMapper);
    }

    private static String guess(int i) {
        return String.format("QQQQQ%05d", i).replace('0', 'A').replace('1', 'B');
    }

    @Test
    void respondentsBehindTheProxyHaveSeparateCodeGuessingBudgets() {
        String code = fixture.sharedExampleCode();
        Http proxy = proxy();
        int notFound = 0;
        for (int i = 0; i < 30; i++) {
            // nginx appends the guesser's address to whatever the guesser wrote itself
            Http.Response r = proxy.get("/api/v1/surveys/" + guess(i), XFF, "198.51.100." + i + ", 203.0.113.10");
            notFound += r.status() == 404 ? 1 : 0;
        }
        assertThat(notFound).isEqualTo(30);
        Http.Response refused = proxy.get("/api/v1/surveys/" + code, XFF, "198.51.100.99, 203.0.113.10");
        assertThat(refused.status()).as("the guesser's own prefix does not make it someone else").isEqualTo(429);
        assertThat(proxy.json(refused).get("code").getStringValue()).isEqualTo("too-many-requests");
        assertThat(proxy.get("/s/" + code, "Accept", "text/html", XFF, "203.0.113.10").status()).isEqualTo(429);

        Http.Response classmate = proxy.get("/api/v1/surveys/" + guess(99), XFF, "203.0.113.20");
        assertThat(classmate.status()).as("a classmate behind the same proxy mistypes and gets the normal answer").isEqualTo(404);
        assertThat(proxy.json(classmate).get("code").getStringValue()).isEqualTo("code-unknown");
        assertThat(proxy.get("/api/v1/surveys/" + code, XFF, "203.0.113.20").status()).isEqualTo(200);
        assertThat(proxy.get("/s/" + code, "Accept", "text/html", XFF, "2001:db8::20").status()).isEqualTo(200);
        assertThat(proxy.get("/api/v1/surveys/" + code, XFF, "not an address").status())
                .as("a malformed header counts for the proxy itself, which has not guessed").isEqualTo(200);
    }

    @Test
    void headersFromAPeerThatIsNotATrustedProxyDoNotEscapeTheThrottle() {
        String code = fixture.sharedExampleCode();
        Http direct = untrustedPeer();
        for (int i = 0; i < 30; i++) {
            assertThat(direct.get("/api/v1/surveys/" + guess(100 + i), XFF, "203.0.113." + i).status()).isEqualTo(404);
        }
        assertThat(direct.get("/api/v1/surveys/" + code, XFF, "203.0.113.250").status()).isEqualTo(429);
        assertThat(proxy().get("/api/v1/surveys/" + code, XFF, "203.0.113.250").status())
                .as("the same claimed address through the proxy is someone else").isEqualTo(200);
    }

    @Test
    void signInFailuresCountPerClientBehindTheProxy() {
        long school = fixture.school("SHNRO");
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(school));
        Http proxy = proxy();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(proxy, "203.0.113.30", "nobody" + i, "guess").status()).isEqualTo(401);
        }
        assertThat(signIn(proxy, "203.0.113.30", login, StaffAgent.PASSWORD).status())
                .as("five failures from this client: even the right password waits").isEqualTo(429);
        assertThat(signIn(proxy, "203.0.113.40", login, StaffAgent.PASSWORD).status())
                .as("a colleague behind the same proxy signs in").isEqualTo(303);

        Http direct = untrustedPeer();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(direct, "198.51.100." + i, "nobody" + i, "guess").status()).isEqualTo(401);
        }
        assertThat(signIn(direct, "198.51.100.200", login, StaffAgent.PASSWORD).status())
                .as("a direct client cannot change its address with the header").isEqualTo(429);
    }

    private static Http.Response signIn(Http via, String forwardedFor, String login, String password) {
        StaffAgent agent = new StaffAgent(via);
        assertThat(agent.send("GET", "/staff/login", null, null, "Accept", StaffAgent.HTML, XFF, forwardedFor).status()).isEqualTo(200);
        return agent.send("POST", "/staff/login", "application/x-www-form-urlencoded",
                StaffAgent.form("csrfToken", agent.csrf, "login", login, "password", password), "Accept", StaffAgent.HTML, XFF, forwardedFor);
    }
}
