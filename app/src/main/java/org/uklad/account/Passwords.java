package org.uklad.account;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * bcrypt hashing of staff passwords. Passwords longer than bcrypt's 72 bytes are pre-hashed with
 * SHA-512 rather than silently truncated. {@link #verifyDummy} spends the same time as a real
 * check, so a failed sign-in does not reveal whether the login exists.
 *
 * <p>bcrypt is all processor and never yields, so it runs on a few platform threads of its own
 * with a short queue (see {@link AccountConfiguration.Accounts}): on the request's virtual
 * threads, a hundred sign-ins at once would hold every carrier thread for seconds and respondents'
 * submissions would wait behind them. When the queue is full the caller gets 503 with Retry-After
 * ({@link ProblemException} {@code SERVICE_UNAVAILABLE}) and nothing was checked.
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
    private final ThreadPoolExecutor hashing;
    /** Every password verification, real or dummy: what a guesser gets checked. */
    private final Counter checks;

    Passwords(AccountConfiguration.Accounts configuration, MeterRegistry meters) {
        this.cost = configuration.cost();
        if (cost < 12) {
            LOG.warn("Password hash cost is {} (below 12): acceptable for tests only", cost);
        }
        int threads = configuration.hashingThreads();
        this.hashing = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(configuration.hashingQueue()),
                Thread.ofPlatform().name("password-hashing-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
        this.checks = meters.counter("uklad.password.checks");
        this.dummyHash = bcryptHash(random(20));
    }

    @PreDestroy
    void stop() {
        hashing.shutdownNow();
    }

    String hash(String password) {
        return onHashingThread(() -> bcryptHash(password));
    }

    private String bcryptHash(String password) {
        return new String(BCrypt.with(VERSION, random, LongPasswordStrategies.hashSha512(VERSION))
                .hash(cost, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    boolean verify(String password, String hash) {
        if (password == null || hash == null) {
            return false;
        }
        return onHashingThread(() -> {
            checks.increment();
            return BCrypt.verifyer(VERSION, LongPasswordStrategies.hashSha512(VERSION))
                    .verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
        });
    }

    /** Burns the time of one verification for a login that does not exist. */
    void verifyDummy(String password) {
        verify(password == null ? "" : password, dummyHash);
    }

    /** Runs bcrypt on a hashing thread; the calling (virtual) thread just waits for it. */
    private <T> T onHashingThread(Callable<T> work) {
        try {
            return hashing.submit(work).get();
        } catch (RejectedExecutionException e) {
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ErrorCode.SERVICE_UNAVAILABLE);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
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
