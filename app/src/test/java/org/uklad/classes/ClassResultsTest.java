package org.uklad.classes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uklad.account.Accounts;
import org.uklad.account.Role;
import org.uklad.account.StaffAgent;
import org.uklad.support.AppTest;
import org.uklad.support.Fixture;
import org.uklad.support.Http;

/**
 * Results per class: the merge of classes under k at the boundary, every figure against an
 * independent computation from the answers sent, and who may read them.
 */
@MicronautTest(transactional = false)
class ClassResultsTest extends AppTest {

    static final String OTHER = "(other groups)";

    @Inject Accounts accounts;

    long school;
    long wave;
    /** The answers stored, {@code dem1, dem2, com1, com2} per response, by class. */
    final Map<String, List<Integer[]>> sent = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        school = fixture.school("SHNRO");
        wave = fixture.openWave("example");
    }

    /** Responses of a class stored as published (the only way a class can hold fewer than k). */
    void store(long schoolId, String label, Integer[]... rows) {
        for (Integer[] r : rows) {
            db.storeAsBeforeV11(wave, schoolId, "example", label, Fixture.exampleRow(r));
            sent.computeIfAbsent(label, l -> new ArrayList<>()).add(r);
        }
    }

    JsonNode results(long schoolId) {
        Http.Response r = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of())
                .getJson("/api/v1/staff/waves/" + wave + "/schools/" + schoolId + "/classes");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return http.json(r).get("questionnaires").get(0);
    }

    static List<String> labels(JsonNode questionnaire) {
        List<String> out = new ArrayList<>();
        questionnaire.get("classes").values().forEach(c -> out.add(c.get("label").getStringValue()));
        return out;
    }

    static JsonNode construct(JsonNode questionnaire, String id) {
        for (JsonNode c : questionnaire.get("constructs").values()) {
            if (c.get("construct").getStringValue().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no construct " + id);
    }

    static Integer[] row(Integer... values) {
        return values;
    }

    @Test
    void classesUnderKAreMergedAndAMergeStillUnderKTakesTheSmallestClass() {
        Integer[] any = row(3, 2, 3, 3);
        store(school, "7А", any, any, any, any, any, any);   // 6
        store(school, "7Б", any, any, any, any, any);        // exactly k: shown on its own
        store(school, "7В", any, any, any, any);             // k − 1
        JsonNode q = results(school);
        // 7В alone would be under k: the smallest shown class (7Б) joins it
        assertThat(labels(q)).containsExactly("7А", OTHER);
        assertThat(q.get("classes").get(1).get("responses").getLongValue()).isEqualTo(9);
        assertThat(q.get("classes").get(1).get("merged").getBooleanValue()).isTrue();

        store(school, "8А", any);                            // the small classes together now reach k
        q = results(school);
        assertThat(labels(q)).containsExactly("7А", "7Б", OTHER);
        assertThat(q.get("classes").get(2).get("responses").getLongValue()).isEqualTo(5);
    }

    @Test
    void withNoClassOfKNothingIsShown() {
        Integer[] any = row(3, 2, 3, 3);
        store(school, "7А", any, any, any, any);
        JsonNode q = results(school);
        assertThat(q.get("classes").values()).isEmpty();
        assertThat(q.get("constructs").values()).isEmpty();
        String page = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of())
                .get("/staff/waves/" + wave + "/schools/" + school + "/classes").body();
        assertThat(page).contains("Ни в одном классе пока нет 5 ответов").doesNotContain("7А");
    }

    @Test
    void everyFigureEqualsAnIndependentComputation() {
        store(school, "7А", row(4, 1, 4, 3), row(3, 2, 3, 3), row(4, 1, 4, 4), row(2, 3, 2, 2), row(3, 1, 3, 4),
                row(4, 2, null, 3), row(3, 2, 4, 4));
        store(school, "7Б", row(2, 3, 2, 2), row(1, 4, 2, 1), row(2, 2, 3, null), row(3, 3, 2, null), row(2, 4, 1, 2));
        store(school, "7В", row(4, 1, 4, 4), row(4, 1, 3, 4), row(3, 1, 4, 4), row(4, 2, 4, 3));
        store(school, "8А", row(1, 4, 1, 1), row(2, 4, 1, 2), row(2, 3, 2, 1));
        JsonNode q = results(school);
        assertThat(labels(q)).containsExactly("7А", "7Б", OTHER);
        Map<String, List<Integer[]>> shown = new LinkedHashMap<>();
        shown.put("7А", sent.get("7А"));
        shown.put("7Б", sent.get("7Б"));
        List<Integer[]> other = new ArrayList<>(sent.get("7В"));
        other.addAll(sent.get("8А"));
        shown.put(OTHER, other);

        // demandingness (dem2 reverse-keyed): every class has k scores
        JsonNode dem = construct(q, "teacher_demandingness");
        List<double[]> demScores = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Integer[]>> e : shown.entrySet()) {
            double[] scores = scores(e.getValue(), 0, 1);
            demScores.add(scores);
            expectScore(dem.get("classes").get(i++), e.getKey(), scores);
        }
        assertThat(dem.get("icc1").getDoubleValue()).isCloseTo(icc1(demScores), within(1e-12));

        // comfort: 7Б has 3 scores (under k), so it is withheld, and the smallest other class (7А, 6 scores)
        // with it, else the school's figure minus the others would give 7Б's three away
        JsonNode com = construct(q, "comfort");
        assertThat(com.get("classes").get(0).get("suppressed").getBooleanValue()).isTrue();
        assertThat(com.get("classes").get(0).get("n")).isNull();
        assertThat(com.get("classes").get(1).get("suppressed").getBooleanValue()).isTrue();
        expectScore(com.get("classes").get(2), OTHER, scores(other, 2, 3));
        assertThat(com.get("icc1")).as("one class shown: no ICC").isNull();

        // the CSV carries the same figures, empty cells where withheld
        Http.Response csv = StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of())
                .send("GET", "/api/v1/staff/waves/" + wave + "/schools/" + school + "/classes.csv", null, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains("example,STUDENT,comfort,7Б,false,5,,,,,,,\r\n")
                .contains("example,STUDENT,teacher_demandingness,7А,false,7,7,");
    }

    /** Person scores of a two-item construct: both items needed (two thirds of 2), the second reverse-keyed for dem. */
    static double[] scores(List<Integer[]> rows, int a, int b) {
        List<Double> out = new ArrayList<>();
        for (Integer[] r : rows) {
            if (r[a] != null && r[b] != null) {
                double second = b == 1 ? 5 - r[b] : r[b];
                out.add((r[a] + second) / 2.0);
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** R's {@code qt(0.975, df)} for df = 0..8 (0 and 1 unused). */
    static final double[] T975 = {Double.NaN, Double.NaN, 4.3026527297494619, 3.1824463052837078, 2.7764451051977934,
            2.5705818356363137, 2.4469118511449688, 2.3646242515927844, 2.3060041352041658};

    static void expectScore(JsonNode cell, String label, double[] scores) {
        int n = scores.length;
        double mean = 0;
        for (double s : scores) {
            mean += s / n;
        }
        double ss = 0;
        for (double s : scores) {
            ss += (s - mean) * (s - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = T975[n - 1];
        assertThat(cell.get("label").getStringValue()).isEqualTo(label);
        assertThat(cell.get("suppressed").getBooleanValue()).isFalse();
        assertThat(cell.get("n").getLongValue()).isEqualTo(n);
        assertThat(cell.get("mean").getDoubleValue()).isCloseTo(mean, within(1e-12));
        assertThat(cell.get("sd").getDoubleValue()).isCloseTo(sd, within(1e-12));
        assertThat(cell.get("score").getDoubleValue()).isCloseTo((mean - 1) / 3 * 100, within(1e-9));
        assertThat(cell.get("ciLower").getDoubleValue()).isCloseTo((mean - t * sd / Math.sqrt(n) - 1) / 3 * 100, within(1e-9));
        assertThat(cell.get("ciUpper").getDoubleValue()).isCloseTo((mean + t * sd / Math.sqrt(n) - 1) / 3 * 100, within(1e-9));
    }

    /** ICC(1) from the one-way ANOVA: (MSB − MSW) / (MSB + (N/G − 1)·MSW), Bliese (2000). */
    static double icc1(List<double[]> groups) {
        int g = groups.size();
        int n = 0;
        double grand = 0;
        for (double[] x : groups) {
            for (double v : x) {
                grand += v;
                n++;
            }
        }
        grand /= n;
        double ssb = 0;
        double ssw = 0;
        for (double[] x : groups) {
            double m = 0;
            for (double v : x) {
                m += v / x.length;
            }
            ssb += x.length * (m - grand) * (m - grand);
            for (double v : x) {
                ssw += (v - m) * (v - m);
            }
        }
        double msb = ssb / (g - 1);
        double msw = ssw / (n - g);
        return (msb - msw) / (msb + ((double) n / g - 1) * msw);
    }

    @Test
    void publishedAnswersAreReadAsTheyArePacked() {
        Integer[][] rows = {row(4, 1, 4, 3), row(3, 2, 3, 3), row(4, 1, 4, 4), row(2, 3, 2, 2), row(3, 1, 3, 4)};
        fixture.exampleAnswers(wave, school, rows);   // class 7А, published as one block of k
        JsonNode q = results(school);
        assertThat(labels(q)).containsExactly("7А");
        expectScore(construct(q, "comfort").get("classes").get(0), "7А", scores(List.of(rows), 2, 3));
    }

    @Test
    void psychologistsOfTheSchoolAndCoordinatorsReadItDirectorsAndOthersDoNot() {
        long other = fixture.school("SHNRO");
        String page = "/staff/waves/" + wave + "/schools/" + school + "/classes";
        String api = "/api/v1/staff/waves/" + wave + "/schools/" + school + "/classes";
        assertThat(StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(school)).get(page).status()).isEqualTo(200);
        assertThat(StaffAgent.signedIn(http, accounts, Role.ADMIN, List.of()).getJson(api).status()).isEqualTo(200);
        assertThat(StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(other)).getJson(api).status()).isEqualTo(403);
        assertThat(StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(school)).get(page).status()).isEqualTo(403);
        assertThat(http.get(api, "Accept", "application/json").status()).isEqualTo(401);
        // the dashboard leads there for those who may read it, not for a director
        String dashboard = "/staff/waves/" + wave + "/schools/" + school + "/dashboard";
        assertThat(StaffAgent.signedIn(http, accounts, Role.PSYCHOLOGIST, List.of(school)).get(dashboard).body())
                .contains("id=\"classes-link\" href=\"classes\"");
        assertThat(StaffAgent.signedIn(http, accounts, Role.DIRECTOR, List.of(school)).get(dashboard).body())
                .doesNotContain("classes-link");
    }
}
