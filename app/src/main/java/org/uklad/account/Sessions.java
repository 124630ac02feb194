package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import org.uklad.system.Hashes;
import org.uklad.account.AccountRepositories.StaffSessionRepository;

/**
 * Server-side sessions in PostgreSQL. The browser holds 256 random bits in the
 * {@value #COOKIE} cookie; the table holds only their SHA-256. Idle and absolute timeouts come from
 * {@code uklad.session.*}.
 */
@Singleton
public class Sessions {

    public static final String COOKIE = "UKLAD_SESSION";
    /** Touching last_seen_at at most this often keeps a busy page from writing on every request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final StaffSessionRepository sessions;
    private final AccountConfiguration.Session configuration;
    private final SecureRandom random = new SecureRandom();

    Sessions(StaffSessionRepository sessions, AccountConfiguration.Session configuration) {
        this.sessions = sessions;
        this.configuration = configuration;
    }

    /** A new session: the cookie value (to send once, never to log) and the stored row. */
    record Started(String token, StaffSession session) {}

    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static String hash(String token) {
        return Hashes.sha256Hex(token);
    }

    /** A new session; its first page tells of {@code failedSignIns} wrong passwords since the last sign-in. */
    @Transactional
    Started start(long accountId, int failedSignIns) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        sessions.deleteStale(now, now.minus(configuration.idle()));
        String token = randomToken();
        StaffSession saved = sessions.save(new StaffSession(null, hash(token), accountId, randomToken(), now, now,
                now.plus(configuration.absolute()), failedSignIns));
        return new Started(token, saved);
    }

    /** The failed sign-ins this session began with have been shown. */
    void failedSignInsShown(StaffSession session) {
        sessions.failedSignInsShown(session.id());
    }

    /** The live session behind a cookie value; extends its idle deadline. */
    Optional<StaffSession> find(@Nullable String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        Optional<StaffSession> found = sessions.findByTokenHash(hash(token));
        if (found.isEmpty()) {
            return found;
        }
        StaffSession s = found.get();
        Instant now = Instant.now();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(configuration.idle()))) {
            sessions.deleteById(s.id());
            return Optional.empty();
        }
        if (now.isAfter(s.lastSeenAt().plus(TOUCH_EVERY))) {
            sessions.touch(s.id(), now.truncatedTo(ChronoUnit.MICROS));
        }
        return found;
    }

    void end(@Nullable String token) {
        if (token != null && !token.isEmpty()) {
            sessions.deleteByTokenHash(hash(token));
        }
    }


    Cookie cookie(String token) {
        return Cookie.of(COOKIE, token).path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(configuration.secure()).maxAge(configuration.absolute());
    }

    Cookie expiredCookie() {
        return Cookie.of(COOKIE, "").path("/").httpOnly(true).sameSite(SameSite.Lax)
                .secure(configuration.secure()).maxAge(0);
    }

    boolean secureCookies() {
        return configuration.secure();
    }
}
