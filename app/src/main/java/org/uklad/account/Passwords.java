package org.uklad.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * bcrypt hashing of staff passwords. Passwords longer than bcrypt's 72 bytes are pre-hashed with
 * SHA-512 rather than silently truncated. {@link #verifyDummy} spends the same time as a real
 * check, so a failed sign-in does not reveal whether the login exists.
 */
@Singleton
final class Passwords {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(Passwords.class);
    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2B;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final int cost;
    private final SecureRandom random = new SecureRandom();
    private final String dummyHash;

    Passwords(AccountConfiguration.Accounts configuration) {
        this.cost = configuration.cost();
        if (cost < 12) {
            LOG.warn("Password hash cost is {} (below 12): acceptable for tests only", cost);
        }
        this.dummyHash = hash(random(20));
    }

    String hash(String password) {
        return new String(BCrypt.with(VERSION, random, LongPasswordStrategies.hashSha512(VERSION))
                .hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION))
                .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Burns the time of one verification for a login that does not exist. */
    void verifyDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }

    /** A random password of {@code length} characters without look-alikes (≈ 5.8 bits each). */
    String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
