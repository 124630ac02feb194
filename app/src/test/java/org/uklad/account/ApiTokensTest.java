package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Personal staff API tokens over HTTP: made on the account page, used by a script as
 * {@code Authorization: Bearer}, revoked; scoped like their owner; stored only as a hash; never a
 * way into the pages or the administration API.
 */
@MicronautTest(transactional = false)
class ApiTokensTest extends AppTest {

    private static final Pattern TOKEN = Pattern.compile("uk_[0-9a-z]{8}_[A-Za-z0-9_-]{43}");

    @Inject Accounts accounts;

    long own;
    long other;

    @BeforeEach
    void schools() {
        own = fixture.school("SHNRO");
        other = fixture.school("OTHER");
    }

    /** Makes a token on the agent's account page and returns it as the page showed it. */
    static String makeToken(StaffAgent agent, String name, String validity) {
        assertThat(agent.get("/staff/account").status()).isEqualTo(200);
        Http.Response made = agent.postWithCsrf("/staff/account/tokens", "name", name, "validity", validity);
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        Matcher m = TOKEN.matcher(made.body());
        assertThat(m.find()).as("the new token is shown").isTrue();
        return m.group();
    }

    Http.Response bearer(String method, String path, String token) {
        return http.send(method, path, null, null, "Authorization", "Bearer " + token, "Accept", "application/json");
    }

    @Test
    void aTokenIsMadeUsedAndRevoked() {
        String login = StaffAgent.account(accounts, Role.DIRECTOR, List.of(own));
        StaffAgent director = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        String token = makeToken(director, "R: индексы", "90");

        Http.Response me = bearer("GET", "/api/v1/staff/me", token);
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(http.json(me).get("login").getStringValue()).isEqualTo(login);
        assertThat(http.json(me).get("role").getStringValue()).isEqualTo("DIRECTOR");
        // scoped like its owner: their school, not another
        assertThat(bearer("GET", "/api/v1/staff/schools/" + own, token).status()).isEqualTo(200);
        Http.Response refused = bearer("GET", "/api/v1/staff/schools/" + other, token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        // listed by its visible start, with the day of its last use, never with the secret
        Http.Response page = director.get("/staff/account");
        assertThat(page.body()).contains(token.substring(0, 11) + "…", "R: индексы").doesNotContain(token);
        assertThat(db.count("SELECT count(*) FROM staff_api_token WHERE last_used_on IS NOT NULL "
                + "AND account_id = (SELECT id FROM staff_account WHERE login = ?)", login)).isEqualTo(1);

        long id = db.count("SELECT id FROM staff_api_token WHERE public_id = ?", token.substring(3, 11));
        Http.Response revoked = director.postWithCsrf("/staff/account/tokens/" + id + "/revoke");
        assertThat(revoked.status()).isEqualTo(303);
        Http.Response after = bearer("GET", "/api/v1/staff/me", token);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.contentType()).startsWith("application/problem+json");

        String actor = StaffAgent.auditActor(db, login);
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE actor = ? AND action IN ('API_TOKEN_CREATED', 'API_TOKEN_REVOKED') "
                + "AND detail LIKE ?", actor, "token " + token.substring(0, 11) + "…%")).isEqualTo(2);
    }

    @Test
    void theSecretIsNowhereInTheDatabase() {
        StaffAgent psychologist = StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(own));
        String token = makeToken(psychologist, "secret search", "never");
        assertThat(bearer("GET", "/api/v1/staff/me", token).status()).isEqualTo(200);
        String secret = token.substring(12);
        String tables = db.string("SELECT string_agg(table_name, ',') FROM information_schema.tables "
                + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        for (String table : tables.split(",")) {
            assertThat(db.count("SELECT count(*) FROM \"" + table + "\" t WHERE row_to_json(t)::text LIKE ?", "%" + secret + "%"))
                    .as(table).isZero();
        }
        assertThat(db.count("SELECT count(*) FROM staff_api_token WHERE secret_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex')",
                token)).isEqualTo(1);
    }

    @Test
    void aTokenOpensNoPageAndNotTheAdministrationApi() {
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        String token = makeToken(admin, "pages", "30");
        Http.Response page = http.send("GET", "/staff", null, null, "Authorization", "Bearer " + token, "Accept", StaffAgent.HTML);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location")).startsWith("/staff/login");
        assertThat(bearer("GET", "/api/v1/admin/schools", token).status()).isEqualTo(401);
        assertThat(bearer("GET", "/api/v1/staff/schools", token).status()).isEqualTo(200);
    }

    @Test
    void aBearerRequestIsJudgedByItsTokenAloneAndNeedsNoCsrf() {
        String login = StaffAgent.account(accounts, Role.PSYCHOLOGIST, List.of(own));
        StaffAgent psychologist = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        String token = makeToken(psychologist, "writer", "30");
        long wave = fixture.openWave("example", "parents");
        String body = """
                {"schoolId": %d, "waveId": %d, "audience": "PARENT", "heldOn": "2026-10-02", "moderator": "М. И.",
                 "guide": "focus-parents", "participants": [{"role": "PARENT", "grade": 5, "count": 6}]}""";
        Http.Response created = http.send("POST", "/api/v1/staff/focus-groups/sessions", "application/json",
                body.formatted(own, wave).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "Authorization", "Bearer " + token, "Accept", "application/json");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(bearer("GET", "/api/v1/staff/me", token).body()).doesNotContainPattern("\"csrfToken\":\\s*\"[^\"]");

        // a coordinator's session cookie beside a wrong or a narrower token lends it nothing
        StaffAgent admin = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
        assertThat(admin.send("GET", "/api/v1/staff/me", null, null, "Authorization", "Bearer uk_nothing",
                "Accept", "application/json").status()).isEqualTo(401);
        assertThat(admin.send("GET", "/api/v1/staff/schools/" + other, null, null, "Authorization", "Bearer " + token,
                "Accept", "application/json").status()).isEqualTo(403);
    }

    @Test
    void expiredTokensAndTokensOfDisabledAccountsStopWorking() {
        String login = StaffAgent.account(accounts, Role.DIRECTOR, List.of(own));
        StaffAgent director = new StaffAgent(http).signedIn(login, StaffAgent.PASSWORD);
        String expiring = makeToken(director, "expiring", "30");
        String disabled = makeToken(director, "disabled", "never");
        assertThat(bearer("GET", "/api/v1/staff/me", expiring).status()).isEqualTo(200);
        db.execute("UPDATE staff_api_token SET created_at = now() - interval '31 days', expires_at = now() - interval '1 day' "
                + "WHERE public_id = ?", expiring.substring(3, 11));
        assertThat(bearer("GET", "/api/v1/staff/me", expiring).status()).isEqualTo(401);
        assertThat(director.get("/staff/account").body()).contains("истёк");

        assertThat(bearer("GET", "/api/v1/staff/me", disabled).status()).isEqualTo(200);
        long id = db.count("SELECT id FROM staff_account WHERE login = ?", login);
        accounts.setActive(id, false);
        assertThat(bearer("GET", "/api/v1/staff/me", disabled).status()).isEqualTo(401);
        accounts.setActive(id, true);
        assertThat(bearer("GET", "/api/v1/staff/me", disabled).status()).isEqualTo(200);
    }

    @Test
    void aTokenFormMissingItsNameIsShownAgainAndAnotherAccountsTokenCannotBeRevoked() {
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(own));
        director.get("/staff/account");
        Http.Response refused = director.postWithCsrf("/staff/account/tokens", "name", " ", "validity", "forever");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("name-error", "validity-error").doesNotContainPattern(TOKEN);

        StaffAgent other = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(own));
        String token = makeToken(other, "theirs", "30");
        long id = db.count("SELECT id FROM staff_api_token WHERE public_id = ?", token.substring(3, 11));
        director.get("/staff/account");
        assertThat(director.postWithCsrf("/staff/account/tokens/" + id + "/revoke").status()).isEqualTo(404);
        assertThat(bearer("GET", "/api/v1/staff/me", token).status()).isEqualTo(200);
    }

    @Test
    void failedTokensAreThrottledPerClient() {
        StaffAgent director = StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(own));
        String token = makeToken(director, "throttled", "30");
        Http guesser = http.from("127.0.0.71");
        for (int i = 0; i < 30; i++) {
            assertThat(guesser.send("GET", "/api/v1/staff/me", null, null, "Authorization",
                    "Bearer uk_aaaaaaaa_" + "x".repeat(43), "Accept", "application/json").status()).isEqualTo(401);
        }
        Http.Response blocked = guesser.send("GET", "/api/v1/staff/me", null, null, "Authorization", "Bearer " + token,
                "Accept", "application/json");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isNotBlank();
        // another client is not held back
        assertThat(bearer("GET", "/api/v1/staff/me", token).status()).isEqualTo(200);
    }

    @Test
    void theApiDescriptionNamesTheTokenScheme() {
        String spec = http.get("/openapi/uklad-0.1.yml").body();
        assertThat(spec).contains("staffToken:", "scheme: bearer", "staffSession:");
    }
}
