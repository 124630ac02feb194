package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.JsonMapper;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.support.Parallel;

/**
 * Guessing a password stops: after 10 failures for a login (30 from one address), even the right
 * password gets 429 for a while, however many guesses arrive at once. Each test attacks from its
 * own loopback address (127.0.0.x), so their per-address counts stay apart.
 */
@MicronautTest(transactional = false)
// The races here test that the throttle counts exactly; a full hashing queue answers 503 and gives
// its reservation back, which on a busy machine left fewer than the limit checked. The bounded
// queue has its own test (RespondentsDuringSignInFloodTest).
@Property(name = "uklad.accounts.password-hashing-queue", value = "200")
class LoginThrottleTest extends AppTest {

    static final String PASSWORD = "correct horse battery";

    @Inject Accounts accounts;
    @Inject MeterRegistry meters;
    @Inject JsonMapper jsonMapper;

    Http from(String address) {
        return new Http(URI.create("http://127.0.0.1:" + server.getPort()), jsonMapper).from(address);
    }

    /** Passwords checked so far (bcrypt verifications, including those for unknown logins). */
    double passwordChecks() {
        return Optional.ofNullable(meters.find("uklad.password.checks").counter()).map(Counter::count).orElse(0.0);
    }

    /** {@code n} browsers on {@code http}, each with the sign-in form (and its token) loaded. */
    static List<StaffAgent> browsersWithTheForm(Http http, int n) {
        List<StaffAgent> agents = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StaffAgent agent = new StaffAgent(http);
            assertThat(agent.get("/staff/login").status()).isEqualTo(200);
            agents.add(agent);
        }
        return agents;
    }

    static long count(List<Http.Response> answers, int status) {
        return answers.stream().filter(r -> r.status() == status).count();
    }

    /** A refusal says once, and truly, how long to wait (a busy 503 says a few seconds). */
    static void refusedWithOneRetryAfter(List<Http.Response> answers, int atLeast, int atMost) {
        for (Http.Response r : answers) {
            assertThat(r.status()).as(r.body()).isIn(401, 429, 503);
            if (r.status() == 429) {
                assertThat(r.raw().headers().allValues("Retry-After")).hasSize(1);
                assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(atLeast, atMost);
            } else if (r.status() == 503) {
                assertThat(r.raw().headers().allValues("Retry-After")).hasSize(1);
            }
        }
    }

    /** Wrong sign-ins released all at once, one per browser: exactly {@code checked} passwords get checked (401). */
    void wrongSignInsAtOnce(List<StaffAgent> browsers, IntFunction<String> login, IntFunction<String> password, int checked) {
        double before = passwordChecks();
        List<Http.Response> answers = Parallel.run(browsers.size(), i -> browsers.get(i).postWithCsrf("/staff/login",
                "login", login.apply(i), "password", password.apply(i)));
        assertThat(passwordChecks() - before).as("passwords checked").isEqualTo(checked);
        assertThat(count(answers, 401)).isEqualTo(checked);
        refusedWithOneRetryAfter(answers, 800, 900);
    }

    @Test
    void aHundredParallelWrongPasswordsForOneLoginAreCheckedExactlyTenTimes() {
        long school = fixture.school("SHNRO");
        accounts.create("raced", "Ирина Волкова", Role.PSYCHOLOGIST, List.of(school), PASSWORD, false);
        List<StaffAgent> attackers = browsersWithTheForm(from("127.0.0.2"), 100);

        wrongSignInsAtOnce(attackers, i -> "raced", i -> "guess number " + i, 10);

        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'SIGN_IN_FAILED' AND actor = 'raced'"))
                .isEqualTo(10);
        double checked = passwordChecks();
        assertThat(attackers.getFirst().signIn("raced", PASSWORD).status()).as("the right password waits").isEqualTo(429);
        assertThat(new StaffAgent(from("127.0.0.12")).signIn("raced", PASSWORD).status())
                .as("from anywhere, without a device that signed in before").isEqualTo(429);
        assertThat(passwordChecks()).as("refused unchecked").isEqualTo(checked);
    }

    @Test
    void aHundredParallelGuessesAcrossLoginsFromOneAddressAreCheckedExactlyThirtyTimes() {
        long school = fixture.school("SHNRO");
        accounts.create("roamer", "Павел Орлов", Role.DIRECTOR, List.of(school), PASSWORD, false);
        List<StaffAgent> attackers = browsersWithTheForm(from("127.0.0.3"), 100);

        wrongSignInsAtOnce(attackers, i -> "nobody-" + i, i -> "guess", 30);

        assertThat(attackers.getFirst().signIn("roamer", PASSWORD).status()).as("this address waits").isEqualTo(429);
        assertThat(new StaffAgent(from("127.0.0.4")).signIn("roamer", PASSWORD).status()).isEqualTo(303);
    }

    @Test
    void theOwnersDeviceGetsInWhileStrangersHaveLockedTheLoginAndTheOwnerHearsOfThem() {
        long school = fixture.school("SHNRO");
        accounts.create("targeted", "Елена Соколова", Role.DIRECTOR, List.of(school), PASSWORD, false);
        StaffAgent owner = new StaffAgent(from("127.0.0.5")).signedIn("targeted", PASSWORD);
        assertThat(owner.cookies).containsKey(DeviceCookies.COOKIE);
        assertThat(owner.postWithCsrf("/staff/logout").status()).isEqualTo(303);

        for (int i = 0; i < 10; i++) {   // ten strangers, ten addresses, one wrong password each
            assertThat(new StaffAgent(from("127.0.1." + (i + 1))).signIn("targeted", "guess " + i).status()).isEqualTo(401);
        }
        assertThat(new StaffAgent(from("127.0.2.1")).signIn("targeted", PASSWORD).status())
                .as("a browser that never signed in waits").isEqualTo(429);
        StaffAgent thief = new StaffAgent(from("127.0.2.2"));
        String genuine = owner.cookies.get(DeviceCookies.COOKIE);
        thief.cookies.put(DeviceCookies.COOKIE, genuine.substring(0, genuine.lastIndexOf('~') + 1) + "A".repeat(43));
        assertThat(thief.signIn("targeted", PASSWORD).status()).as("a forged device cookie is no device cookie").isEqualTo(429);
        thief.cookies.put(DeviceCookies.COOKIE, genuine.replaceFirst("^targeted~", "targeter~"));
        assertThat(thief.signIn("targeter", PASSWORD).status()).as("nor one altered to name another login").isIn(401, 429);

        Http.Response in = owner.signIn("targeted", PASSWORD);
        assertThat(in.status()).as(in.body()).isEqualTo(303);
        Http.Response first = owner.get(in.header("Location"));
        assertThat(first.body()).contains("Неудачных попыток входа с вашего прошлого входа: 10.");
        assertThat(owner.get("/staff").body()).as("told once").doesNotContain("Неудачных попыток входа");
        assertThat(new StaffAgent(from("127.0.2.3")).signIn("targeted", PASSWORD).status())
                .as("the owner's sign-in does not lift the lockout for other browsers").isEqualTo(429);
    }

    @Test
    void aDeviceHasASmallBudgetOfItsOwnAndItsMistakesLockNobodyElse() {
        long school = fixture.school("SHNRO");
        accounts.create("clumsy", "Олег Морозов", Role.PSYCHOLOGIST, List.of(school), PASSWORD, false);
        StaffAgent device = new StaffAgent(from("127.0.0.6")).signedIn("clumsy", PASSWORD);
        String cookie = device.cookies.get(DeviceCookies.COOKIE);
        Http.Response issued = device.signIn("clumsy", PASSWORD);
        assertThat(issued.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(DeviceCookies.COOKIE + "=clumsy~").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/staff/login").contains("Max-Age="));
        assertThat(device.cookies.get(DeviceCookies.COOKIE)).as("renewed at each sign-in").isNotEqualTo(cookie);

        for (int i = 0; i < 5; i++) {
            assertThat(device.signIn("clumsy", "typo " + i).status()).isEqualTo(401);
        }
        Http.Response locked = device.signIn("clumsy", PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.raw().headers().allValues("Retry-After")).hasSize(1);
        assertThat(new StaffAgent(from("127.0.0.8")).signIn("clumsy", PASSWORD).status())
                .as("a device's mistakes count against that device only").isEqualTo(303);
    }

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
