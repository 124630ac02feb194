package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/** Guessing a password stops: after 10 failures for a login, even the right password gets 429 for a while. */
@MicronautTest(transactional = false)
class LoginThrottleTest extends AppTest {

    static final String PASSWORD = "correct horse battery";

    @Inject Accounts accounts;

    @Test
    void tenWrongPasswordsLockTheLoginForAWhileButNotOtherLogins() {
        long school = fixture.school("SHNRO");
        accounts.create("guessed", "Ольга Смирнова", Role.PSYCHOLOGIST, List.of(school), PASSWORD, false);
        accounts.create("neighbour", "Пётр Иванов", Role.DIRECTOR, List.of(school), PASSWORD, false);
        StaffAgent attacker = new StaffAgent(http);
        for (int i = 0; i < 10; i++) {
            assertThat(attacker.signIn("guessed", "guess number " + i).status()).isEqualTo(401);
        }
        Http.Response locked = attacker.signIn("guessed", PASSWORD);
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(Integer.parseInt(locked.header("Retry-After"))).isBetween(1, 900);
        assertThat(locked.body()).contains("Слишком много неудачных попыток входа");
        assertThat(locked.raw().headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(Sessions.COOKIE + "=") && !c.contains("Max-Age=0"));

        for (int i = 0; i < 10; i++) {
            attacker.signIn("nobody", "x");   // unknown logins count the same way
        }
        assertThat(attacker.signIn("nobody", "x").status()).isEqualTo(429);
        assertThat(new StaffAgent(http).signIn("neighbour", PASSWORD).status()).as("another login from the same place").isEqualTo(303);
    }
}
