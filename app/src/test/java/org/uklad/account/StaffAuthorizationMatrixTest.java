package org.uklad.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Every staff endpoint × every role × own / partner / other school: the exact set of allowed
 * combinations, so a rule that lets too much (or too little) through fails here.
 */
@MicronautTest(transactional = false)
class StaffAuthorizationMatrixTest {

    static final String PASSWORD = "matrix password 1";

    @Inject EmbeddedServer server;
    @Inject JsonMapper jsonMapper;
    @Inject DataSource dataSource;
    @Inject Accounts accounts;
    @Inject SchoolScope scope;

    Http http;
    Database db;
    long own;
    long partner;
    long other;
    Map<String, StaffAgent> agents;
    static int round;

    @BeforeEach
    void setUp() {
        http = new Http(server.getURI(), jsonMapper);
        db = new Database(dataSource);
        Fixture fixture = new Fixture(http);
        own = fixture.school("SHNRO");
        partner = fixture.school("SHUVRO");
        other = fixture.school("OTHER");
        check(http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of("mentorSchoolId", partner,
                "supportedSchoolId", own))), 201);
        round++;
        accounts.create("admin-m" + round, "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        accounts.create("psy-m" + round, "Психолог", Role.PSYCHOLOGIST, List.of(own), PASSWORD, false);
        accounts.create("dir-m" + round, "Директор", Role.DIRECTOR, List.of(own), PASSWORD, false);
        agents = new LinkedHashMap<>();
        agents.put("ANONYMOUS", new StaffAgent(http));
        agents.put("ADMIN", new StaffAgent(http).signedIn("admin-m" + round, PASSWORD));
        agents.put("PSYCHOLOGIST", new StaffAgent(http).signedIn("psy-m" + round, PASSWORD));
        agents.put("DIRECTOR", new StaffAgent(http).signedIn("dir-m" + round, PASSWORD));
    }

    static void check(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    /** Runs {@code probe} for every agent; returns who got a 2xx/3xx-to-the-same-area answer. */
    Set<String> allowed(Function<StaffAgent, Http.Response> probe, Map<String, Integer> statuses) {
        Set<String> ok = new TreeSet<>();
        for (var e : agents.entrySet()) {
            Http.Response r = probe.apply(e.getValue());
            statuses.put(e.getKey(), r.status());
            boolean toLogin = r.status() == 303 && r.header("Location").startsWith("/staff/login");
            if (r.status() < 400 && !toLogin) {
                ok.add(e.getKey());
            }
        }
        return ok;
    }

    @Test
    void pagesAndApiAllowExactlyTheExpectedRoles() {
        Map<String, Function<StaffAgent, Http.Response>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET /staff", a -> a.get("/staff"));
        endpoints.put("GET /staff/password", a -> a.get("/staff/password"));
        endpoints.put("GET /staff/accounts", a -> a.get("/staff/accounts"));
        endpoints.put("POST /staff/accounts", a -> {
            a.get("/staff");
            return a.postWithCsrf("/staff/accounts", "login", "new-" + System.nanoTime(), "displayName", "Новый",
                    "role", "DIRECTOR", "schools", String.valueOf(other), "password", "initial password");
        });
        endpoints.put("POST /staff/accounts/{id}/deactivate", a -> {
            a.get("/staff");
            StaffAccount victim = accounts.create("victim-" + System.nanoTime(), "Жертва", Role.DIRECTOR, List.of(other),
                    PASSWORD, false);
            return a.postWithCsrf("/staff/accounts/" + victim.id() + "/deactivate");
        });
        endpoints.put("GET /api/v1/staff/me", a -> a.getJson("/api/v1/staff/me"));
        endpoints.put("GET /api/v1/staff/schools", a -> a.getJson("/api/v1/staff/schools"));
        endpoints.put("GET /api/v1/staff/schools/own", a -> a.getJson("/api/v1/staff/schools/" + own));
        endpoints.put("GET /api/v1/staff/schools/partner", a -> a.getJson("/api/v1/staff/schools/" + partner));
        endpoints.put("GET /api/v1/staff/schools/other", a -> a.getJson("/api/v1/staff/schools/" + other));
        endpoints.put("GET /api/v1/admin/schools", a -> a.getJson("/api/v1/admin/schools"));
        // the registry pages and the free-text answers
        long wave = new Fixture(http).openWave("example");
        endpoints.put("GET /staff/schools", a -> a.get("/staff/schools"));
        endpoints.put("GET /staff/schools/{id}", a -> a.get("/staff/schools/" + own));
        endpoints.put("GET /staff/municipalities", a -> a.get("/staff/municipalities"));
        endpoints.put("GET /staff/categories", a -> a.get("/staff/categories"));
        endpoints.put("GET /staff/partnerships", a -> a.get("/staff/partnerships"));
        endpoints.put("GET /api/v1/admin/municipalities", a -> a.getJson("/api/v1/admin/municipalities"));
        for (var school : Map.of("own", own, "partner", partner, "other", other).entrySet()) {
            String path = "/waves/" + wave + "/schools/" + school.getValue() + "/free-text";
            endpoints.put("GET free-text page " + school.getKey(), a -> a.get("/staff" + path));
            endpoints.put("GET free-text API " + school.getKey(), a -> a.getJson("/api/v1/staff" + path));
        }

        Map<String, Set<String>> expected = new LinkedHashMap<>();
        Set<String> staff = Set.of("ADMIN", "PSYCHOLOGIST", "DIRECTOR");
        expected.put("GET /staff", staff);
        expected.put("GET /staff/password", staff);
        expected.put("GET /staff/accounts", Set.of("ADMIN"));
        expected.put("POST /staff/accounts", Set.of("ADMIN"));
        expected.put("POST /staff/accounts/{id}/deactivate", Set.of("ADMIN"));
        expected.put("GET /api/v1/staff/me", staff);
        expected.put("GET /api/v1/staff/schools", staff);
        expected.put("GET /api/v1/staff/schools/own", staff);
        expected.put("GET /api/v1/staff/schools/partner", Set.of("ADMIN", "DIRECTOR"));
        expected.put("GET /api/v1/staff/schools/other", Set.of("ADMIN"));
        expected.put("GET /api/v1/admin/schools", Set.of("ADMIN"));
        expected.put("GET /staff/schools", Set.of("ADMIN", "PSYCHOLOGIST"));
        expected.put("GET /staff/schools/{id}", Set.of("ADMIN"));
        expected.put("GET /staff/municipalities", Set.of("ADMIN"));
        expected.put("GET /staff/categories", Set.of("ADMIN"));
        expected.put("GET /staff/partnerships", Set.of("ADMIN"));
        expected.put("GET /api/v1/admin/municipalities", Set.of("ADMIN"));
        for (String page : List.of("page", "API")) {
            // directors never read free text, not even of their own school
            expected.put("GET free-text " + page + " own", Set.of("ADMIN", "PSYCHOLOGIST"));
            expected.put("GET free-text " + page + " partner", Set.of("ADMIN"));
            expected.put("GET free-text " + page + " other", Set.of("ADMIN"));
        }

        Map<String, Set<String>> actual = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        long accountsBefore = db.count("SELECT count(*) FROM staff_account");
        for (var e : endpoints.entrySet()) {
            Map<String, Integer> s = new LinkedHashMap<>();
            actual.put(e.getKey(), allowed(e.getValue(), s));
            statuses.put(e.getKey(), s);
        }
        assertThat(actual).as("statuses: " + statuses).isEqualTo(expected);
        // refused requests are 403 for signed-in staff, a sign-in redirect or 401 for anonymous ones
        statuses.forEach((endpoint, byRole) -> byRole.forEach((role, status) -> {
            if (!expected.get(endpoint).contains(role)) {
                if (role.equals("ANONYMOUS")) {
                    assertThat(status).as(endpoint).isIn(303, 401);
                } else {
                    assertThat(status).as(endpoint + " " + role).isEqualTo(403);
                }
            }
        }));
        // only the administrator's creation went through (plus the victims made by the test itself)
        assertThat(db.count("SELECT count(*) FROM staff_account WHERE login LIKE 'new-%'")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM staff_account WHERE login LIKE 'victim-%' AND NOT active")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM staff_account")).isEqualTo(accountsBefore + 1 + 4);
    }

    @Test
    void readableSchoolsAndEditFlagsFollowTheScope() {
        Map<String, Set<Long>> readable = new LinkedHashMap<>();
        Map<String, List<Long>> editable = new LinkedHashMap<>();
        for (String role : List.of("ADMIN", "PSYCHOLOGIST", "DIRECTOR")) {
            JsonNode list = http.json(agents.get(role).getJson("/api/v1/staff/schools"));
            Set<Long> ids = new TreeSet<>();
            List<Long> edit = new ArrayList<>();
            for (JsonNode n : list.values()) {
                long id = n.get("id").getLongValue();
                if (id == own || id == partner || id == other) {
                    ids.add(id);
                    if (n.get("editable").getBooleanValue()) {
                        edit.add(id);
                    }
                }
            }
            readable.put(role, ids);
            editable.put(role, edit.stream().sorted().toList());
        }
        assertThat(readable).containsEntry("ADMIN", new TreeSet<>(Set.of(own, partner, other)))
                .containsEntry("PSYCHOLOGIST", Set.of(own))
                .containsEntry("DIRECTOR", new TreeSet<>(Set.of(own, partner)));
        assertThat(editable).containsEntry("ADMIN", List.of(own, partner, other))
                .containsEntry("PSYCHOLOGIST", List.of(own))
                .containsEntry("DIRECTOR", List.of());
    }

    @Test
    void theScopeServiceItselfAnswersTheFullMatrix() {
        Map<Role, Authentication> users = Map.of(
                Role.ADMIN, StaffAuthentication.of(accounts.find(id("admin-m" + round)).orElseThrow(), List.of()),
                Role.PSYCHOLOGIST, StaffAuthentication.of(accounts.find(id("psy-m" + round)).orElseThrow(), List.of(own)),
                Role.DIRECTOR, StaffAuthentication.of(accounts.find(id("dir-m" + round)).orElseThrow(), List.of(own)));
        Map<String, Long> schools = Map.of("own", own, "partner", partner, "other", other);
        Set<String> reads = new TreeSet<>();
        Set<String> edits = new TreeSet<>();
        users.forEach((role, auth) -> schools.forEach((name, id) -> {
            if (scope.canRead(auth, id)) {
                reads.add(role + ":" + name);
            }
            if (scope.canEdit(auth, id)) {
                edits.add(role + ":" + name);
            }
        }));
        assertThat(reads).containsExactlyInAnyOrder("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own",
                "DIRECTOR:own", "DIRECTOR:partner");
        assertThat(edits).containsExactlyInAnyOrder("ADMIN:own", "ADMIN:partner", "ADMIN:other", "PSYCHOLOGIST:own");
        assertThat(scope.canRead(null, own)).isFalse();
        // the partnership counts in either direction: a director of the mentor school sees the supported one
        Authentication mentorDirector = StaffAuthentication.of(accounts.find(id("dir-m" + round)).orElseThrow(),
                List.of(partner));
        assertThat(scope.readableSchools(mentorDirector)).containsExactly(own, partner);
    }

    long id(String login) {
        return db.count("SELECT id FROM staff_account WHERE login = ?", login);
    }
}
