package org.uklad.overview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.cluster.ClusteringResult;
import org.uklad.analysis.cluster.SchoolClustering;
import org.uklad.analysis.context.FamilyContextIndex;
import org.uklad.analysis.context.ContextRegression;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.WaveIndices;
import org.uklad.questionnaires.IndexKind;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.system.ReportFormat;
import org.uklad.report.SyntheticAnswers;
import org.uklad.support.AppTest;
import org.uklad.support.Http;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.Messages;

/**
 * The coordinator's wave overview on ten schools whose answers are stored through the respondent
 * API: the heat map on the page, in the API and in the PDF is the indices service's, the clusters
 * and the context regression are the analysis module's and R's on the same data, suppression holds
 * everywhere, only ADMIN gets in, external results are validated and audit-logged.
 *
 * <p>R: {@code overview.R} beside this class reads {@code src/test/resources/overview/} (the
 * parents' context answers and the external results this test submits, and the clustering
 * profiles the app computed from the stored answers) and writes {@code overview.ref.csv}:
 * {@code lm(result ~ context)} (coefficients, {@code summary(fit)$r.squared}, {@code sigma(fit)},
 * {@code residuals(fit)}), {@code quantile(result, c(1/3, 2/3))}, the codebook's context index as
 * {@code f <- rowMeans(R[rowSums(!is.na(R)) >= 2, ], na.rm = TRUE)} on the items rescaled to 0–1
 * and per school {@code mean(f)} and {@code mean(f < 1/3 - 1e-9)}, and for clustering
 * {@code kmeans(scale(profiles), k, nstart = 50)} with k chosen by
 * {@code mean(cluster::silhouette(km$cluster, dist(scale(profiles)))[, 3])}.
 * If the bundled questionnaires or the answers change: run this test with
 * {@code -Doverview.writeProfiles=true}, then {@code Rscript src/test/java/org/uklad/overview/overview.R}
 * in {@code app/}.
 *
 * <p>A group's responses are published k (5) at a time (response/ResponseRelease), so every school's
 * students and parents answer in whole blocks of 5 and all of it is published: what R reads is what
 * the app shows. The small school S10 (three students, three parents) is stored as responses from
 * before publication in blocks of k, the only way a school's published figures rest on fewer than k.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaveOverviewTest extends AppTest {

    static final String PASSWORD = "correct horse battery";
    static final Path DATA = Path.of("src/test/resources/overview");
    static final String[] LABELS = {"S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10"};
    /** Three kinds of school for the students' dem1, dem2 (reverse), com1, com2: five students each. */
    static final int[][][] STUDENTS = {
            {{4, 1, 4, 4}, {4, 1, 3, 4}, {3, 2, 4, 3}, {4, 1, 4, 4}, {3, 1, 3, 4}},
            {{4, 1, 1, 2}, {4, 1, 2, 1}, {3, 2, 1, 1}, {4, 1, 2, 2}, {3, 1, 1, 2}},
            {{1, 4, 1, 2}, {2, 3, 2, 1}, {1, 4, 1, 1}, {2, 4, 2, 2}, {1, 3, 1, 2}},
    };
    /** The small school S10's three students. */
    static final int[][] SMALL = {{2, 2, 3, 3}, {3, 1, 4, 4}, {1, 4, 2, 2}};
    /** Kind of each school S01..S09; parents' likert answers centre on the same level. */
    static final int[] KIND = {0, 0, 0, 1, 1, 1, 2, 2, 2};
    static final double[] PARENT_LEVEL = {0.85, 0.5, 0.2};

    @Inject Accounts accounts;
    @Inject IndicesService indices;
    @Inject QuestionnaireRegistry registry;

    long wave;
    final Map<String, Long> ids = new LinkedHashMap<>();
    final Map<Long, String> labelOf = new HashMap<>();
    String prefix;
    StaffAgent admin;

    @BeforeAll
    void answer() throws IOException {
        prefix = "ov" + UUID.randomUUID().toString().substring(0, 8);
        for (String label : LABELS) {
            // two municipalities, so the heat map's row order has groups to keep together
            String municipality = "Район " + prefix + (label.compareTo("S06") < 0 ? " Северный" : " Южный");
            Http.Response r = http.admin("POST", "/api/v1/admin/schools", http.toJson(Map.of(
                    "name", label + " Школа «Берёзка» " + prefix, "municipality", municipality,
                    "category", label.equals("S01") ? "SHUVRO" : "SHNRO")));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long id = http.json(r).get("id").getLongValue();
            ids.put(label, id);
            labelOf.put(id, label);
        }
        pair("S01", "S09");
        pair("S04", "S07");
        wave = fixture.openWave("example", "parents");
        Questionnaire parents = registry.latest("parents").orElseThrow().questionnaire();
        Map<String, List<String[]>> context = new LinkedHashMap<>();
        for (String[] row : csv("parents_context.csv")) {
            context.computeIfAbsent(row[0], k -> new ArrayList<>()).add(row);
        }
        for (int s = 0; s < LABELS.length; s++) {
            long school = ids.get(LABELS[s]);
            boolean small = s >= KIND.length;
            String students = fixture.codes(wave, school, "example", "7А", 1, 100).getFirst();
            String parentsCode = fixture.codes(wave, school, "parents", "7А", 1, 100).getFirst();
            int[][] rows = small ? SMALL : STUDENTS[KIND[s]];
            for (int i = 0; i < rows.length; i++) {
                int[] r = rows[i].clone();
                if (i == s % rows.length) {
                    r[2] = Math.max(1, Math.min(4, r[2] + (s % 2 == 0 ? 1 : -1))); // schools of a kind differ a little
                }
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("grade", 7);
                a.put("dem1", r[0]);
                a.put("dem2", r[1]);
                a.put("com1", r[2]);
                a.put("com2", r[3]);
                if (small) {
                    db.storeAsBeforeV11(wave, school, "example", "7А", a);
                } else {
                    SyntheticAnswers.submit(http, students, a);
                }
            }
            Random random = new Random(100 + s);
            double level = small ? 0.5 : PARENT_LEVEL[KIND[s]];
            for (String[] c : context.get(LABELS[s])) {
                Map<String, Object> a = SyntheticAnswers.answers(parents, random, level);
                a.put("ctx_education", c[1].equals("NA") ? "prefer_not" : c[1]);
                a.put("ctx_books", c[2].equals("NA") ? "prefer_not" : c[2]);
                a.put("ctx_employment", c[3].equals("NA") ? "prefer_not" : c[3]);
                if (small) {
                    db.storeAsBeforeV11(wave, school, "parents", "7А", a);
                } else {
                    SyntheticAnswers.submit(http, parentsCode, a);
                }
            }
        }
        accounts.create(prefix + "-admin", "Координатор", Role.ADMIN, List.of(), PASSWORD, false);
        accounts.create(prefix + "-psy", "Психолог", Role.PSYCHOLOGIST, List.of(ids.get("S01")), PASSWORD, false);
        accounts.create(prefix + "-dir", "Директор", Role.DIRECTOR, List.of(ids.get("S01")), PASSWORD, false);
        admin = new StaffAgent(http).signedIn(prefix + "-admin", PASSWORD);
        // the results: S09 through the page's form, the others through the API
        for (String[] r : csv("results.csv")) {
            if (r[0].equals("S09")) {
                assertThat(admin.get(page()).status()).isEqualTo(200);
                Http.Response saved = admin.postWithCsrf(page() + "/results", "schoolId", ids.get("S09").toString(),
                        "value", r[1].replace('.', ','), "label", "ОГЭ, математика");
                assertThat(saved.status()).as(saved.body()).isEqualTo(303);
            } else {
                Http.Response put = put(admin, ids.get(r[0]), "{\"value\": " + r[1] + ", \"label\": \"ОГЭ, математика\"}");
                assertThat(put.status()).as(put.body()).isEqualTo(200);
            }
        }
        if (Boolean.getBoolean("overview.writeProfiles")) {
            writeProfiles();
        }
    }

    void pair(String mentor, String supported) {
        Http.Response p = http.admin("POST", "/api/v1/admin/partnerships", http.toJson(Map.of(
                "mentorSchoolId", ids.get(mentor), "supportedSchoolId", ids.get(supported))));
        assertThat(p.status()).as(p.body()).isEqualTo(201);
    }

    String page() {
        return "/staff/waves/" + wave + "/overview";
    }

    Http.Response put(StaffAgent agent, long school, String json) {
        return agent.send("PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + school, "application/json", json,
                "Accept", "application/json", "X-CSRF-Token", agent.csrf);
    }

    static List<String[]> csv(String file) throws IOException {
        List<String> lines = Files.readAllLines(DATA.resolve(file), StandardCharsets.UTF_8);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    static Map<String, Double> refs() throws IOException {
        Map<String, Double> out = new TreeMap<>();
        for (String[] r : csv("overview.ref.csv")) {
            out.put(r[0], Double.parseDouble(r[1]));
        }
        return out;
    }

    JsonNode overview() {
        Http.Response r = admin.getJson("/api/v1/staff/waves/" + wave + "/overview");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return http.json(r);
    }

    /** The clustering profiles as the API gives them, by school label (the schools that show any figure). */
    Map<String, double[]> apiProfiles(JsonNode o) {
        List<String> used = new ArrayList<>();
        o.get("clusters").get("columns").values().forEach(c -> used.add(c.getStringValue()));
        List<String> all = new ArrayList<>();
        o.get("columns").values().forEach(c -> all.add(c.get("key").getStringValue()));
        Map<String, double[]> out = new TreeMap<>();
        for (JsonNode row : o.get("schools").values()) {
            String label = labelOf.get(row.get("schoolId").getLongValue());
            List<JsonNode> cells = new ArrayList<>();
            row.get("cells").values().forEach(cells::add);
            if (cells.stream().noneMatch(c -> c.get("status").getStringValue().equals("SHOWN"))) {
                continue;
            }
            out.put(label, used.stream().mapToDouble(k -> cells.get(all.indexOf(k)).get("score100").getDoubleValue()).toArray());
        }
        return out;
    }

    void writeProfiles() throws IOException {
        JsonNode o = overview();
        StringBuilder sb = new StringBuilder("school");
        o.get("clusters").get("columns").values().forEach(c -> sb.append(',').append(c.getStringValue()));
        sb.append('\n');
        apiProfiles(o).forEach((label, p) -> {
            sb.append(label);
            for (double v : p) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        });
        Files.writeString(DATA.resolve("profiles.csv"), sb.toString());
    }

    // ---- the numbers ----

    @Test
    void theHeatMapIsTheIndicesServiceOnPageApiAndPdf() throws Exception {
        JsonNode o = overview();
        WaveIndices direct = indices.compute(wave);
        List<String> keys = new ArrayList<>();
        o.get("columns").values().forEach(c -> keys.add(c.get("key").getStringValue()));
        // every LEVEL and AGREEMENT construct of both questionnaires is a column
        List<String> expectedKeys = new ArrayList<>();
        for (QuestionnaireIndices q : direct.questionnaires()) {
            for (ConstructIndex c : q.constructs()) {
                if (c.indexKind() == IndexKind.LEVEL || c.indexKind() == IndexKind.AGREEMENT) {
                    expectedKeys.add(q.key() + "." + c.construct());
                }
            }
        }
        assertThat(keys).containsExactlyElementsOf(expectedKeys).hasSizeGreaterThanOrEqualTo(6);
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        List<String> printed = new ArrayList<>();
        int rows = 0;
        for (JsonNode row : o.get("schools").values()) {
            rows++;
            long school = row.get("schoolId").getLongValue();
            int j = 0;
            for (JsonNode cell : row.get("cells").values()) {
                SchoolIndex expected = entry(direct, keys.get(j++), school);
                if (expected.suppressed()) {
                    assertThat(cell.get("status").getStringValue()).isEqualTo("SUPPRESSED");
                    assertThat(cell.get("score100")).as("no number for a small group").isNull();
                } else {
                    assertThat(cell.get("score100").getDoubleValue()).isEqualTo(expected.score100().mean());
                    printed.add(ru.score(expected.score100().mean()));
                }
            }
        }
        assertThat(rows).isEqualTo(LABELS.length);
        // the page prints the same numbers in the same order, row by row
        Http.Response page = admin.get(page());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(heatCells(page.body()).stream().map(c -> c[1]).toList()).containsExactlyElementsOf(printed);
        assertThat(page.body()).doesNotContain("style=").doesNotContain("<style");
        // and so does the PDF
        String text = pdftotext(pdf(admin, "ru"));
        for (String p : printed) {
            assertThat(text).contains(p);
        }
    }

    static SchoolIndex entry(WaveIndices w, String key, long school) {
        for (QuestionnaireIndices q : w.questionnaires()) {
            for (ConstructIndex c : q.constructs()) {
                if ((q.key() + "." + c.construct()).equals(key)) {
                    return c.entryOf(school);
                }
            }
        }
        throw new AssertionError(key);
    }

    /** The heat map's shown cells in page order: band class, number, symbol, the symbol's accessible name. */
    static List<String[]> heatCells(String html) {
        Matcher m = Pattern.compile("<td class=\"num heat heat-(\\w+)\">(.*?)</td>", Pattern.DOTALL).matcher(html);
        List<String[]> out = new ArrayList<>();
        while (m.find()) {
            out.add(new String[] {m.group(1), group(m.group(2), "class=\"heat-text\">([^<]*)<"),
                    group(m.group(2), "class=\"band-symbol\"[^>]*>([^<]*)<"), group(m.group(2), "aria-label=\"([^\"]*)\"")});
        }
        return out;
    }

    static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
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
    void theClustersAreTheAnalysisModulesAndRsOnTheSameProfiles() throws IOException {
        JsonNode o = overview();
        Map<String, double[]> profiles = apiProfiles(o);
        // the data R clustered is the data the app clustered
        List<String[]> committed = csv("profiles.csv");
        assertThat(profiles.keySet()).containsExactlyElementsOf(committed.stream().map(r -> r[0]).toList());
        for (String[] r : committed) {
            double[] p = profiles.get(r[0]);
            for (int j = 0; j < p.length; j++) {
                assertThat(p[j]).as(r[0] + " column " + j).isCloseTo(Double.parseDouble(r[j + 1]), within(1e-9));
            }
        }
        JsonNode c = o.get("clusters");
        assertThat(c.get("available").getBooleanValue()).isTrue();
        // the small school S10 shows nothing: left out
        JsonNode left = c.get("leftOut").values().iterator().next();
        assertThat(labelOf.get(left.get("schoolId").getLongValue())).isEqualTo("S10");
        assertThat(left.get("shown").getIntValue()).isZero();

        // the analysis module on the same profiles, with the documented seed
        Map<String, double[]> byKey = new TreeMap<>();
        profiles.forEach((label, p) -> byKey.put(WaveOverviewService.key(ids.get(label)), p));
        ClusteringResult direct = SchoolClustering.cluster(byKey, WaveOverviewService.SEED);
        Map<String, Integer> apiLabels = new TreeMap<>();
        Map<String, Double> apiSilhouette = new TreeMap<>();
        for (JsonNode cl : c.get("clusters").values()) {
            for (JsonNode m : cl.get("members").values()) {
                String label = labelOf.get(m.get("schoolId").getLongValue());
                apiLabels.put(label, cl.get("number").getIntValue());
                apiSilhouette.put(label, m.get("silhouette").getDoubleValue());
                assertThat(m.get("filled").getIntValue()).isZero();
            }
        }
        assertThat(c.get("k").getIntValue()).isEqualTo(direct.k());
        assertThat(c.get("withinSumOfSquares").getDoubleValue()).isEqualTo(direct.withinSumOfSquares());
        profiles.keySet().forEach(label -> assertThat(apiSilhouette.get(label))
                .isEqualTo(direct.silhouette().get(WaveOverviewService.key(ids.get(label)))));

        // R: kmeans(scale(profiles), k, nstart = 50); cluster::silhouette(km$cluster, dist(scale(profiles)))
        Map<String, Double> r = refs();
        assertThat((double) c.get("k").getIntValue()).isEqualTo(r.get("km.k"));
        assertThat(c.get("withinSumOfSquares").getDoubleValue()).isCloseTo(r.get("km.totwithinss"), within(1e-9));
        assertThat(c.get("meanSilhouette").getDoubleValue()).isCloseTo(r.get("km.silhouette.mean"), within(1e-9));
        Map<Integer, Integer> renaming = new HashMap<>();
        apiLabels.forEach((label, number) -> {
            int rCluster = r.get("km.cluster." + label).intValue();
            assertThat(renaming.computeIfAbsent(number, x -> rCluster)).as("same partition as R").isEqualTo(rCluster);
            assertThat(apiSilhouette.get(label)).isCloseTo(r.get("km.silhouette." + label), within(1e-9));
        });
        // three kinds of school were answered: the silhouette finds them
        assertThat(c.get("k").getIntValue()).isEqualTo(3);
        for (int s = 0; s < KIND.length; s++) {
            for (int t = 0; t < KIND.length; t++) {
                assertThat(apiLabels.get(LABELS[s]).equals(apiLabels.get(LABELS[t]))).isEqualTo(KIND[s] == KIND[t]);
            }
        }
    }

    @Test
    void theContextViewIsTheAnalysisModulesAndRsRegression() throws IOException {
        JsonNode ctx = overview().get("context");
        Map<String, Double> r = refs();
        assertThat(ctx.get("available").getBooleanValue()).isTrue();
        assertThat(ctx.get("schoolsWithBoth").getIntValue()).isEqualTo(9);
        // lm(result ~ context)
        assertThat(ctx.get("intercept").getDoubleValue()).isCloseTo(r.get("ols.b0"), within(1e-9));
        assertThat(ctx.get("slope").getDoubleValue()).isCloseTo(r.get("ols.b1"), within(1e-9));
        assertThat(ctx.get("rSquared").getDoubleValue()).isCloseTo(r.get("ols.r2"), within(1e-9));
        assertThat(ctx.get("sigma").getDoubleValue()).isCloseTo(r.get("ols.sigma"), within(1e-9));
        assertThat(ctx.get("lowBelow").getDoubleValue()).isCloseTo(r.get("q.low"), within(1e-9));
        assertThat(ctx.get("highFrom").getDoubleValue()).isCloseTo(r.get("q.high"), within(1e-9));
        // the context index straight from the analysis module on the committed answers
        // codes: education 1..5, books 1..5, employment 1..3 (the parents' questionnaire)
        FamilyContextIndex acc = new FamilyContextIndex(new double[] {1, 1, 1}, new double[] {5, 5, 3},
                SuppressionPolicy.DEFAULT);
        for (String[] row : csv("parents_context.csv")) {
            double[] v = new double[3];
            for (int j = 0; j < 3; j++) {
                v[j] = row[j + 1].equals("NA") ? Double.NaN : Double.parseDouble(row[j + 1]);
            }
            acc.add(row[0], v);
        }
        Map<String, Suppressible<FamilyContextIndex.SchoolContext>> direct = acc.schools();
        // keyed and ordered as the service keys them (by id), so the fit's sums run in the same order
        Map<String, Double> results = new TreeMap<>();
        Map<String, double[]> contexts = new TreeMap<>();
        int beating = 0;
        for (JsonNode s : ctx.get("schools").values()) {
            String label = labelOf.get(s.get("schoolId").getLongValue());
            if (label.equals("S10")) {
                assertThat(s.get("contextSuppressed").getBooleanValue()).isTrue();
                assertThat(s.get("contextIndex")).isNull();
                assertThat(s.get("bottomThirdShare")).isNull();
                assertThat(s.get("resilience")).isNull();
                assertThat(direct.get("S10").isSuppressed()).isTrue();
                continue;
            }
            double index = s.get("contextIndex").getDoubleValue();
            assertThat(index).isCloseTo(direct.get(label).orElseThrow().index(), within(1e-12));
            assertThat(index).isCloseTo(r.get("ctx." + label), within(1e-9)).isBetween(0.0, 1.0);
            double bottom = s.get("bottomThirdShare").getDoubleValue();
            assertThat(bottom).isCloseTo(direct.get(label).orElseThrow().bottomThirdShare(), within(1e-12));
            assertThat(bottom).isCloseTo(r.get("bottom." + label), within(1e-9));
            assertThat(s.get("resilience").getDoubleValue()).isCloseTo(r.get("ols.res." + label), within(1e-9));
            boolean beats = s.get("beatsContext").getBooleanValue();
            assertThat(beats ? 1.0 : 0.0).as("beats " + label).isEqualTo(r.get("beats." + label));
            beating += beats ? 1 : 0;
            assertThat(s.get("lowResult").getBooleanValue() ? 1.0 : 0.0).isEqualTo(r.get("low." + label));
            results.put(WaveOverviewService.key(ids.get(label)), s.get("result").getDoubleValue());
            contexts.put(WaveOverviewService.key(ids.get(label)), new double[] {index});
            List<String> partners = new ArrayList<>();
            if (s.get("suggestedPartners") != null) { // empty lists are left out of the JSON
                s.get("suggestedPartners").values().forEach(p -> partners.add(labelOf.get(p.getLongValue())));
            }
            List<String> rPartners = new ArrayList<>();
            for (int i = 1; r.containsKey("partner." + label + "." + i); i++) {
                rPartners.add(LABELS[r.get("partner." + label + "." + i).intValue() - 1]);
            }
            assertThat(partners).as("partners of " + label).containsExactlyElementsOf(rPartners);
        }
        assertThat(beating).as("the data were made with schools that beat their context").isPositive();
        // and ContextRegression on the same numbers
        ContextRegression fit = ContextRegression.fit(results, contexts);
        assertThat(ctx.get("intercept").getDoubleValue()).isEqualTo(fit.coefficients()[0]);
        assertThat(ctx.get("slope").getDoubleValue()).isEqualTo(fit.coefficients()[1]);

        // the page names the schools that beat their context and prints the residuals
        String html = admin.get(page()).body();
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        assertThat(cells(html, "num resilience"))
                .contains(ru.signedCoefficient(r.get("ols.res.S03")));
        assertThat(html).contains("Превосходят свой контекст:").contains("<svg").contains("point-triangle");
        // the school's index and its share of families in the bottom third (index below 1/3)
        assertThat(cells(html, "num context-index")).contains(ru.coefficient(r.get("ctx.S03")));
        assertThat(cells(html, "num bottom-third")).contains(ru.percent(100 * r.get("bottom.S03")) + " %")
                .contains("меньше 5 ответов");
        assertThat(html).contains("Семей в нижней трети");
    }

    // ---- the heat map read in black and white ----

    /** The band of a shown score, counted here from the documented cut points (below 50, 50 to 75, from 75). */
    static String symbol(double score) {
        return score < 50 ? "▼" : score < 75 ? "●" : "▲";
    }

    @Test
    void everyShownCellCarriesItsBandsSymbolAndTheLegendsSayWhatSymbolsAndCodesMean() {
        JsonNode o = overview();
        List<String> expected = new ArrayList<>();
        for (JsonNode row : o.get("schools").values()) {
            for (JsonNode cell : row.get("cells").values()) {
                if (cell.get("status").getStringValue().equals("SHOWN")) {
                    expected.add(symbol(cell.get("score100").getDoubleValue()));
                }
            }
        }
        assertThat(expected.stream().distinct().count()).as("the data reach more than one band").isGreaterThan(1);
        String html = admin.get(page()).body();
        List<String[]> shown = heatCells(html);
        assertThat(shown.stream().map(c -> c[2]).toList()).containsExactlyElementsOf(expected);
        Map<String, String> band = Map.of("▼", "low", "●", "medium", "▲", "high");
        Map<String, String> words = Map.of("▼", "низкий уровень", "●", "средний уровень", "▲", "высокий уровень");
        for (String[] c : shown) {
            assertThat(c[0]).isEqualTo(band.get(c[2]));
            assertThat(c[3]).as("the symbol's accessible name").isEqualTo(words.get(c[2]));
        }
        assertThat(html).contains("низкий уровень: ниже 50", "средний уровень: от 50 до 75", "высокий уровень: 75 и выше");
        // short headers: a code per column, each spelled out with its construct and questionnaire below the table
        String head = group(html, "(?s)<table class=\"staff-table heat-table\">.*?<thead>(.*?)</thead>");
        Matcher abbr = Pattern.compile("<abbr title=\"([^\"]+)\">([^<]+)</abbr>").matcher(head);
        List<String> codes = new ArrayList<>();
        while (abbr.find()) {
            codes.add(abbr.group(2));
        }
        List<JsonNode> columns = new ArrayList<>();
        o.get("columns").values().forEach(columns::add);
        assertThat(codes).hasSize(columns.size()).doesNotHaveDuplicates().allMatch(c -> c.matches("[УРП]\\d{1,2}"));
        String legend = group(html, "(?s)<dl class=\"column-codes\"[^>]*>(.*?)</dl>");
        for (int j = 0; j < columns.size(); j++) {
            String title = columns.get(j).get("title").get("ru").getStringValue();
            String questionnaire = columns.get(j).get("questionnaireTitle").get("ru").getStringValue();
            String first = columns.get(j).get("respondent").getStringValue().equals("PARENT") ? "Р" : "У";
            assertThat(codes.get(j)).startsWith(first);
            assertThat(legend).containsPattern("<dt>" + codes.get(j) + "</dt>\\s*<dd>" + Pattern.quote(title + " · "
                    + questionnaire) + "</dd>");
        }
    }

    @Test
    void theRowsAreInTheStatedOrderEachWithItsMunicipality() {
        JsonNode o = overview();
        // counted here: the northern district first (the registry sorts by municipality), then the mean of
        // the school's shown scores, lowest first, a school with none last
        Map<String, Double> mean = new LinkedHashMap<>();
        Map<String, String> municipality = new HashMap<>();
        for (JsonNode row : o.get("schools").values()) {
            String label = labelOf.get(row.get("schoolId").getLongValue());
            municipality.put(label, row.get("municipality").getStringValue());
            double sum = 0;
            int n = 0;
            for (JsonNode cell : row.get("cells").values()) {
                if (cell.get("status").getStringValue().equals("SHOWN")) {
                    sum += cell.get("score100").getDoubleValue();
                    n++;
                }
            }
            mean.put(label, n == 0 ? null : sum / n);
        }
        List<String> expected = new ArrayList<>(mean.keySet());
        expected.sort(java.util.Comparator.<String, Boolean>comparing(l -> municipality.get(l).endsWith("Южный"))
                .thenComparing(mean::get, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        assertThat(new ArrayList<>(mean.keySet())).as("the API's order").containsExactlyElementsOf(expected);
        assertThat(expected.getLast()).isEqualTo("S10");
        assertThat(expected).as("the order is not the names' order").isNotEqualTo(List.of(LABELS));

        String html = admin.get(page()).body();
        assertThat(html.indexOf("id=\"row-order\"")).as("the order is stated above the table").isPositive()
                .isLessThan(html.indexOf("heat-table"));
        assertThat(html).contains("Порядок строк: по муниципалитету, внутри него — по среднему баллу школы");
        Matcher row = Pattern.compile("<tr class=\"heat-row\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        List<String> onPage = new ArrayList<>();
        while (row.find()) {
            String label = group(row.group(1), "<th scope=\"row\">(S\\d\\d) ");
            onPage.add(label);
            assertThat(group(row.group(1), "<td class=\"municipality\">([^<]*)</td>")).isEqualTo(municipality.get(label))
                    .isEqualTo("Район " + prefix + (label.compareTo("S06") < 0 ? " Северный" : " Южный"));
            assertThat(group(row.group(1), "<td class=\"num\">(\\d+)</td>")).isEqualTo(Integer.toString(onPage.size()));
        }
        assertThat(onPage).containsExactlyElementsOf(expected);
    }

    @Test
    void theMunicipalSummaryPrintsMunicipalitiesSymbolsTheCodesLegendAndTheScatterKey() throws Exception {
        JsonNode o = overview();
        String flat = pdftotext(pdf(admin, "ru")).replaceAll("\\s+", " ");
        assertThat(flat).contains("Муниципалитет", "Район " + prefix + " Северный", "Район " + prefix + " Южный",
                "Порядок строк: по муниципалитету", "низкий уровень: ниже 50", "высокий уровень: 75 и выше",
                "Обозначения столбцов");
        assertThat(flat).containsPattern("[▼●▲] \\d{1,3},\\d");
        for (JsonNode c : o.get("columns").values()) {
            assertThat(flat).contains(c.get("title").get("ru").getStringValue() + " · "
                    + c.get("questionnaireTitle").get("ru").getStringValue());
        }
        assertThat(flat).containsPattern("У1 .*Р1 ");
        // the scatter's numbers are the table's rows, named in the key beside the chart
        Map<Long, Integer> number = new HashMap<>();
        Map<Long, String> name = new HashMap<>();
        for (JsonNode row : o.get("schools").values()) {
            number.put(row.get("schoolId").getLongValue(), number.size() + 1);
            name.put(row.get("schoolId").getLongValue(), row.get("name").getStringValue());
        }
        assertThat(flat).contains("Номера на графике:");
        int plotted = 0;
        for (JsonNode s : o.get("context").get("schools").values()) {
            long id = s.get("schoolId").getLongValue();
            if (s.get("resilience") != null) {
                assertThat(flat).contains(number.get(id) + " — " + name.get(id));
                plotted++;
            }
        }
        assertThat(plotted).isEqualTo(9);
    }

    // ---- suppression, too few schools ----

    @Test
    void aSmallSchoolShowsTheThresholdWordsAndNoNumberAnywhere() throws Exception {
        String html = admin.get(page()).body();
        Matcher row = Pattern.compile("<tr class=\"heat-row\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        String small = null;
        while (row.find()) {
            if (row.group(1).contains("S10 ")) {
                small = row.group(1);
            }
        }
        assertThat(small).isNotNull().contains("меньше 5 ответов");
        assertThat(small).doesNotContain("band-symbol").doesNotContain("num heat");
        assertThat(small.replaceAll("<[^>]*>", " ").replace("меньше 5 ответов", "")
                .replace("S10 Школа «Берёзка» " + prefix, "").replace("Район " + prefix + " Южный", ""))
                .as("only the row number: it is last, with no shown score").matches("\\s*10\\s*");
        assertThat(pdftotext(pdf(admin, "ru"))).contains("меньше 5 ответов");
    }

    @Test
    void withTooFewSchoolsTheContextViewSaysSoInsteadOfNumbers() {
        long other = fixture.openWave("example");
        for (String label : List.of("S01", "S02")) {
            Http.Response put = admin.send("PUT", "/api/v1/staff/waves/" + other + "/external-results/" + ids.get(label),
                    "application/json", "{\"value\": 50, \"label\": \"ЕГЭ\"}", "Accept", "application/json",
                    "X-CSRF-Token", admin.csrf);
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        JsonNode o = http.json(admin.getJson("/api/v1/staff/waves/" + other + "/overview"));
        JsonNode ctx = o.get("context");
        assertThat(ctx.get("available").getBooleanValue()).isFalse();
        assertThat(ctx.get("reason").getStringValue()).isEqualTo("TOO_FEW_SCHOOLS");
        assertThat(ctx.get("intercept")).isNull();
        assertThat(o.get("clusters").get("available").getBooleanValue()).isFalse();
        String html = admin.get("/staff/waves/" + other + "/overview").body();
        assertThat(html).contains("Регрессия не рассчитана: нужно не меньше 5 школ");
    }

    // ---- external results ----

    @Test
    void aBadResultIsRefusedFieldByFieldAndNothingIsStored() {
        long before = db.count("SELECT count(*) FROM external_result WHERE wave_id = ?", wave);
        assertThat(admin.get(page()).status()).isEqualTo(200);
        Http.Response r = admin.postWithCsrf(page() + "/results", "schoolId", "", "value", "четыре", "label", "");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).contains("Введите число").contains("aria-invalid=\"true\"");
        Http.Response big = put(admin, ids.get("S01"), "{\"value\": 1e9, \"label\": \"x\"}");
        assertThat(big.status()).isEqualTo(422);
        assertThat(big.contentType()).startsWith("application/problem+json");
        Http.Response text = put(admin, ids.get("S01"), "{\"value\": \"72\", \"label\": \"x\", \"extra\": 1}");
        assertThat(text.status()).isEqualTo(422);
        assertThat(text.body()).contains("\"value\"").contains("\"extra\"");
        Http.Response noCsrf = admin.send("PUT", "/api/v1/staff/waves/" + wave + "/external-results/" + ids.get("S01"),
                "application/json", "{\"value\": 1, \"label\": \"x\"}", "Accept", "application/json");
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(db.count("SELECT count(*) FROM external_result WHERE wave_id = ?", wave)).isEqualTo(before);
        assertThat(db.string("SELECT value::text FROM external_result WHERE wave_id = ? AND school_id = ?", wave,
                ids.get("S01"))).isEqualTo("72.5");
        assertThat(db.string("SELECT value::text FROM external_result WHERE wave_id = ? AND school_id = ?", wave,
                ids.get("S09"))).as("typed with a decimal comma on the page").isEqualTo("38.6");
        // each save was audit-logged
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'EXTERNAL_RESULT_SAVED' AND target LIKE ?",
                "wave " + wave + ",%")).isGreaterThanOrEqualTo(LABELS.length);
    }

    // ---- who may ----

    @Test
    void onlyAdminGetsInPagesApiAndPdf() {
        List<String> paths = List.of("/staff/overview", "/staff/overview/current", page(), page().replace("/overview", "/overview.pdf"),
                "/api/v1/staff/waves/" + wave + "/overview", "/api/v1/staff/waves/" + wave + "/overview.pdf",
                "/api/v1/staff/waves/" + wave + "/external-results");
        for (String login : List.of(prefix + "-psy", prefix + "-dir")) {
            StaffAgent agent = new StaffAgent(http).signedIn(login, PASSWORD);
            for (String path : paths) {
                Http.Response r = path.endsWith(".pdf") ? agent.send("GET", path, null, null, "Accept", "application/pdf")
                        : path.startsWith("/api") ? agent.getJson(path) : agent.get(path);
                assertThat(r.status()).as(login + " " + path).isEqualTo(403);
            }
            assertThat(put(agent, ids.get("S01"), "{\"value\": 1, \"label\": \"x\"}").status()).isEqualTo(403);
            assertThat(agent.get("/staff").body()).doesNotContain("href=\"/staff/overview\"");
        }
        assertThat(http.get("/api/v1/staff/waves/" + wave + "/overview").status()).isEqualTo(401);
        assertThat(admin.get("/staff").body()).contains("href=\"/staff/overview\"");
        assertThat(admin.get("/staff/overview").body()).contains(page());
        // the stable address of the current wave's overview: the open wave opened last (this test's wave is open)
        Http.Response current = admin.get("/staff/overview/current");
        assertThat(current.status()).isEqualTo(303);
        assertThat(current.header("Location")).isEqualTo("/staff/waves/" + db.string("SELECT id::text FROM wave"
                + " WHERE opens_at <= now() AND closes_at > now() ORDER BY opens_at DESC, id DESC LIMIT 1") + "/overview");
        assertThat(admin.getJson("/api/v1/staff/waves/999999/overview").status()).isEqualTo(404);
        assertThat(db.string("SELECT value::text FROM external_result WHERE wave_id = ? AND school_id = ?", wave,
                ids.get("S01"))).isEqualTo("72.5");
    }

    // ---- the PDF ----

    byte[] pdf(StaffAgent agent, String lang) {
        try {
            HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve(
                            "/api/v1/staff/waves/" + wave + "/overview.pdf?lang=" + lang))
                    .header("Cookie", String.join("; ", agent.cookies.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue()).toList()))
                    .timeout(Duration.ofSeconds(60)).build();
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String pdftotext(byte[] pdf) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "overview-test"));
        Path file = Files.createTempFile(dir, "summary", ".pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", file.toString(), "-").start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("pdftotext (Debian poppler-utils)").isZero();
        Files.delete(file);
        return text;
    }

    @Test
    void theMunicipalSummaryIsReadableCyrillicWithMetadataPagesAndNoBlankPages() throws Exception {
        long audits = db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND target = ?", "wave " + wave);
        byte[] pdf = pdf(admin, "ru");
        assertThat(db.count("SELECT count(*) FROM audit_event WHERE action = 'PDF_DOWNLOADED' AND target = ?", "wave " + wave))
                .isEqualTo(audits + 1);
        String flat = pdftotext(pdf).replaceAll("\\s+", " ");
        JsonNode o = overview();
        ReportFormat ru = new ReportFormat(Messages.RUSSIAN, ZoneId.of("Europe/Moscow"));
        assertThat(flat).contains("Сводка по всем школам").contains("S01 Школа «Берёзка»").contains("Тепловая карта")
                .contains("Кластеры школ").contains("Пары: подшефная школа и наставник")
                .contains("Превосходят свой контекст:").contains("Семей в нижней трети")
                .contains(ru.coefficient(o.get("context").get("rSquared").getDoubleValue()));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            int pages = doc.getNumberOfPages();
            assertThat(pages).isGreaterThanOrEqualTo(4);
            assertThat(flat).contains("стр. 1 из " + pages).contains("стр. " + pages + " из " + pages);
            assertThat(flat).containsPattern("сформировано \\d\\d\\.\\d\\d\\.\\d{4} \\d\\d:\\d\\d");
            assertThat(doc.getDocumentInformation().getTitle()).startsWith("Сводка по всем школам: ");
            assertThat(doc.getDocumentCatalog().getLanguage()).isEqualTo("ru");
        }
        // every residual on the page is in the PDF
        for (JsonNode s : o.get("context").get("schools").values()) {
            if (s.get("resilience") != null) {
                double e = s.get("resilience").getDoubleValue();
                assertThat(flat).contains(ru.signedCoefficient(e));
            }
        }
        String en = pdftotext(pdf(admin, "en")).replaceAll("\\s+", " ");
        assertThat(en).contains("Summary of all schools").contains("Heat map").contains("page 1 of ")
                .doesNotContain("Тепловая");
        // pages render to images that are not blank: the heat map's greys, the scatter
        Path dir = Files.createDirectories(Path.of("target", "overview-test"));
        Path file = dir.resolve("municipal.pdf");
        Files.write(file, pdf);
        for (int page : new int[] {1, 3}) {
            Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "50", "-f", Integer.toString(page), "-l",
                    Integer.toString(page), "-singlefile", file.toString(), dir.resolve("page" + page).toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("pdftoppm: " + log).isZero();
            BufferedImage image = ImageIO.read(dir.resolve("page" + page + ".png").toFile());
            long dark = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    if (((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) / 3 < 200) {
                        dark++;
                    }
                }
            }
            assertThat(dark).as("page " + page).isGreaterThan(2000);
        }
    }

    @Test
    void theApiIsInTheOpenApiDocument() {
        String spec = http.get("/openapi/uklad-0.1.yml").body();
        assertThat(spec).contains("/api/v1/staff/waves/{waveId}/overview:", "/api/v1/staff/waves/{waveId}/overview.pdf:",
                "/api/v1/staff/waves/{waveId}/external-results/{schoolId}:");
    }

    @Test
    void theEnglishPage() {
        // its own sign-in: ?lang=en is remembered in a cookie
        Http.Response en = new StaffAgent(http).signedIn(prefix + "-admin", PASSWORD).get(page() + "?lang=en");
        assertThat(en.status()).isEqualTo(200);
        assertThat(en.body()).contains("Heat map of the indices").contains("Beat their context:")
                .contains("fewer than 5 answers").contains("Row order: by municipality").contains("Column codes")
                .contains(">S1</abbr>").contains(">P1</abbr>").contains("high level: 75 and above")
                .contains("Numbers in the chart:");
    }
}
