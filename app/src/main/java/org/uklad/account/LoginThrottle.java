package org.uklad.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.uklad.system.ClientAddresses;
import org.uklad.system.FailureThrottle;

/**
 * Stops password guessing: after {@code perLogin} failed sign-ins for one login (default 10), or
 * {@code perClient} from one network address (default 30, see {@link ClientAddresses}), within {@code window} (default 15
 * minutes), further attempts are refused with 429 until the window moves on, even with the right
 * password. Unknown logins are counted the same way, so the answer never tells whether a login
 * exists.
 */
@Singleton
final class LoginThrottle {

    @ConfigurationProperties("uklad.accounts.login-throttle")
    record Settings(@Nullable Integer perLogin, @Nullable Integer perClient, @Nullable Duration window) {}

    private final ClientAddresses clients;
    private final FailureThrottle byLogin;
    private final FailureThrottle byClient;

    LoginThrottle(Settings settings, ClientAddresses clients) {
        this.clients = clients;
        Duration window = settings.window() == null ? Duration.ofMinutes(15) : settings.window();
        this.byLogin = new FailureThrottle(settings.perLogin() == null ? 10 : settings.perLogin(), window, Clock.systemUTC());
        this.byClient = new FailureThrottle(settings.perClient() == null ? 30 : settings.perClient(), window, Clock.systemUTC());
    }

    private static String key(String login) {
        String normalized = Accounts.normalizeLogin(login);
        return normalized.length() > 64 ? "" : normalized;   // no login is longer; never keep a huge key
    }

    /** Seconds to wait before this client may try this login again, or empty. */
    OptionalLong blockedFor(HttpRequest<?> request, String login) {
        OptionalLong client = byClient.blockedFor(clients.of(request));
        OptionalLong account = byLogin.blockedFor(key(login));
        if (client.isEmpty()) {
            return account;
        }
        return account.isEmpty() ? client : OptionalLong.of(Math.max(client.getAsLong(), account.getAsLong()));
    }

    void failed(HttpRequest<?> request, String login) {
        byClient.fail(clients.of(request));
        byLogin.fail(key(login));
    }

    void succeeded(String login) {
        byLogin.clear(key(login));
    }
}
