package org.uklad.identification;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Identification through the API and the page on constructed data ({@link IdentificationSetup}):
 * the proposals with their evidence, decisions (an override needs a reason; a decision sets the
 * school's category; audited), mentors for a confirmed ШНРО only, nearest context first, one pair
 * however often confirmed; coordinators only (403 for a psychologist and a director).
 */
@MicronautTest(transactional = false)
class IdentificationTest extends AppTest {

    @Inject Accounts accounts;
    @Inject QuestionnaireRegistry registry;

    static List<Long> ids;
    static List<Long> otherIds;

    @BeforeEach
    void setUp() {
        if (ids == null) {
            String m = "Идент-район " + System.nanoTime();
            List<List<Long>> all = IdentificationSetup.create(http, fixture, db,
                    registry.latest("parents").orElseThrow().questionnaire(), List.of(m, m + " Б"));
            ids = all.get(0);
            otherIds = all.get(1);
        }
    }

    StaffAgent admin() {
        return StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of());
    }

    static JsonNode row(JsonNode overview, long schoolId) {
        for (JsonNode r : overview.get("rows").values()) {
            if (r.get("school").get("id").getLongValue() == schoolId) {
                return r;
            }
        }
        throw new AssertionError("no row for school " + schoolId);
    }

    @Test
    void proposalsCarryTheirEvidence() {
        JsonNode o = http.json(admin().getJson("/api/v1/staff/identification"));
        assertThat(o.get("years").values()).extracting(JsonNode::getIntValue).containsExactly(2023, 2024, 2025);
        List<String> proposed = new ArrayList<>();
        ids.forEach(id -> proposed.add(row(o, id).get("evidence").get("proposed").getStringValue()));
        assertThat(proposed).containsExactly("SHNRO", "SHRSSU", "SHRSSU", "OTHER", "OTHER", "OTHER", "OTHER", "SHUVRO",
                "SHUVRO", "SHUVRO");
        JsonNode first = row(o, ids.get(0)).get("evidence");
        // 2024: last of ten in both subjects: 10 + 10, percentile 95
        assertThat(first.get("standings").get(1).get("sum").getDoubleValue()).isEqualTo(20.0);
        // 2025: school 4 did not sit Russian, so school 1 is 9th of nine there: 10 + 9
        JsonNode latest = first.get("standings").get(2);
        assertThat(latest.get("sum").getDoubleValue()).isEqualTo(19.0);
        assertThat(latest.get("percentile").getDoubleValue()).isEqualTo(95.0);
        assertThat(latest.get("places").get("ОГЭ · Математика").getDoubleValue()).isEqualTo(10.0);
        // school 4 sat one of two subjects in 2025: ranked on 1 of 2
        JsonNode four = row(o, ids.get(3)).get("evidence").get("standings").get(2);
        assertThat(four.get("ranked").getIntValue()).isEqualTo(1);
        assertThat(four.get("listed").getIntValue()).isEqualTo(2);
        // context: five families of (2, 2, 2) → (1/4 + 1/4 + 1/2) / 3 = 1/3, lowest of the municipality
        JsonNode ctx = first.get("context");
        assertThat(ctx.get("index").getDoubleValue()).isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ctx.get("indexPercentile").getDoubleValue()).isEqualTo(5.0);
        assertThat(first.get("models").values()).hasSize(4);
    }

    @Test
    void decisionsAndMentors() {
        StaffAgent admin = admin();
        long one = ids.get(0);
        // no mentors before the ШНРО is confirmed
        JsonNode before = row(http.json(admin.getJson("/api/v1/staff/identification")), one).get("mentors");
        assertThat(before == null || before.size() == 0).isTrue();
        // an override without a reason is refused, naming the field
        Http.Response refused = admin.send("POST", "/api/v1/staff/identification/decisions", "application/json",
                "{\"schoolId\": " + ids.get(1) + ", \"category\": \"OTHER\"}", "X-CSRF-Token", admin.csrf);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("reason");
        Http.Response override = admin.send("POST", "/api/v1/staff/identification/decisions", "application/json",
                "{\"schoolId\": " + ids.get(1) + ", \"category\": \"OTHER\", \"reason\": \"Новый директор, результаты растут\"}",
                "X-CSRF-Token", admin.csrf);
        assertThat(override.status()).isEqualTo(200);
        assertThat(db.string("SELECT decided_by_role FROM identification_decision WHERE school_id = ?", ids.get(1))).isEqualTo("ADMIN");
        // confirming needs no reason and sets the registry's category
        Http.Response confirm = admin.send("POST", "/api/v1/staff/identification/decisions", "application/json",
                "{\"schoolId\": " + one + ", \"category\": \"SHNRO\"}", "X-CSRF-Token", admin.csrf);
        assertThat(confirm.status()).isEqualTo(200);
        assertThat(db.string("SELECT category FROM school WHERE id = ?", one)).isEqualTo("SHNRO");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'IDENTIFICATION_DECIDED' AND target = ?",
                "school " + one)).isEqualTo(1);
        JsonNode r = row(http.json(admin.getJson("/api/v1/staff/identification")), one);
        assertThat(r.get("decision").get("decided").getStringValue()).isEqualTo("SHNRO");
        // mentors: the ШУВРО schools by nearest context index (1/3 here): school 10 (0.667) of its own municipality
        // before the other municipality's school 10 with the same context, then its own school 8 (0.75)
        List<Long> mentors = new ArrayList<>();
        r.get("mentors").values().forEach(m -> mentors.add(m.get("schoolId").getLongValue()));
        assertThat(mentors).containsExactly(ids.get(9), otherIds.get(9), ids.get(7));
        assertThat(r.get("mentors").get(1).get("sameMunicipality").getBooleanValue()).isFalse();
        // not a proposed mentor: refused
        Http.Response wrong = admin.send("POST", "/api/v1/staff/identification/mentors", "application/json",
                "{\"supportedSchoolId\": " + one + ", \"mentorSchoolId\": " + ids.get(4) + "}", "X-CSRF-Token", admin.csrf);
        assertThat(wrong.status()).isEqualTo(422);
        for (int i = 0; i < 2; i++) {
            Http.Response pair = admin.send("POST", "/api/v1/staff/identification/mentors", "application/json",
                    "{\"supportedSchoolId\": " + one + ", \"mentorSchoolId\": " + ids.get(9) + "}", "X-CSRF-Token", admin.csrf);
            assertThat(pair.status()).isEqualTo(200);
        }
        assertThat(db.count("SELECT count(*) FROM partnership WHERE mentor_school_id = ? AND supported_school_id = ?",
                ids.get(9), one)).isEqualTo(1);
        JsonNode after = row(http.json(admin.getJson("/api/v1/staff/identification")), one);
        assertThat(after.get("mentors").get(0).get("paired").getBooleanValue()).isTrue();
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'MENTOR_CONFIRMED' AND target = ?",
                "school " + one)).isEqualTo(1);
        // the page shows it all, and the registry both proposal and decision
        String page = admin.get("/staff/identification?sort=status").body();
        assertThat(page).contains("Новый директор, результаты растут").contains("уже в паре").contains("<svg");
        assertThat(admin.get("/staff/schools").body()).contains("предложено: ШНРО (низкие результаты); решение: ШНРО (низкие результаты)");
    }

    @Test
    void onlyCoordinatorsIdentify() {
        for (Role role : List.of(Role.PSYCHOLOGIST, Role.DIRECTOR)) {
            StaffAgent other = StaffAgent.signedIn(http, accounts, role, List.of(otherIds.get(0)));
            assertThat(other.get("/staff/identification").status()).isEqualTo(403);
            assertThat(other.getJson("/api/v1/staff/identification").status()).isEqualTo(403);
            assertThat(other.postWithCsrf("/staff/identification/" + otherIds.get(0) + "/decision", "category", "OTHER",
                    "reason", "x").status()).isEqualTo(403);
            Http.Response api = other.send("POST", "/api/v1/staff/identification/decisions", "application/json",
                    "{\"schoolId\": " + otherIds.get(0) + ", \"category\": \"SHNRO\"}", "X-CSRF-Token", other.csrf);
            assertThat(api.status()).isEqualTo(403);
        }
        assertThat(db.count("SELECT count(*) FROM identification_decision WHERE school_id = ?", otherIds.get(0))).isZero();
        // the page refuses an override without a reason with the field's message, and keeps nothing
        StaffAgent admin = admin();
        Http.Response page = admin.postWithCsrf("/staff/identification/" + otherIds.get(4) + "/decision", "category", "SHNRO",
                "reason", "");
        assertThat(page.status()).isEqualTo(422);
        assertThat(db.count("SELECT count(*) FROM identification_decision WHERE school_id = ?", otherIds.get(4))).isZero();
    }
}
