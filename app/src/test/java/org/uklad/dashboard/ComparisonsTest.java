package org.uklad.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
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
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * Comparisons with the partner school and with the earlier wave, and the problem matrix, through
 * the staff API, the dashboard page and the PDF summary, on answers stored through the app.
 *
 * <p>Golden values: {@code app/src/test/r/comparisons.R} (base R 4) on exactly the answers below:
 * {@code t.test(x, y)}, {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)}, Hedges' g by its
 * formula (exact J, Hedges &amp; Olkin interval), {@code p.adjust(p, method = "BH")}, and
 * {@code t.test(x, mu = M)} against the median school for the matrix.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonsTest extends AppTest {

    static final String PASSWORD = "correct horse battery";
    static final double EPS = 1e-9;
    /** dem1, dem2 (reverse), com1, com2: school A now (the same rows as comparisons.R). */
    static final Integer[][] A_NOW = {{2, 3, 3, 3}, {1, 3, 3, 2}, {2, 2, 2, 3}, {3, 3, 3, 3}, {2, 4, 4, 3}, {1, 2, 3, 3},
            {2, 3, 2, 2}, {3, 2, 3, 4}, {2, 3, 3, 3}, {1, 4, 2, 3}, {2, 2, 4, 3}, {3, 3, 3, 2}};
    /** its partner B now: clearly more demanding teachers, the same comfort */
    static final Integer[][] B_NOW = {{4, 1, 3, 3}, {3, 1, 3, 2}, {4, 2, 2, 3}, {3, 2, 3, 3}, {4, 1, 4, 3}, {4, 1, 3, 3},
            {3, 1, 2, 3}, {4, 2, 3, 4}, {3, 2, 3, 2}, {4, 1, 3, 3}};
    /** a third school C now (the wave's median school) */
    static final Integer[][] C_NOW = {{3, 2, 3, 3}, {2, 2, 3, 2}, {3, 3, 3, 3}, {2, 2, 2, 3}, {3, 1, 3, 3}, {3, 2, 4, 3},
            {2, 3, 3, 2}, {3, 2, 3, 3}};
    /** school A in the earlier wave: less demanding then */
    static final Integer[][] A_THEN = {{1, 4, 3, 3}, {1, 3, 3, 2}, {2, 4, 2, 3}, {1, 4, 3, 3}, {2, 3, 4, 3}, {1, 4, 3, 3},
            {1, 3, 2, 2}, {2, 4, 3, 3}, {1, 4, 3, 3}};
    /**
     * school A in the earliest wave, on another questionnaire of the students ("example-five": the
     * example's constructs and items on a 1..5 scale), so the versions and the scales differ
     */
    static final Integer[][] A_FIVE = {{2, 4, 4, 4}, {1, 4, 3, 4}, {2, 5, 4, 3}, {1, 3, 4, 4}, {2, 4, 5, 4},
            {1, 5, 4, 4}, {2, 4, 3, 4}, {1, 4, 4, 5}};
    /** a small school S (below the threshold of 5), also paired with B */
    static final Integer[][] S_NOW = {{2, 2, 3, 3}, {3, 1, 4, 4}, {1, 4, 2, 2}};

    @Inject Accounts accounts;

    long earliest;
    long earlier;
    long wave;
    long a;
    long b;
    long c;
    long s;
    String prefix;

    @BeforeAll
    void answer() {
        a = fixture.school("SHNRO");
        b = fixture.school("SHUVRO");
        c = fixture.school("OTHER");
        s = fixture.school("SHRSSU");
        pair(b, a);
        pair(b, s);
        Instant now = Instant.now();
        importFivePointExample();
        earliest = fixture.wave(now.minus(Duration.ofDays(120)), now.plus(Duration.ofDays(30)), "example-five");
        fixture.exampleAnswers(earliest, a, "example-five", A_FIVE);
        earlier = fixture.wave(now.minus(Duration.ofDays(60)), now.plus(Duration.ofDays(30)), "example");
        wave = fixture.wave(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)), "example");
        fixture.exampleAnswers(earlier, a, A_THEN);
        fixture.exampleAnswers(wave, a, A_NOW);
        fixture.exampleAnswers(wave, b, B_NOW);
        fixture.exampleAnswers(wave, c, C_NOW);
        fixture.exampleAnswers(wave, s, S_NOW);
        prefix = "cmp" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(prefix + "-a", "Анна Петрова", Role.DIRECTOR, List.of(a), PASSWORD, false);
        accounts.create(prefix + "-s", "Иван Сидоров", Role.DIRECTOR, List.of(s), PASSWORD, false);
    }

    /** The example questionnaire under the key {@code example-five} with a five-point scale. */
    void importFivePointExample() {
        String yaml = org.uklad.questionnaires.Instruments.bundledQuestionnaires().stream()
                .filter(f -> f.name().endsWith("example.yaml")).findFirst().orElseThrow().text()
                .replace("key: example", "key: example-five")
                .replace("Пример анкеты для учащихся", "Пример анкеты для учащихся, пять делений")
                .replace("Example student questionnaire", "Example student questionnaire, five points")
                .replace("agree4", "agree5")
                .replace("      - {value: 4, ru: \"Определённо да\", en: \"Strongly agree\"}\n",
                        "      - {value: 4, ru: \"Да\", en: \"Quite agree\"}\n"
                                + "      - {value: 5, ru: \"Определённо да\", en: \"Strongly agree\"}\n")
                .replace("favourable: [3, 4]", "favourable: [4, 5]");
        Http.Response r = http.send("POST", "/api/v1/admin/questionnaires?name=example-five.yaml", "application/yaml",
                yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8), "Authorization", "Bearer " + Http.ADMIN_TOKEN);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    void pair(long mentor, long supported) {
        Http.Response r = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", mentor, "supportedSchoolId", supported)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    String api(long schoolId, String what) {
        return "/api/v1/staff/waves/" + wave + "/schools/" + schoolId + "/" + what;
    }

    JsonNode json(StaffAgent agent, String path) {
        Http.Response r = agent.getJson(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return http.json(r);
    }

    static JsonNode construct(JsonNode comparison, String id) {
        for (JsonNode c : comparison.get("constructs").values()) {
            if (c.get("construct").getStringValue().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no " + id);
    }

    static double d(JsonNode n, String field) {
        return n.get(field).getNumberValue().doubleValue();
    }

    /** The R figures of one construct: diff, ci, welch p, Mann–Whitney p, BH p, g, g interval. */
    static void assertGolden(JsonNode c, String verdict, double... r) {
        assertThat(c.get("verdict").getStringValue()).isEqualTo(verdict);
        String[] fields = {"difference", "ciLower", "ciUpper", "welchP", "mannWhitneyP", "adjustedP", "hedgesG",
                "hedgesGLower", "hedgesGUpper"};
        for (int i = 0; i < fields.length; i++) {
            assertThat(d(c, fields[i])).as(fields[i]).isCloseTo(r[i], within(EPS * Math.max(1, Math.abs(r[i]))));
        }
    }

    StaffAgent director() {
        return new StaffAgent(http).signedIn(prefix + "-a", PASSWORD);
    }

    @Test
    void partnerAndEarlierWaveComparisonsEqualR() {
        JsonNode all = json(director(), api(a, "comparisons"));
        assertThat(d(all, "minGroupSize")).isEqualTo(5);
        JsonNode partner = all.get("partner");
        assertThat(partner.get("kind").getStringValue()).isEqualTo("PARTNER");
        assertThat(partner.get("referenceSchoolId").getLongValue()).isEqualTo(b);
        // comparisons.R, "partner dem" and "partner com"
        assertGolden(construct(partner, "teacher_demandingness"), "LOWER", -50.555555555556, -64.730419071324,
                -36.380692039787, 3.95334575989e-07, 9.33190827755e-05, 7.90669151977e-07, -2.972910772386,
                -4.165937027614, -1.779884517158);
        assertGolden(construct(partner, "comfort"), "NO_CLEAR_DIFFERENCE", -0.833333333333, -13.835823133262,
                12.169156466595, 0.894983237054, 0.972181932423, 0.894983237054, -0.054028187701, -0.861456067469,
                0.753399692068);
        assertThat(construct(partner, "teacher_demandingness").get("n").getLongValue()).isEqualTo(A_NOW.length);
        assertThat(construct(partner, "teacher_demandingness").get("referenceN").getLongValue()).isEqualTo(B_NOW.length);

        List<JsonNode> waves = toList(all.get("earlierWaves"));
        assertThat(waves).as("oldest first").extracting(w -> w.get("referenceWaveId").getLongValue())
                .containsExactly(earliest, earlier);
        JsonNode then = waves.get(1);
        assertThat(then.get("kind").getStringValue()).isEqualTo("EARLIER_WAVE");
        assertThat(then.get("referenceWaveId").getLongValue()).isEqualTo(earlier);
        // comparisons.R, "earlier dem" and "earlier com": now minus then
        assertGolden(construct(then, "teacher_demandingness"), "HIGHER", 25.0, 11.066235020971, 38.933764979029,
                0.00136389848786, 0.00487982920213, 0.00272779697572, 1.493211849992, 0.548651152499,
                2.437772547486);
        assertGolden(construct(then, "comfort"), "NO_CLEAR_DIFFERENCE", 1.388888888889, -12.643830928810,
                15.421608706588, 0.837760946342, 0.910144513327, 0.837760946342, 0.086496701749, -0.743530501979,
                0.916523905476);
        // another questionnaire of the same respondent group on a five-point scale, matched by construct
        // and group and compared on 0–100 (comparisons.R, "earliest"): demandingness clearly higher now;
        // comfort lower by 10.9 with g = −0.74, but the adjusted p is 0.082, so no clear difference
        JsonNode five = waves.getFirst();
        assertGolden(construct(five, "teacher_demandingness"), "HIGHER", 18.923611111111, 5.654001287608,
                32.193220934615, 0.0078986528944, 0.0123159240761, 0.0157973057888, 1.158862823908,
                0.229927144716, 2.087798503099);
        assertGolden(construct(five, "comfort"), "NO_CLEAR_DIFFERENCE", -10.9375, -23.397240337134, 1.522240337134,
                0.0816707992248, 0.171555532073, 0.0816707992248, -0.739723850827, -1.626571297479,
                0.147123595824);
        // the earlier wave itself has only the earliest before it
        Http.Response first = director().getJson("/api/v1/staff/waves/" + earlier + "/schools/" + a + "/comparisons");
        assertThat(toList(http.json(first).get("earlierWaves"))).hasSize(1);
        Http.Response none = director().getJson("/api/v1/staff/waves/" + earliest + "/schools/" + a + "/comparisons");
        assertThat(toList(http.json(none).get("earlierWaves"))).isEmpty();
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.values().forEach(out::add);
        return out;
    }

    static JsonNode cell(JsonNode matrix, String domain, String construct) {
        for (JsonNode col : matrix.get("domains").values()) {
            if (col.get("domain").getStringValue().equals(domain)) {
                for (JsonNode cell : col.get("cells").values()) {
                    if (cell.get("construct").getStringValue().equals(construct)) {
                        return cell;
                    }
                }
            }
        }
        throw new AssertionError("no " + construct + " in " + domain);
    }

    @Test
    void theProblemMatrixMarksByTheDocumentedRule() {
        JsonNode m = json(director(), api(a, "problem-matrix"));
        assertThat(toList(m.get("domains")).stream().map(x -> x.get("domain").getStringValue()))
                .containsExactly("MANAGEMENT", "TEACHING", "CULTURE");
        // clearly below the partner (g = −2.97, BH p < .05) and below the median school: a problem.
        // comparisons.R "median dem": t.test(x, mu = 58.33) p = 0.00163, BH 0.00327, d = −1.20
        JsonNode dem = cell(m, "TEACHING", "teacher_demandingness");
        assertThat(dem.get("mark").getStringValue()).isEqualTo("PROBLEM");
        assertThat(dem.get("versusPartner").getStringValue()).isEqualTo("LOWER");
        assertThat(dem.get("versusMedian").getStringValue()).isEqualTo("LOWER");
        assertThat(d(dem, "hedgesG")).isCloseTo(-2.972910772386, within(EPS));
        // no clear difference from either ("median com": this school is the median school, p = 1)
        JsonNode com = cell(m, "CULTURE", "comfort");
        assertThat(com.get("mark").getStringValue()).isEqualTo("TYPICAL");
        assertThat(com.get("versusPartner").getStringValue()).isEqualTo("NO_CLEAR_DIFFERENCE");
        assertThat(com.get("versusMedian").getStringValue()).isEqualTo("NO_CLEAR_DIFFERENCE");
        // the partner, seen from its side: clearly higher than A, and above the median: a strength
        JsonNode fromB = json(director(), api(b, "problem-matrix"));
        assertThat(cell(fromB, "TEACHING", "teacher_demandingness").get("mark").getStringValue()).isEqualTo("STRENGTH");
        // the median itself is not given out (with three schools it is the third school's own score)
        assertThat(director().getJson(api(a, "problem-matrix")).body()).doesNotContain("58.3");
    }

    @Test
    void aDirectorReadsTheOwnSchoolAndThePartnerButNoOther() {
        StaffAgent director = director();
        for (String what : List.of("comparisons", "problem-matrix")) {
            assertThat(director.getJson(api(a, what)).status()).as(what + " own").isEqualTo(200);
            assertThat(director.getJson(api(b, what)).status()).as(what + " partner").isEqualTo(200);
            Http.Response other = director.getJson(api(c, what));
            assertThat(other.status()).as(what + " other").isEqualTo(403);
            assertThat(other.contentType()).startsWith("application/problem+json");
            // an unknown school is just another school out of scope; an unknown wave is 404
            assertThat(director.getJson(api(999_999, what)).status()).isEqualTo(403);
            assertThat(director.getJson("/api/v1/staff/waves/999999/schools/" + a + "/" + what).status())
                    .isEqualTo(404);
            assertThat(http.get(api(a, what)).status()).as("signed out").isEqualTo(401);
        }
        assertThat(director.get("/staff/waves/" + wave + "/schools/" + c + "/dashboard").status()).isEqualTo(403);
    }

    @Test
    void aSmallSchoolGetsTooFewAnswersAndNoNumberAnywhere() {
        StaffAgent director = new StaffAgent(http).signedIn(prefix + "-s", PASSWORD);
        JsonNode all = json(director, api(s, "comparisons"));
        for (JsonNode cmp : toList(all.get("partner").get("constructs"))) {
            assertThat(cmp.get("verdict").getStringValue()).isEqualTo("TOO_FEW_ANSWERS");
            for (String field : List.of("n", "referenceN", "score", "referenceScore", "difference", "ciLower",
                    "ciUpper", "welchP", "mannWhitneyP", "adjustedP", "hedgesG", "hedgesGLower", "hedgesGUpper")) {
                assertThat(cmp.get(field)).as(field).isNull();
            }
        }
        JsonNode m = json(director, api(s, "problem-matrix"));
        for (JsonNode col : m.get("domains").values()) {
            for (JsonNode cell : col.get("cells").values()) {
                assertThat(cell.get("mark").getStringValue()).isEqualTo("TOO_FEW_ANSWERS");
                assertThat(cell.get("hedgesG")).isNull();
                assertThat(cell.get("versusMedian")).isNull();
            }
        }
        // S's partner B is paired first with A, which this director may not read: B's page and API
        // leave the partner comparison out instead of showing A's figures
        Http.Response partnerOfS = director.getJson(api(b, "comparisons"));
        assertThat(partnerOfS.status()).isEqualTo(200);
        assertThat(http.json(partnerOfS).get("partner")).isNull();
        assertThat(json(director, api(b, "problem-matrix")).get("withPartner").getBooleanValue()).isFalse();
        String bPage = director.get("/staff/waves/" + wave + "/schools/" + b + "/dashboard").body();
        assertThat(bPage).doesNotContain("partner-score").doesNotContain("compare-partner")
                .contains("id=\"partner-hidden\"").doesNotContain("id=\"no-partner\"");
        // the page: the words, and no figure in any comparison row
        Http.Response page = director.get("/staff/waves/" + wave + "/schools/" + s + "/dashboard");
        assertThat(page.status()).isEqualTo(200);
        List<String> rows = rows(page.body(), "comparison-row");
        assertThat(rows).isNotEmpty().allSatisfy(r -> {
            assertThat(r).contains("слишком мало ответов");
            assertThat(r.replaceAll("<[^>]*>", " ")).doesNotContainPattern("\\d");
        });
        assertThat(page.body()).contains("○ слишком мало ответов");
        // the PDF: the matrix says so too, and no comparison figure of S is printed
        String pdf = pdfText(s, "ru");
        assertThat(pdf).contains("Матрица проблем").contains("○ слишком мало ответов")
                .contains("Школа не участвовала в прошлых волнах");
        String flat = pdf.replaceAll("\\s+", " ");
        int cells = flat.indexOf("Школьная культура");
        assertThat(flat.substring(cells, flat.indexOf("Уклад ·", cells))).as("the matrix of a small school")
                .contains("Требовательность педагогов к учащимся").doesNotContainPattern("\\d");
    }

    static List<String> rows(String html, String cssClass) {
        Matcher m = Pattern.compile("<tr class=\"" + cssClass + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theDashboardShowsBothComparisonsAndTheMatrixInWords() {
        StaffAgent director = director();
        Http.Response page = director.get("/staff/waves/" + wave + "/schools/" + a + "/dashboard");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        String html = page.body();
        keep("dashboard-a-ru.html", html);
        assertThat(html).contains("id=\"compare-partner\"").contains("id=\"compare-wave-" + earlier + "\"")
                .contains("id=\"compare-wave-" + earliest + "\"");
        List<String> rows = rows(html, "comparison-row");
        assertThat(rows).hasSize(6); // partner, the earliest wave, the earlier wave: two constructs each
        // partner: demandingness lower by 50.6 points (R: −50.5556, interval −64.73…−36.38, g −2.97)
        assertThat(rows.get(0)).contains("(учащиеся)").contains("ниже").contains("-50,6 (-64,7…-36,4)").contains("-2,97 (-4,17…-1,78)")
                .contains("&lt; 0,001");
        assertThat(rows.get(1)).contains("нет явного различия");
        // earlier wave: demandingness higher now, +25.0 (R: 11.07…38.93)
        assertThat(rows.get(2)).contains("выше").contains("+18,9 (+5,7…+32,2)");
        assertThat(rows.get(3)).contains("нет явного различия").contains("-10,9 (-23,4…+1,5)");
        assertThat(rows.get(4)).contains("выше").contains("+25,0 (+11,1…+38,9)").contains("1,49");
        assertThat(rows.get(5)).contains("нет явного различия");
        // the column of the school table uses the same verdicts
        assertThat(DashboardTest.cells(html, "comparison")).containsExactly("ниже", "нет явного различия");
        // the matrix: symbol and word, never colour alone
        assertThat(html).contains("▼ проблема").contains("● обычный уровень").contains("Преподавание")
                .contains("Школьная культура").contains("Управление");
        assertThat(html).doesNotContain("style=");
        Http.Response en = director.get("/staff/waves/" + wave + "/schools/" + a + "/dashboard?lang=en");
        assertThat(en.body()).contains("▼ problem").contains("● typical").contains("no clear difference")
                .contains("-50.6 (-64.7…-36.4)").contains("Problem matrix").contains("School culture");
    }

    @Test
    void theSummaryPdfShowsTheChangeSinceThePreviousWaveAndTheMatrix() {
        String text = pdfText(a, "ru").replaceAll("-\\s+", "-").replaceAll("\\s+", " ");
        assertThat(text).contains("Изменения с прошлой волны").contains("+25,0 (+11,1…+38,9)").contains("выше")
                .contains("Матрица проблем").contains("▼ проблема").contains("● обычный уровень");
        // the findings use the same verdict as the dashboard: demandingness clearly lower than the partner's
        assertThat(text).contains("«Требовательность педагогов к учащимся» ниже, чем в школе-партнёре");
        assertThat(text).doesNotContain("«Комфортность условий» ниже").doesNotContain("«Комфортность условий» выше");
        String en = pdfText(a, "en").replaceAll("\\s+", " ");
        assertThat(en).contains("Change since the previous wave").contains("+25.0 (+11.1…+38.9)")
                .contains("higher").contains("▼ problem");
    }

    /** Kept under target/ for a look by eye. */
    static void keep(String name, String content) {
        try {
            java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(
                    java.nio.file.Path.of("target", "report-test")).resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pdfText(long schoolId, String lang) {
        try {
            HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve("/api/v1/admin/waves/" + wave
                            + "/schools/" + schoolId + "/summary.pdf?lang=" + lang))
                    .header("Authorization", "Bearer " + Http.ADMIN_TOKEN).timeout(Duration.ofSeconds(60)).build();
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            // kept under target/ for a look by eye
            java.nio.file.Files.write(java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "report-test"))
                    .resolve("comparisons-" + (schoolId == a ? "a" : "other") + "-" + lang + ".pdf"), r.body());
            return org.uklad.support.Pdfs.text(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
