package org.uklad.account;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/** Settings of staff sign-in. */
final class AccountConfiguration {

    private AccountConfiguration() {
    }

    /**
     * {@code uklad.session.*}: the session cookie is {@code Secure} unless {@code secure-cookie} is
     * false (the dev and test environments, which run on plain http); a session ends after
     * {@code idle-timeout} (8 h) without a request and at the latest {@code absolute-timeout}
     * (7 days) after sign-in.
     */
    @ConfigurationProperties("uklad.session")
    record Session(@Nullable Boolean secureCookie, @Nullable Duration idleTimeout, @Nullable Duration absoluteTimeout) {
        boolean secure() {
            return secureCookie == null || secureCookie;
        }

        Duration idle() {
            return idleTimeout == null ? Duration.ofHours(8) : idleTimeout;
        }

        Duration absolute() {
            return absoluteTimeout == null ? Duration.ofDays(7) : absoluteTimeout;
        }
    }

    /**
     * {@code uklad.accounts.*}: {@code password-hash-cost}, the bcrypt cost, 12 by default (about a
     * quarter of a second); tests lower it to run fast. Hashing runs on
     * {@code password-hashing-threads} platform threads (default: half the processors, at least
     * one) with at most {@code password-hashing-queue} (default 8) waiting, so sign-ins never take
     * more than that share of the processors from respondents; a sign-in finding the queue full is
     * told to come back in a few seconds. {@code device-cookie-key} (at least 32 characters) signs
     * the device cookies ({@link DeviceCookies}); unset, the service generates a key once and keeps
     * it in the database for every replica.
     */
    @ConfigurationProperties("uklad.accounts")
    record Accounts(@Nullable Integer passwordHashCost, @Nullable Integer passwordHashingThreads,
                    @Nullable Integer passwordHashingQueue, @Nullable String deviceCookieKey) {
        int cost() {
            return passwordHashCost == null ? 12 : Math.max(4, Math.min(31, passwordHashCost));
        }

        int hashingThreads() {
            return passwordHashingThreads == null ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2)
                    : Math.max(1, passwordHashingThreads);
        }

        int hashingQueue() {
            return passwordHashingQueue == null ? 8 : Math.max(1, passwordHashingQueue);
        }
    }

    /**
     * {@code uklad.bootstrap-admin.*}: the administrator created when there is no account at all.
     * Without a password ({@code UKLAD_BOOTSTRAP_ADMIN_PASSWORD}) a random one is generated and
     * printed once to the log, and must be changed at first sign-in.
     */
    @ConfigurationProperties("uklad.bootstrap-admin")
    record BootstrapAdmin(@Nullable String login, @Nullable String password) {
        String loginOrDefault() {
            return login == null || login.isBlank() ? "admin" : login.strip().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
