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
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.support.Database;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * The school scope itself: which schools each role reads and edits, through the staff API and the
 * scope service. The endpoint-by-endpoint matrix is {@link EveryStaffEndpointTest}.
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
