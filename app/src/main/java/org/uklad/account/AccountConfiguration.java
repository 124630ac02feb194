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
     * {@code uklad.accounts.password-hash-cost}: bcrypt cost, 12 by default (about a quarter of a
     * second); tests lower it to run fast.
     */
    @ConfigurationProperties("uklad.accounts")
    record Accounts(@Nullable Integer passwordHashCost) {
        int cost() {
            return passwordHashCost == null ? 12 : Math.max(4, Math.min(31, passwordHashCost));
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
