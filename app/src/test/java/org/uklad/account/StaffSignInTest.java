package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/** Sign-in, sessions, sign-out, password change and CSRF, as a browser without JavaScript uses them. */
@MicronautTest(transactional = false)
class StaffSignInTest {

    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Inject EmbeddedServer server;
    @Inject JsonMapper jsonMapper;
    @Inject DataSource dataSource;
    @Inject Accounts accounts;

    Http http;
    Database db;
    Fixture fixture;

    @BeforeEach
    void setUp() {
        http = new Http(server.getURI(), jsonMapper);
        db = new Database(dataSource);
        fixture = new Fixture(http);
    }

    StaffAgent agent() {
        return new StaffAgent(http);
    }

    String psychologist(boolean mustChange) {
        long school = fixture.school("SHNRO");
        String login = "psy" + COUNTER.incrementAndGet();
        accounts.create(login, "Анна Петрова", Role.PSYCHOLOGIST, List.of(school), PASSWORD, mustChange);
        return login;
    }

    @Test
    void aGoodSignInSetsAHardenedSessionCookieWhoseIdIsStoredOnlyHashed() {
        String login = psychologist(false);
        StaffAgent a = agent();
        Http.Response r = a.signIn(login.toUpperCase(), PASSWORD);      // the login is case-insensitive
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/staff");
        String setCookie = r.raw().headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        assertThat(setCookie).as("tests run on http; production sets Secure").doesNotContain("Secure");
        String token = a.session();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(db.count("SELECT count(*) FROM staff_session WHERE token_hash = ?", Sessions.hash(token))).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM staff_session WHERE token_hash = ? OR csrf_token = ?", token, token)).isZero();

        Http.Response home = a.get("/staff");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Анна Петрова", "педагог-психолог", "Тестовый район");
        assertThat(home.header("Cache-Control")).isEqualTo("no-store");
        assertThat(a.get("/staff?lang=en").body()).contains("school psychologist", "Sign out");
    }

    @Test
    void wrongPasswordsAndUnknownLoginsAreRefusedAlikeWithoutASession() {
        String login = psychologist(false);
        for (String[] attempt : new String[][] {{login, "wrong password!"}, {"nobody-here", PASSWORD}, {"", ""}}) {
            StaffAgent a = agent();
            Http.Response r = a.signIn(attempt[0], attempt[1]);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).contains("Неверный логин или пароль.");
            assertThat(a.session()).isNull();
        }
        long before = db.count("SELECT count(*) FROM staff_session");
        StaffAgent a = agent();
        a.signIn(login, "wrong password!");
        assertThat(db.count("SELECT count(*) FROM staff_session")).isEqualTo(before);
    }

    @Test
    void theSignInFormNeedsItsDoubleSubmitToken() {
        String login = psychologist(false);
        // no token cookie at all (a cross-site form)
        Http.Response r = agent().post("/staff/login", StaffAgent.form("login", login, "password", PASSWORD, "csrfToken", "x"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).doesNotContain(Sessions.COOKIE + "=");
        // a token cookie but a different field
        StaffAgent a = agent();
        a.get("/staff/login");
        Http.Response wrong = a.post("/staff/login", StaffAgent.form("login", login, "password", PASSWORD,
                "csrfToken", "A".repeat(43)));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(a.session()).isNull();
        assertThat(wrong.body()).contains("Форма входа устарела");
        Http.Response loginPage = agent().get("/staff/login");
        assertThat(loginPage.raw().headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith(StaffLoginController.LOGIN_CSRF_COOKIE + "=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/staff/login"));
    }

    @Test
    void signingInAgainRotatesTheSessionAndSigningOutEndsIt() {
        String login = psychologist(false);
        StaffAgent a = agent().signedIn(login, PASSWORD);
        String first = a.session();
        a.signIn(login, PASSWORD);
        String second = a.session();
        assertThat(second).isNotEqualTo(first);
        assertThat(db.count("SELECT count(*) FROM staff_session WHERE token_hash = ?", Sessions.hash(first))).isZero();

        a.get("/staff");
        Http.Response out = a.postWithCsrf("/staff/logout");
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/staff/login");
        assertThat(a.session()).isNull();
        assertThat(db.count("SELECT count(*) FROM staff_session WHERE token_hash = ?", Sessions.hash(second))).isZero();
        // the old cookie, replayed, is worthless
        Http.Response replay = http.get("/staff", "Accept", StaffAgent.HTML, "Cookie", Sessions.COOKIE + "=" + second);
        assertThat(replay.status()).isEqualTo(303);
        assertThat(replay.header("Location")).isEqualTo("/staff/login");
    }

    @Test
    void aStateChangingFormWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        String login = psychologist(false);
        StaffAgent a = agent().signedIn(login, PASSWORD);
        String hash = db.string("SELECT password_hash FROM staff_account WHERE login = ?", login);
        Http.Response missing = a.post("/staff/password", StaffAgent.form("current", PASSWORD,
                "password", "a brand new secret", "repeat", "a brand new secret"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.contentType()).startsWith("text/html");
        assertThat(missing.body()).contains("Форма устарела");
        Http.Response wrong = a.post("/staff/password", StaffAgent.form("csrfToken", "forged", "current", PASSWORD,
                "password", "a brand new secret", "repeat", "a brand new secret"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(db.string("SELECT password_hash FROM staff_account WHERE login = ?", login)).isEqualTo(hash);
        Http.Response logout = a.post("/staff/logout", "");
        assertThat(logout.status()).isEqualTo(403);
        assertThat(a.get("/staff").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        String login = psychologist(false);
        StaffAgent laptop = agent().signedIn(login, PASSWORD);
        StaffAgent phone = agent().signedIn(login, PASSWORD);
        laptop.get("/staff/password");

        Http.Response mistakes = laptop.postWithCsrf("/staff/password", "current", "not it", "password", "short",
                "repeat", "different");
        assertThat(mistakes.status()).isEqualTo(422);
        assertThat(mistakes.body()).contains("Неверный текущий пароль.", "Длина должна быть", "Пароли не совпадают.");

        Http.Response ok = laptop.postWithCsrf("/staff/password", "current", PASSWORD, "password", "a brand new secret",
                "repeat", "a brand new secret");
        assertThat(ok.status()).isEqualTo(303);
        assertThat(laptop.get(ok.header("Location")).body()).contains("Пароль изменён");
        assertThat(laptop.get("/staff").status()).isEqualTo(200);
        assertThat(phone.get("/staff").status()).isEqualTo(303);
        assertThat(agent().signIn(login, PASSWORD).status()).isEqualTo(401);
        assertThat(agent().signIn(login, "a brand new secret").status()).isEqualTo(303);
    }

    @Test
    void anAccountWithAGivenPasswordMustChangeItBeforeAnythingElse() {
        String login = psychologist(true);
        StaffAgent a = agent();
        Http.Response r = a.signIn(login, PASSWORD);
        assertThat(r.header("Location")).isEqualTo("/staff/password");
        assertThat(a.get("/staff").header("Location")).isEqualTo("/staff/password");
        Http.Response api = a.getJson("/api/v1/staff/schools");
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.body()).contains("password-change-required");
        assertThat(a.get("/staff/password").body()).contains("задайте собственный пароль");
        a.postWithCsrf("/staff/password", "current", PASSWORD, "password", "my own password", "repeat", "my own password");
        assertThat(a.get("/staff").status()).isEqualTo(200);
        assertThat(db.count("SELECT count(*) FROM staff_account WHERE login = ? AND NOT must_change_password", login)).isEqualTo(1);
    }

    @Test
    void anonymousPagesGoToTheSignInFormAndTheApiAnswers401() {
        Http.Response page = agent().get("/staff/accounts");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).isEqualTo("/staff/login?next=%2Fstaff%2Faccounts");
        Http.Response api = agent().getJson("/api/v1/staff/me");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
        Http.Response admin = http.get("/api/v1/admin/schools");
        assertThat(admin.status()).isEqualTo(401);
        assertThat(admin.header("WWW-Authenticate")).isEqualTo("Bearer");
        // the respondents' side stays open
        assertThat(http.get("/", "Accept", StaffAgent.HTML).status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
        assertThat(http.get("/assets/app.css").status()).isEqualTo(200);
    }

    @Test
    void afterSignInTheBrowserReturnsToTheRequestedPageButNeverOffSite() {
        String login = psychologist(false);
        StaffAgent a = agent();
        a.get("/staff/login?next=%2Fstaff%2Fpassword");
        assertThat(a.postWithCsrf("/staff/login", "login", login, "password", PASSWORD, "next", "/staff/password")
                .header("Location")).isEqualTo("/staff/password");
        for (String evil : List.of("//evil.example/staff", "https://evil.example/", "/staff/../s/x", "/\\evil.example")) {
            StaffAgent b = agent();
            b.get("/staff/login");
            assertThat(b.postWithCsrf("/staff/login", "login", login, "password", PASSWORD, "next", evil)
                    .header("Location")).as(evil).isEqualTo("/staff");
        }
    }

    @Test
    void idleAndDeactivatedSessionsEnd() {
        String login = psychologist(false);
        StaffAgent a = agent().signedIn(login, PASSWORD);
        db.execute("UPDATE staff_session SET last_seen_at = now() - interval '9 hours' WHERE token_hash = ?",
                Sessions.hash(a.session()));
        assertThat(a.get("/staff").status()).isEqualTo(303);

        StaffAgent b = agent().signedIn(login, PASSWORD);
        long id = db.count("SELECT id FROM staff_account WHERE login = ?", login);
        accounts.setActive(id, false);
        assertThat(b.get("/staff").status()).isEqualTo(303);
        assertThat(agent().signIn(login, PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void theAdministrationApiTakesTheBearerTokenOrAnAdminSessionWithItsCsrfHeader() {
        accounts.create("coord" + COUNTER.incrementAndGet(), "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        String login = "coord" + COUNTER.get();
        StaffAgent a = agent().signedIn(login, PASSWORD);
        String body = http.toJson(Map.of("name", "Школа CSRF " + COUNTER.incrementAndGet(), "municipality", "Район",
                "category", "OTHER"));
        long before = db.count("SELECT count(*) FROM school");

        Http.Response noHeader = a.send("POST", "/api/v1/admin/schools", "application/json", body);
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.contentType()).startsWith("application/problem+json");
        assertThat(noHeader.body()).contains("csrf-invalid");
        assertThat(db.count("SELECT count(*) FROM school")).isEqualTo(before);

        String token = http.json(a.getJson("/api/v1/staff/me")).get("csrfToken").getStringValue();
        Http.Response withHeader = a.send("POST", "/api/v1/admin/schools", "application/json", body,
                "X-CSRF-Token", token);
        assertThat(withHeader.status()).isEqualTo(201);
        assertThat(a.getJson("/api/v1/admin/schools").status()).isEqualTo(200);

        // the bearer token needs no CSRF header; a wrong token never falls back to the cookie
        assertThat(http.admin("GET", "/api/v1/admin/schools", null).status()).isEqualTo(200);
        Http.Response wrongBearer = a.send("GET", "/api/v1/admin/schools", null, null, "Authorization", "Bearer nope");
        assertThat(wrongBearer.status()).isEqualTo(401);
        // the token is for the administration API only
        assertThat(http.admin("GET", "/api/v1/staff/me", null).status()).isEqualTo(401);
    }
}
