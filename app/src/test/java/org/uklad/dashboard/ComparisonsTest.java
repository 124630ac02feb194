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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.indices.Verdict;
import org.uklad.report.SchoolSummaryTest;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * Comparisons with the partner school and with the earlier wave, and the problem matrix, through
 * the staff API, the dashboard page and the PDF summary, on answers stored through the app.
 *
 * <p>The answers are {@code src/test/resources/comparisons/answers.csv}; every data set whose
 * figures are checked is a whole number of blocks of k (a group is published k at a time).
 * Reference values: {@code src/test/r/comparisons.R} (base R 4, run in {@code app/}) reads the same
 * file and writes {@code comparisons.ref.csv} beside it: {@code t.test(x, y)},
 * {@code wilcox.test(x, y, exact = FALSE, correct = TRUE)}, Hedges' g and its interval by
 * {@code metafor::escalc("SMD", ...)} (vtype "LS"), {@code p.adjust(p, method = "BH")}, {@code t.test(x, mu = M)}
 * against the median school for the matrix, and the verdict by the rule of {@link Verdict}. After
 * changing the answers, run it again.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComparisonsTest extends AppTest {

    static final String PASSWORD = "correct horse battery";
    static final double EPS = 1e-9;
    static final Path DATA = Path.of("src/test/resources/comparisons");
    /** dem1, dem2 (reverse), com1, com2 of each respondent: school A now. */
    static final Integer[][] A_NOW = answers("a_now");
    /** its partner B now: clearly more demanding teachers, about the same comfort */
    static final Integer[][] B_NOW = answers("b_now");
    /** a third school C now (the wave's median school in demandingness) */
    static final Integer[][] C_NOW = answers("c_now");
    /** school A in the earlier wave: less demanding then */
    static final Integer[][] A_THEN = answers("a_then");
    /**
     * school A in the earliest wave, on another questionnaire of the students ("example-five": the
     * example's constructs and items on a 1..5 scale), so the versions and the scales differ
     */
    static final Integer[][] A_FIVE = answers("a_five");
    /**
     * a small school S (below the threshold of 5), also paired with B: stored as responses from
     * before publication in blocks of k: the only way a school's published figures can rest on
     * fewer than k people
     */
    static final Integer[][] S_NOW = answers("s_now");
    /** comparisons.R's figures by name ({@code partner.comfort.hedgesG}, {@code median.comfort.verdict}, ...). */
    static final Map<String, String> R = refs();
    static final ReportFormat RU = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
    static final ReportFormat EN = new ReportFormat(Messages.ENGLISH, ZoneId.of("Europe/Moscow"));

    @Inject Accounts accounts;
    @Inject Messages messages;

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
        for (Integer[] r : S_NOW) {
            db.storeAsBeforeV11(wave, s, "example", "7А", Fixture.exampleRow(r));
        }
        prefix = "cmp" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(prefix + "-a", "Анна Петрова", Role.DIRECTOR, List.of(a), PASSWORD, false);
        accounts.create(prefix + "-s", "Иван Сидоров", Role.DIRECTOR, List.of(s), PASSWORD, false);
    }

    static List<String[]> csv(String file) {
        try {
            return Files.readAllLines(DATA.resolve(file), StandardCharsets.UTF_8).stream().skip(1)
                    .filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Integer[][] answers(String set) {
        return csv("answers.csv").stream().filter(r -> r[0].equals(set))
                .map(r -> Arrays.stream(r, 1, 5).map(v -> v.equals("NA") ? null : Integer.valueOf(v)).toArray(Integer[]::new))
                .toArray(Integer[][]::new);
    }

    static Map<String, String> refs() {
        Map<String, String> out = new TreeMap<>();
        csv("comparisons.ref.csv").forEach(r -> out.put(r[0], r[1]));
        return out;
    }

    /** One of comparisons.R's numbers. */
    static double r(String name) {
        String v = R.get(name);
        assertThat(v).as("comparisons.ref.csv has " + name).isNotNull();
        return Double.parseDouble(v);
    }

    /** A difference with its interval as the dashboard and the PDF print it ({@code -50,6 (-64,7…-36,4)}). */
    static String difference(ReportFormat f, String ref) {
        return f.signedScore(r(ref + ".difference")) + " (" + f.signedScore(r(ref + ".ciLower")) + "…"
                + f.signedScore(r(ref + ".ciUpper")) + ")";
    }

    /** Hedges' g with its interval as the dashboard prints it ({@code -2,97 (-4,17…-1,78)}). */
    static String effect(ReportFormat f, String ref) {
        return f.coefficient(r(ref + ".hedgesG")) + " (" + f.coefficientInterval(r(ref + ".hedgesGLower"),
                r(ref + ".hedgesGUpper")) + ")";
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
        assertThat(r.status()).as("a new version, not an identical one found: " + r.body()).isEqualTo(201);
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

    /**
     * One construct of a comparison against comparisons.R's {@code ref.*}: the verdict (the data are
     * made so that it is {@code verdict}, and R's rule says so too), the difference and its interval,
     * the Welch, Mann–Whitney and BH p, Hedges' g and its interval.
     */
    static void assertR(JsonNode c, String verdict, String ref) {
        assertThat(R.get(ref + ".verdict")).as("R's verdict of " + ref).isEqualTo(verdict);
        assertThat(c.get("verdict").getStringValue()).as(ref).isEqualTo(verdict);
        for (String field : List.of("difference", "ciLower", "ciUpper", "welchP", "mannWhitneyP", "adjustedP", "hedgesG",
                "hedgesGLower", "hedgesGUpper")) {
            double expected = r(ref + "." + field);
            assertThat(d(c, field)).as(ref + "." + field).isCloseTo(expected, within(EPS * Math.max(1, Math.abs(expected))));
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
        assertR(construct(partner, "teacher_demandingness"), "LOWER", "partner.teacher_demandingness");
        assertR(construct(partner, "comfort"), "NO_CLEAR_DIFFERENCE", "partner.comfort");
        assertThat(construct(partner, "teacher_demandingness").get("n").getLongValue()).isEqualTo(A_NOW.length);
        assertThat(construct(partner, "teacher_demandingness").get("referenceN").getLongValue()).isEqualTo(B_NOW.length);

        List<JsonNode> waves = toList(all.get("earlierWaves"));
        assertThat(waves).as("oldest first").extracting(w -> w.get("referenceWaveId").getLongValue())
                .containsExactly(earliest, earlier);
        JsonNode then = waves.get(1);
        assertThat(then.get("kind").getStringValue()).isEqualTo("EARLIER_WAVE");
        assertThat(then.get("referenceWaveId").getLongValue()).isEqualTo(earlier);
        // now minus then
        assertR(construct(then, "teacher_demandingness"), "HIGHER", "earlier.teacher_demandingness");
        assertR(construct(then, "comfort"), "NO_CLEAR_DIFFERENCE", "earlier.comfort");
        // another questionnaire of the same respondent group on a five-point scale, matched by construct
        // and group and compared on 0–100: demandingness clearly higher now; comfort lower with an
        // effect above the threshold, but not beyond chance (adjusted p ≥ 0.05): no clear difference
        JsonNode five = waves.getFirst();
        assertR(construct(five, "teacher_demandingness"), "HIGHER", "earliest.teacher_demandingness");
        assertR(construct(five, "comfort"), "NO_CLEAR_DIFFERENCE", "earliest.comfort");
        assertThat(r("earliest.comfort.difference")).isNegative();
        assertThat(Math.abs(r("earliest.comfort.hedgesG"))).isGreaterThanOrEqualTo(Verdict.MIN_EFFECT);
        assertThat(r("earliest.comfort.adjustedP")).isGreaterThanOrEqualTo(Verdict.ALPHA);
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
        // clearly below the partner and below the median school (comparisons.R, t.test(x, mu = M)), but the
        // scale does not hold together here (alpha below 0.6, indices/ScaleTrust): no problem, an unreliable scale
        JsonNode dem = cell(m, "TEACHING", "teacher_demandingness");
        assertThat(dem.get("mark").getStringValue()).isEqualTo("UNRELIABLE");
        assertThat(d(dem, "alpha")).isLessThan(0.6);
        assertThat(dem.get("versusPartner").getStringValue()).isEqualTo("LOWER");
        assertThat(dem.get("versusMedian").getStringValue()).isEqualTo("LOWER").isEqualTo(R.get("median.teacher_demandingness.verdict"));
        assertThat(d(dem, "hedgesG")).isCloseTo(r("partner.teacher_demandingness.hedgesG"), within(EPS));
        // no clear difference from either: in comfort this school is the median school (R: p = 1)
        assertThat(r("median.comfort.welchP")).isEqualTo(1.0);
        JsonNode com = cell(m, "CULTURE", "comfort");
        // typical where its scale holds together, else an unreliable scale (indices/ScaleTrust)
        assertThat(com.get("mark").getStringValue())
                .isEqualTo(com.get("alpha") != null && d(com, "alpha") >= 0.6 ? "TYPICAL" : "UNRELIABLE");
        assertThat(com.get("versusPartner").getStringValue()).isEqualTo("NO_CLEAR_DIFFERENCE");
        assertThat(com.get("versusMedian").getStringValue()).isEqualTo("NO_CLEAR_DIFFERENCE")
                .isEqualTo(R.get("median.comfort.verdict"));
        // the partner, seen from its side: clearly higher than A, and above the median: a strength
        JsonNode fromB = json(director(), api(b, "problem-matrix"));
        // ... nor a strength: its scale is not trusted either (the rule of PROBLEM and STRENGTH: ComparisonRuleTest)
        JsonNode demB = cell(fromB, "TEACHING", "teacher_demandingness");
        assertThat(demB.get("versusPartner").getStringValue()).isEqualTo("HIGHER");
        assertThat(demB.get("mark").getStringValue()).isEqualTo("UNRELIABLE");
        // the median itself is not given out (with three schools it is the third school's own score)
        assertThat(director().getJson(api(a, "problem-matrix")).body())
                .doesNotContain(EN.score(r("median.teacher_demandingness.median")));
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
        // "and 2 more" counts the folded measures; no comparison figure
        assertThat(flat.substring(cells, flat.indexOf("Уклад ·", cells)).replaceAll("И ещё \\d+:", ""))
                .as("the matrix of a small school").contains("Требовательность педагогов к учащимся").doesNotContainPattern("\\d");
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
        // partner: demandingness lower, with R's difference, interval, g and p
        assertThat(rows.get(0)).contains("(учащиеся)").contains("ниже")
                .contains(difference(RU, "partner.teacher_demandingness")).contains(effect(RU, "partner.teacher_demandingness"))
                .contains(RU.pValue(r("partner.teacher_demandingness.welchP")).replace("<", "&lt;"));
        assertThat(rows.get(1)).contains("нет явного различия");
        // the earliest wave, then the earlier one: demandingness higher now
        assertThat(rows.get(2)).contains("выше").contains(difference(RU, "earliest.teacher_demandingness"));
        assertThat(rows.get(3)).contains("нет явного различия").contains(difference(RU, "earliest.comfort"));
        assertThat(rows.get(4)).contains("выше").contains(difference(RU, "earlier.teacher_demandingness"))
                .contains(effect(RU, "earlier.teacher_demandingness"));
        assertThat(rows.get(5)).contains("нет явного различия");
        // the column of the school table uses the same verdicts
        assertThat(DashboardTest.cells(html, "comparison")).containsExactly("ниже", "нет явного различия");
        // the matrix: symbol and word, never colour alone
        assertThat(html).contains("◌ ненадёжная шкала").contains("● обычный уровень").contains("Преподавание")
                .contains("Школьная культура").contains("Управление");
        assertThat(html).doesNotContain("style=");
        Http.Response en = director.get("/staff/waves/" + wave + "/schools/" + a + "/dashboard?lang=en");
        assertThat(en.body()).contains("◌ unreliable scale").contains("● typical").contains("no clear difference")
                .contains(difference(EN, "partner.teacher_demandingness")).contains("Problem matrix").contains("School culture");
    }

    @Test
    void theSummaryPdfShowsTheChangeSinceThePreviousWaveAndTheMatrix() {
        String text = pdfText(a, "ru").replaceAll("-\\s+", "-").replaceAll("\\s+", " ");
        assertThat(text).contains("Изменения с прошлой волны").contains(difference(RU, "earlier.teacher_demandingness")).contains("выше")
                .contains("Матрица проблем").contains("◌ ненадёжная шкала").contains("● обычный уровень")
                .doesNotContain("▼ проблема Требовательность").doesNotContain("▼ проблема Requirement");
        // the findings use the same rule as the dashboard's top (report/Headlines): demandingness is clearly lower
        // than the partner's by the verdict, but its scale does not hold together here (alpha 0.37 and 0.29,
        // below 0.6), so it is no finding: it is named among the scales left out, never stated as fact
        assertThat(text.substring(text.indexOf("Главные выводы"), text.indexOf("Изменения с прошлой волны")))
                .doesNotContain("«Требовательность педагогов к учащимся» ниже")
                .contains("Не вошли в выводы из-за ненадёжной шкалы (альфа Кронбаха ниже 0,60 или её не посчитать): "
                        + "Требовательность педагогов к учащимся (учащиеся)");
        assertThat(text).doesNotContain("«Комфортность условий» ниже").doesNotContain("«Комфортность условий» выше");
        String top = director().get("/staff/waves/" + wave + "/schools/" + a + "/dashboard").body();
        assertThat(top.substring(top.indexOf("id=\"top-untrusted\""))).startsWith("id=\"top-untrusted\"")
                .contains("Требовательность педагогов к учащимся (учащиеся)");
        // the change table's headings are whole words (short labels, a legend under the table)
        SchoolSummaryTest.assertHeadersWhole(pdfText(a, "ru"), SchoolSummaryTest.CHANGE_HEADERS, messages, Messages.RUSSIAN);
        String en = pdfText(a, "en").replaceAll("\\s+", " ");
        assertThat(en).contains("Change since the previous wave").contains(difference(EN, "earlier.teacher_demandingness"))
                .contains("higher").contains("◌ unreliable scale").doesNotContain("▼ problem Teacher");
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
