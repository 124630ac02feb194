package org.uklad.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.uklad.system.ServerSecrets;

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser that
 * signed in to a login gets a cookie naming that login, a random device id and an expiry, signed
 * with HMAC-SHA256. A sign-in to that login carrying it is not held by the login's lockout, which
 * anyone can cause from anywhere; it has its own small budget of failures per device
 * ({@link LoginThrottle}). HttpOnly, SameSite=Strict and sent to the sign-in form only.
 */
@Singleton
final class DeviceCookies {

    static final String COOKIE = "UKLAD_DEVICE";
    static final Duration LIFETIME = Duration.ofDays(180);
    private static final String SECRET_NAME = "device-cookie";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();

    /** A device that signed in to {@code login} before; {@code id} keys its own failure budget. */
    record Device(String login, String id) {}

    private final ServerSecrets secrets;
    private final Sessions sessions;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final byte[] configuredKey;
    private volatile byte[] key;

    DeviceCookies(ServerSecrets secrets, Sessions sessions, AccountConfiguration.Accounts configuration) {
        this.secrets = secrets;
        this.sessions = sessions;
        String configured = configuration.deviceCookieKey();
        if (configured != null && !configured.isBlank() && configured.strip().length() < 32) {
            throw new IllegalStateException("uklad.accounts.device-cookie-key must be at least 32 characters");
        }
        this.configuredKey = configured == null || configured.isBlank() ? null
                : configured.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** The request's device cookie, if it is genuine, unexpired and for {@code login} (as typed). */
    Optional<Device> read(HttpRequest<?> request, String login) {
        String normalized = Accounts.normalizeLogin(login);
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(value -> {
            String[] parts = value.split("~", -1);
            if (parts.length != 4 || !parts[0].equals(normalized) || !parts[2].matches("\\d{1,12}")
                    || Long.parseLong(parts[2]) <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            byte[] given;
            try {
                given = B64_DECODER.decode(parts[3]);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            return MessageDigest.isEqual(given, sign(parts[0] + "~" + parts[1] + "~" + parts[2]))
                    ? Optional.of(new Device(parts[0], parts[1])) : Optional.empty();
        });
    }

    /** A fresh cookie for this browser after it signed in to {@code login}. */
    Cookie issue(String login) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = login + "~" + B64.encodeToString(id) + "~" + clock.instant().plus(LIFETIME).getEpochSecond();
        return Cookie.of(COOKIE, payload + "~" + B64.encodeToString(sign(payload))).path(StaffPaths.LOGIN)
                .httpOnly(true).sameSite(SameSite.Strict).secure(sessions.secureCookies()).maxAge(LIFETIME);
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configured key, else the one in the database (made by whichever replica needed it first). */
    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = configuredKey != null ? configuredKey : secrets.secret(SECRET_NAME);
                }
                k = key;
            }
        }
        return k;
    }
}
