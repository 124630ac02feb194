package org.uklad.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.uklad.system.ClientAddresses;
import org.uklad.system.FailureThrottle;
import org.uklad.system.FailureThrottles;

/**
 * Stops password guessing: after {@code perLogin} failed sign-ins for one login (default 10), or
 * {@code perClient} from one network address (default 30, see {@link ClientAddresses}), within {@code window} (default 15
 * minutes), further attempts are refused with 429 until the window moves on, even with the right
 * password. Unknown logins are counted the same way, so the answer never tells whether a login
 * exists.
 *
 * <p>Each attempt's failure is reserved before its password is checked and refunded if it was
 * right or could not be checked, so the limits hold exactly however many attempts arrive at once,
 * through however many replicas: the counts are shared in PostgreSQL ({@link FailureThrottle}).
 *
 * <p>A browser with a device cookie for the login ({@link DeviceCookies}) is counted on its own,
 * {@code perDevice} failures (default 5) per window, and neither the login's nor the address's
 * lockout holds it: strangers locking a login out do not lock out its owner.
 */
@Singleton
final class LoginThrottle {

    @ConfigurationProperties("uklad.accounts.login-throttle")
    record Settings(@Nullable Integer perLogin, @Nullable Integer perClient, @Nullable Integer perDevice,
                    @Nullable Duration window) {}

    /** Longer than a check takes even with the hashing queue full; an attempt still open after it is refused. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final ClientAddresses clients;
    private final FailureThrottle byLogin;
    private final FailureThrottle byClient;
    private final FailureThrottle byDevice;

    LoginThrottle(Settings settings, ClientAddresses clients, FailureThrottles throttles) {
        this.clients = clients;
        Duration window = settings.window() == null ? Duration.ofMinutes(15) : settings.window();
        this.byLogin = throttles.named("sign-in-login", settings.perLogin() == null ? 10 : settings.perLogin(), window);
        this.byClient = throttles.named("sign-in-client", settings.perClient() == null ? 30 : settings.perClient(), window);
        this.byDevice = throttles.named("sign-in-device", settings.perDevice() == null ? 5 : settings.perDevice(), window);
    }

    private static String key(String login) {
        String normalized = Accounts.normalizeLogin(login);
        return normalized.length() > 64 ? "" : normalized;   // no login is longer; never keep a huge key
    }

    /** Whether a password may be checked now. */
    sealed interface Admission permits Attempt, Wait {}

    /** Refused: try again in this many seconds. */
    record Wait(long retryAfterSeconds) implements Admission {}

    /** A password check whose failure is already counted; exactly one of its methods settles it. */
    static final class Attempt implements Admission {
        private final List<FailureThrottle.Reservation> reserved;
        private final FailureThrottle clearedOnSuccess;
        private final String key;

        private Attempt(List<FailureThrottle.Reservation> reserved, FailureThrottle clearedOnSuccess, String key) {
            this.reserved = reserved;
            this.clearedOnSuccess = clearedOnSuccess;
            this.key = key;
        }

        void failed() {
            reserved.forEach(FailureThrottle.Reservation::failed);
        }

        /** The right password: the reserved failures are given back and earlier ones forgiven. */
        void succeeded() {
            reserved.forEach(FailureThrottle.Reservation::refund);
            clearedOnSuccess.clear(key);
        }

        /** Nothing was checked (no hashing slot, an error): no-op once settled otherwise. */
        void unchecked() {
            reserved.forEach(FailureThrottle.Reservation::refund);
        }
    }

    Admission admit(HttpRequest<?> request, String login, Optional<DeviceCookies.Device> device) {
        if (device.isPresent()) {
            return switch (byDevice.reserve(device.get().id(), MAX_WAIT)) {
                case FailureThrottle.Refused refused -> new Wait(refused.retryAfterSeconds());
                case FailureThrottle.Reservation mine -> new Attempt(List.of(mine), byDevice, device.get().id());
            };
        }
        String account = key(login);
        FailureThrottle.Attempt fromClient = byClient.reserve(clients.of(request), MAX_WAIT);
        if (fromClient instanceof FailureThrottle.Refused refused) {
            // say the longer wait when the login is locked too
            return new Wait(Math.max(refused.retryAfterSeconds(), byLogin.blockedFor(account).orElse(0)));
        }
        FailureThrottle.Reservation client = (FailureThrottle.Reservation) fromClient;
        return switch (byLogin.reserve(account, MAX_WAIT)) {
            case FailureThrottle.Refused refused -> {
                client.refund();
                yield new Wait(refused.retryAfterSeconds());
            }
            case FailureThrottle.Reservation mine -> new Attempt(List.of(client, mine), byLogin, account);
        };
    }
}
