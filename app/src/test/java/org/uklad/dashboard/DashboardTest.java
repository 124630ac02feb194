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
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.indices.WaveIndices;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Respondent;
import org.uklad.support.Fixture;
import org.uklad.support.Pdfs;
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
    @Inject ConstructLabels labels;

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

    // ---- director first: the top findings, percent favourable, bands, trust (issue 17) ----

    /** dem1, dem2 (reverse), com1, com2: demandingness consistent and high; comfort high but its two items disagree. */
    static final Integer[][] INCONSISTENT_COMFORT = {
            {4, 1, 4, 3}, {4, 1, 3, 4}, {4, 1, 4, 3}, {4, 1, 3, 4}, {4, 1, 4, 4},
            {3, 2, 3, 3}, {3, 2, 4, 3}, {3, 2, 3, 4}, {3, 2, 4, 2}, {3, 2, 2, 4}};
    /** Low on both, each scale consistent. */
    static final Integer[][] CONSISTENT_LOW = {
            {1, 4, 1, 1}, {1, 4, 1, 1}, {1, 4, 1, 1}, {2, 3, 2, 2}, {2, 3, 2, 2},
            {1, 4, 1, 1}, {2, 3, 2, 2}, {2, 3, 2, 2}, {1, 4, 1, 1}, {2, 3, 1, 2}};

    /** Percent favourable (3 or 4 on the keyed answer) of items {@code from..to} of rows, counted here. */
    static double favourable(Integer[][] rows, int from, int to) {
        int favourable = 0;
        int all = 0;
        for (Integer[] r : rows) {
            for (int j = from; j <= to; j++) {
                int keyed = j == 1 ? 5 - r[j] : r[j]; // dem2 is reverse-keyed
                all++;
                favourable += keyed >= 3 ? 1 : 0;
            }
        }
        return 100.0 * favourable / all;
    }

    static String text(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</(section|p|ul)>", Pattern.DOTALL).matcher(html);
        return m.find() ? m.group(1).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").trim() : "";
    }

    @Test
    void theTopNamesClearDifferencesOnTrustedScalesOnlyAndTheSameRuleMakesThePdfsFindings() {
        long trustWave = fixture.openWave("example");
        long a = fixture.school("SHNRO");
        long b = fixture.school("SHUVRO");
        Http.Response p = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", b, "supportedSchoolId", a)));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
        fixture.exampleAnswers(trustWave, a, INCONSISTENT_COMFORT); // expected 25: 10 answers are 40 %
        // the partner's code expects 5 and gets 10: an expected-size error, never a rate over 100 % shown as fact
        Http.Response code = http.admin("POST", "/api/v1/admin/waves/" + trustWave + "/access-codes", http.toJson(Map.of(
                "schoolId", b, "questionnaire", "example", "groupLabel", "8А", "count", 1, "maxUses", 50, "expectedSize", 5)));
        assertThat(code.status()).as(code.body()).isEqualTo(201);
        String partnerCode = http.json(code).values().iterator().next().get("code").getStringValue();
        for (Integer[] row : CONSISTENT_LOW) {
            assertThat(http.postJson("/api/v1/surveys/" + partnerCode + "/responses",
                    http.toJson(Map.of("answers", Fixture.exampleRow(row))), "Idempotency-Key",
                    UUID.randomUUID().toString()).status()).isEqualTo(201);
        }
        accounts.create(prefix + "-trust", "Мария Ильина", Role.DIRECTOR, List.of(a), PASSWORD, false);
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-trust", PASSWORD);
        String html = director.get("/staff/waves/" + trustWave + "/schools/" + a + "/dashboard").body();

        // demandingness is clearly higher on consistent scales: the strength; comfort is clearly higher too,
        // but its scale does not hold together (negative alpha): never a finding, and said so
        String strengths = text(html, "top-strengths");
        assertThat(strengths).contains("▲ Сильная сторона:").contains("«Требовательность педагогов к учащимся» выше, чем в школе-партнёре")
                .doesNotContain("Комфортность");
        assertThat(html).doesNotContain("id=\"top-problems\"");
        assertThat(text(html, "top-untrusted")).contains("Комфортность условий");
        assertThat(html.indexOf("id=\"top-findings\"")).as("the findings come first").isLessThan(html.indexOf("id=\"constructs\""));
        // the safety section stands right under the findings, before the constructs
        assertThat(html.indexOf("id=\"safety\"")).as("safety under the findings")
                .isGreaterThan(html.indexOf("id=\"top-findings\"")).isLessThan(html.indexOf("id=\"constructs\""));

        // the cards: percent favourable counted here, its band, the partner's beside it, the caveat on comfort
        Matcher cards = Pattern.compile("<li class=\"construct-card\">(.*?)</li>", Pattern.DOTALL).matcher(html);
        List<String> card = new ArrayList<>();
        while (cards.find()) {
            card.add(cards.group(1).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").replace('\u00a0', ' '));
        }
        assertThat(card).hasSize(2);
        ReportFormat f = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        assertThat(card.get(0)).contains(f.percent(favourable(INCONSISTENT_COMFORT, 0, 1)) + " %")
                .contains("▲ высокий уровень").contains(": " + f.percent(favourable(CONSISTENT_LOW, 0, 1)) + " %")
                .doesNotContain("ненадёжна");
        assertThat(card.get(1)).startsWith(" Комфортность условий").contains(f.percent(favourable(INCONSISTENT_COMFORT, 2, 3)) + " %")
                .contains("⚠ Шкала ненадёжна: альфа Кронбаха \u2212");
        assertThat(html).contains("id=\"band-legend\"").contains("▲ высокий — от 70 %");
        // the response rate: 10 of 25 is under half
        assertThat(html).contains("Ответили 10 из 25 ожидаемых (40").contains("Ответила меньше половины группы");
        // the statistics are folded under the details for the psychologist
        String details = html.substring(html.indexOf("<details id=\"psychologist-details\""));
        assertThat(details).contains("Подробности для психолога").contains("class=\"num score\"")
                .contains("id=\"comparisons\"").contains("id=\"problem-matrix\"").contains("Альфа Кронбаха");
        assertThat(html.substring(0, html.indexOf("<details"))).doesNotContain("class=\"num score\"")
                .doesNotContain("Хеджеса").doesNotContain("id=\"problem-matrix\"");

        // the partner's page: a rate over 100 % is an error of the expected size
        String partnerPage = director.get("/staff/waves/" + trustWave + "/schools/" + b + "/dashboard").body();
        assertThat(partnerPage).contains("Ответов: 10, а в кодах ожидалось 5").contains("Ответов больше 100")
                .doesNotContain("(200");

        // the PDF's findings follow the same rule: demandingness named, comfort left out and said so
        Http.Download pdf = http.download("/api/v1/admin/waves/" + trustWave + "/schools/" + a + "/summary.pdf",
                "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(pdf.status()).isEqualTo(200);
        String text = Pdfs.text(pdf.body()).replaceAll("\\s+", " ");
        assertThat(text).contains("«Требовательность педагогов к учащимся» выше")
                .doesNotContain("«Комфортность условий» выше")
                .contains("Не вошли в выводы из-за ненадёжной шкалы");
    }

    @Test
    void aConstructMeasuredByTwoFormsCarriesItsFormAndLevelAndAgreementHaveTwoNames() {
        ConstructIndex.ScaleInfo scale = new ConstructIndex.ScaleInfo("agree4", 1, 4, List.of(3, 4));
        ConstructIndex dem = new ConstructIndex("teacher_demandingness", new Text("Требовательность педагогов к учащимся",
                "Teacher demandingness"), Domain.TEACHING, IndexKind.LEVEL, scale, List.of(), List.of(),
                new SchoolIndex(null, true, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null), null);
        ConstructIndex values = new ConstructIndex("shared_values", new Text("Согласованность профессиональных ценностей",
                "Shared professional values"), Domain.CULTURE, IndexKind.AGREEMENT, scale, List.of(), List.of(),
                dem.overall(), null);
        QuestionnaireIndices young = new QuestionnaireIndices(1, "students-2-4", 1, Respondent.STUDENT,
                new Text("Анкета 2–4", "Form 2–4"), List.of(dem));
        QuestionnaireIndices old = new QuestionnaireIndices(2, "students-5-11", 1, Respondent.STUDENT,
                new Text("Анкета 5–11", "Form 5–11"), List.of(dem));
        QuestionnaireIndices parents = new QuestionnaireIndices(3, "parents", 1, Respondent.PARENT,
                new Text("Родители", "Parents"), List.of(dem));
        QuestionnaireIndices teachers = new QuestionnaireIndices(4, "teachers", 1, Respondent.TEACHER,
                new Text("Педагоги", "Teachers"), List.of(values));
        WaveIndices wave = new WaveIndices(1, 5, List.of(young, old, parents, teachers));

        assertThat(labels.level(wave, young, dem).ru()).isEqualTo("Требовательность педагогов к учащимся (учащиеся 2–4 кл.)");
        assertThat(labels.level(wave, old, dem).ru()).isEqualTo("Требовательность педагогов к учащимся (учащиеся 5–11 кл.)");
        assertThat(labels.level(wave, old, dem).en()).isEqualTo("Teacher demandingness (students, grades 5–11)");
        assertThat(labels.level(wave, 1, "teacher_demandingness", dem.title())).isEqualTo(labels.level(wave, young, dem));
        // one parents' form: no form to name
        assertThat(labels.level(wave, parents, dem).ru()).isEqualTo("Требовательность педагогов к учащимся");
        // the level of shared values and their agreement never share a name
        Text level = labels.level(wave, teachers, values);
        Text agreement = labels.agreement(wave, teachers, values);
        assertThat(level.ru()).isEqualTo("Значимость профессиональных ценностей (уровень)");
        assertThat(agreement.ru()).isEqualTo("Согласие педагогов в оценке ценностей (rWG)");
        assertThat(level.en()).isNotEqualTo(agreement.en());
        // alone in its wave, a form adds nothing
        WaveIndices single = new WaveIndices(1, 5, List.of(young));
        assertThat(labels.level(single, young, dem).ru()).isEqualTo("Требовательность педагогов к учащимся");
    }
}
