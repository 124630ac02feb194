package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.indices.IndicesService;
import org.uklad.system.ReportFormat;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.system.Messages;

/**
 * The school dashboard on the example questionnaire: the same scores as the indices API, the
 * partner beside them with the Findings word, nothing but "fewer than N answers" for a small
 * school, the scope of a director, an SVG chart without inline styles.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardTest extends AppTest {

    static final String PASSWORD = "correct horse battery";
    /** dem1, dem2 (reverse), com1, com2 */
    static final Integer[][] FAVOURABLE = {
            {4, 1, 4, 4}, {4, 1, 3, 4}, {3, 2, 4, 3}, {4, 1, 4, 4}, {3, 1, 3, 4}, {4, 2, 4, 4}, {4, 1, 3, 3}};
    static final Integer[][] UNFAVOURABLE = {
            {1, 4, 1, 2}, {2, 3, 1, 1}, {1, 4, 2, 1}, {2, 4, 1, 2}, {1, 3, 2, 2}, {2, 4, 1, 1}};
    static final Integer[][] SMALL = {{2, 2, 3, 3}, {3, 1, 4, 4}, {1, 4, 2, 2}};

    @Inject Accounts accounts;
    @Inject IndicesService indices;

    long wave;
    long school;
    long partner;
    long small;
    String prefix;

    @BeforeAll
    void answer() {
        school = fixture.school("SHNRO");
        partner = fixture.school("OTHER");
        small = fixture.school("SHUVRO");
        Http.Response p = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", partner, "supportedSchoolId", school)));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        wave = fixture.openWave("example");
        fixture.exampleAnswers(wave, school, FAVOURABLE);
        fixture.exampleAnswers(wave, partner, UNFAVOURABLE);
        fixture.exampleAnswers(wave, small, SMALL);
        prefix = "dash" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(prefix + "-dir", "Анна Петрова", Role.DIRECTOR, List.of(school), PASSWORD, false);
        accounts.create(prefix + "-small", "Иван Сидоров", Role.DIRECTOR, List.of(small), PASSWORD, false);
    }

    String path(long schoolId) {
        return "/staff/waves/" + wave + "/schools/" + schoolId + "/dashboard";
    }

    /** The 0–100 means of the LEVEL constructs of a school from the indices API, formatted as the page does. */
    List<String> apiScores(long schoolId) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + schoolId + "/indices", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        ReportFormat f = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        List<String> out = new ArrayList<>();
        for (JsonNode q : http.json(r).get("questionnaires").values()) {
            for (JsonNode c : q.get("constructs").values()) {
                if (!c.get("indexKind").getStringValue().equals("LEVEL")) {
                    continue;
                }
                JsonNode s = c.get("schools").values().iterator().next();
                assertThat(s.get("suppressed").getBooleanValue()).isFalse();
                out.add(f.score(s.get("score100").get("mean").getNumberValue().doubleValue()));
            }
        }
        return out;
    }

    /** The raw means on the scale's points as the page prints them: "2,75 (шкала 1–4)". */
    List<String> apiRawMeans(long schoolId) {
        JsonNode indices = http.json(http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + schoolId + "/indices", null));
        ReportFormat f = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        List<String> out = new ArrayList<>();
        for (JsonNode q : indices.get("questionnaires").values()) {
            for (JsonNode c : q.get("constructs").values()) {
                if (c.get("indexKind").getStringValue().equals("LEVEL")) {
                    JsonNode s = c.get("schools").values().iterator().next();
                    out.add(f.coefficient(s.get("mean").getNumberValue().doubleValue()) + " (шкала "
                            + c.get("scale").get("min").getIntValue() + "–" + c.get("scale").get("max").getIntValue() + ")");
                }
            }
        }
        return out;
    }

    static List<String> cells(String html, String cssClass) {
        Matcher m = Pattern.compile("<td class=\"" + cssClass + "\">([^<]*)</td>").matcher(html);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void showsTheSchoolsScoresThePartnersAndTheComparisonWord() {
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-dir", PASSWORD);
        Http.Response page = director.get(path(school));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String html = page.body();

        List<String> mine = apiScores(school);
        List<String> theirs = apiScores(partner);
        assertThat(mine).isNotEmpty();
        assertThat(cells(html, "num score")).containsExactlyElementsOf(mine);
        assertThat(cells(html, "num partner-score")).containsExactlyElementsOf(theirs);
        assertThat(cells(html, "num raw")).containsExactlyElementsOf(apiRawMeans(school));
        assertThat(mine.getFirst()).matches("\\d+,\\d"); // one decimal, decimal comma in Russian
        assertThat(html).contains("Школа-партнёр");
        // clearly apart on every level construct: the favourable school is higher
        assertThat(cells(html, "comparison")).hasSize(mine.size()).allMatch(w -> w.equals("выше"));

        // the chart: bars as <rect>, with labels, and no inline style anywhere (the CSP forbids it)
        assertThat(html).contains("<svg").contains("<rect").contains("эта школа: " + mine.getFirst())
                .contains("школа-партнёр: " + theirs.getFirst());
        assertThat(html).doesNotContain("style=").doesNotContain("<style");
        // alpha says what it rests on: its complete answers and the standardised alpha (#23)
        assertThat(html).containsPattern("\\d,\\d\\d \\(полных ответов: \\d+; стандартизованная -?\\d,\\d\\d\\)");

        // English: the same page with a decimal point and English words
        Http.Response en = director.get(path(school) + "?lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(cells(en.body(), "comparison")).allMatch(w -> w.equals("higher"));
        assertThat(cells(en.body(), "num score").getFirst()).isEqualTo(mine.getFirst().replace(',', '.'));
    }

    @Test
    void aSmallSchoolShowsTheThresholdTextAndNoNumbers() {
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-small", PASSWORD);
        Http.Response page = director.get(path(small));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String html = page.body();
        String suppressed = "меньше " + indices.minGroupSize() + " ответов";
        assertThat(html).contains(suppressed);
        assertThat(cells(html, "num score")).isEmpty();
        assertThat(html).doesNotContain("<rect").doesNotContain("style=");
        Matcher rows = Pattern.compile("<tr class=\"level-row\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (rows.find()) {
            count++;
            String text = rows.group(1).replaceAll("<[^>]*>", " ").replace(suppressed, "");
            assertThat(text).as("no figure of a small group").doesNotContainPattern("\\d");
        }
        assertThat(count).isPositive();
    }

    @Test
    void aDirectorReadsOnlyTheOwnSchoolAndItsPartner() {
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-small", PASSWORD);
        assertThat(director.get(path(school)).status()).isEqualTo(403);
        StaffAgent partnerDirector = new StaffAgent(http).signedIn(prefix + "-dir", PASSWORD);
        assertThat(partnerDirector.get(path(partner)).status()).as("the partner school").isEqualTo(200);
        assertThat(partnerDirector.get(path(small)).status()).isEqualTo(403);
        assertThat(partnerDirector.get("/staff/waves/999999/schools/" + school + "/dashboard").status()).isEqualTo(404);
        // an unknown school is just another school out of scope: a director cannot probe which ids exist
        assertThat(partnerDirector.get("/staff/waves/" + wave + "/schools/999999/dashboard").status()).isEqualTo(403);
        accounts.create(prefix + "-coord", "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        StaffAgent coordinator = new StaffAgent(http).signedIn(prefix + "-coord", PASSWORD);
        assertThat(coordinator.get("/staff/waves/" + wave + "/schools/999999/dashboard").status()).isEqualTo(404);
    }

    @Test
    void theMonitoringPageLinksToTheDashboard() {
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-dir", PASSWORD);
        Http.Response page = director.get("/staff/waves/" + wave + "/monitoring");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains(path(school));
    }
}
