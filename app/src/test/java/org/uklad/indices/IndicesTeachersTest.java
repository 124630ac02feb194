package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.analysis.Descriptives;
import org.uklad.analysis.agreement.Agreement;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The bundled teachers' form: the agreement index of shared values (rWG(J), ICC) and the real vs
 * ideal gap, each checked against a computation written out in the test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicesTeachersTest extends AppTest {

    static final double EPS = 1e-9;
    static final int VALUES = 10;
    static final int PAIRS = 8;

    long wave;
    long[] schools = new long[2];
    /** Per school, per teacher: val1..val10 (complete), then rvi1..8 now, then rvi1..8 ideal (NaN = skipped). */
    List<List<double[]>> data = List.of(new ArrayList<>(), new ArrayList<>());

    @BeforeAll
    void answer() {
        wave = fixture.openWave("teachers");
        Random random = new Random(20240901);
        int[] staff = {10, 10}; // multiples of k: a group is published k at a time
        for (int s = 0; s < 2; s++) {
            schools[s] = fixture.school(s == 0 ? "SHNRO" : "SHUVRO");
            String code = fixture.codes(wave, schools[s], "teachers", "педагоги", 1, 100).getFirst();
            for (int t = 0; t < staff[s]; t++) {
                double[] row = new double[VALUES + 2 * PAIRS];
                Map<String, Object> answers = new LinkedHashMap<>();
                for (int j = 0; j < VALUES; j++) {
                    // the second school agrees more: values 4..5 against 2..5
                    int v = s == 0 ? 2 + random.nextInt(4) : 4 + random.nextInt(2);
                    row[j] = v;
                    answers.put("val" + (j + 1), v);
                }
                for (int p = 0; p < PAIRS; p++) {
                    boolean skipNow = t == 0 && p < 2;   // answers 6 of 8 pairs on both sides: enough
                    boolean skipIdeal = t == 1 && p < 3; // answers 5 of 8 pairs: below two thirds, no gap
                    int now = 1 + random.nextInt(4);
                    int ideal = Math.min(5, now + random.nextInt(3));
                    row[VALUES + p] = skipNow ? Double.NaN : now;
                    row[VALUES + PAIRS + p] = skipIdeal ? Double.NaN : ideal;
                    if (!skipNow) {
                        answers.put("rvi" + (p + 1) + "_now", now);
                    }
                    if (!skipIdeal) {
                        answers.put("rvi" + (p + 1) + "_ideal", ideal);
                    }
                }
                data.get(s).add(row);
                Http.Response r = http.postJson("/api/v1/surveys/" + code + "/responses",
                        http.toJson(Map.of("answers", answers)), "Idempotency-Key", UUID.randomUUID().toString());
                assertThat(r.status()).as(r.body()).isEqualTo(201);
            }
        }
    }

    JsonNode construct(String id) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return IndicesApiTest.construct(http.json(r), "teachers", id);
    }

    @Test
    void sharedValuesYieldWithinSchoolAgreementAndIcc() {
        JsonNode values = construct("shared_values");
        assertThat(values.get("indexKind").getStringValue()).isEqualTo("AGREEMENT");
        assertThat(values.get("scale").get("id").getStringValue()).isEqualTo("importance5");
        List<Double> scores = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            double[][] vals = data.get(s).stream().map(r -> java.util.Arrays.copyOf(r, VALUES)).toArray(double[][]::new);
            JsonNode school = IndicesApiTest.school(values, schools[s]);
            assertThat(school.get("rwgJ").getDoubleValue()).isCloseTo(Agreement.rwgJ(vals, 5), within(EPS));
            assertThat(school.get("adMean").getDoubleValue())
                    .isCloseTo(Agreement.averageDeviation(vals, Agreement.Center.MEAN), within(EPS));
            for (double[] v : vals) {
                scores.add(java.util.Arrays.stream(v).average().orElseThrow());
                groups.add("s" + s);
            }
            assertThat(school.get("mean").getDoubleValue()).isCloseTo(
                    scores.subList(scores.size() - vals.length, scores.size()).stream()
                            .mapToDouble(Double::doubleValue).average().orElseThrow(), within(EPS));
        }
        assertThat(IndicesApiTest.school(values, schools[1]).get("rwgJ").getDoubleValue())
                .isGreaterThan(IndicesApiTest.school(values, schools[0]).get("rwgJ").getDoubleValue());
        Icc icc = Icc.of(scores.stream().mapToDouble(Double::doubleValue).toArray(), groups.toArray(String[]::new));
        assertThat(values.get("icc").get("icc1").getDoubleValue()).isCloseTo(icc.icc1(), within(EPS));
        assertThat(values.get("icc").get("icc2").getDoubleValue()).isCloseTo(icc.icc2(), within(EPS));
    }

    @Test
    void realVersusIdealYieldsTheGapIdealMinusNow() {
        JsonNode gapConstruct = construct("real_vs_ideal");
        assertThat(gapConstruct.get("indexKind").getStringValue()).isEqualTo("GAP");
        for (int s = 0; s < 2; s++) {
            // the codebook: a teacher's gap is the mean of ideal − now over pairs answered on both sides
            List<Double> gaps = new ArrayList<>();
            List<Double> nows = new ArrayList<>();
            List<Double> ideals = new ArrayList<>();
            double[] pairSum = new double[PAIRS];
            int[] pairN = new int[PAIRS];
            for (double[] r : data.get(s)) {
                double sum = 0;
                double nowSum = 0;
                int both = 0;
                for (int p = 0; p < PAIRS; p++) {
                    double now = r[VALUES + p];
                    double ideal = r[VALUES + PAIRS + p];
                    if (!Double.isNaN(now) && !Double.isNaN(ideal)) {
                        sum += ideal - now;
                        nowSum += now;
                        both++;
                        pairSum[p] += ideal - now;
                        pairN[p]++;
                    }
                }
                if (both >= Math.ceil(ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE * PAIRS - 1e-9)) {
                    gaps.add(sum / both);
                    nows.add(nowSum / both);
                    ideals.add((nowSum + sum) / both);
                }
            }
            Descriptives expected = Descriptives.of(gaps.stream().mapToDouble(Double::doubleValue).toArray());
            JsonNode school = IndicesApiTest.school(gapConstruct, schools[s]);
            JsonNode gap = school.get("gap");
            assertThat(school.get("n").getLongValue()).isEqualTo(data.get(s).size() - 1); // one answered too few pairs
            assertThat(gap.get("mean").getDoubleValue()).isCloseTo(expected.mean(), within(EPS)).isPositive();
            assertThat(gap.get("sd").getDoubleValue()).isCloseTo(expected.sd(), within(EPS));
            assertThat(gap.get("ciLower").getDoubleValue()).isCloseTo(expected.ciLower(), within(EPS));
            assertThat(gap.get("ciUpper").getDoubleValue()).isCloseTo(expected.ciUpper(), within(EPS));
            assertThat(gap.get("nowMean").getDoubleValue())
                    .isCloseTo(nows.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(EPS));
            assertThat(gap.get("idealMean").getDoubleValue())
                    .isCloseTo(ideals.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), within(EPS));
            JsonNode pairs = gap.get("pairs");
            assertThat(pairs.size()).isEqualTo(PAIRS);
            for (int p = 0; p < PAIRS; p++) {
                JsonNode pair = pairs.get(p);
                assertThat(pair.get("pair").getStringValue()).isEqualTo("rvi" + (p + 1));
                if (pairN[p] >= 5) {
                    assertThat(pair.get("n").getLongValue()).isEqualTo(pairN[p]);
                    assertThat(pair.get("mean").getDoubleValue()).isCloseTo(pairSum[p] / pairN[p], within(EPS));
                } else {
                    assertThat(IndicesApiTest.keys(pair)).containsExactly("pair", "suppressed");
                }
            }
            // no level figures for a gap construct: its index is the gap
            assertThat(IndicesApiTest.keys(school)).doesNotContain("mean", "alpha", "rwgJ");
        }
        assertThat(gapConstruct.get("overall").get("n").getLongValue()).isEqualTo(data.get(0).size() - 1 + data.get(1).size() - 1); // one per school answered too few pairs
    }

    @Test
    void constructsNobodyAnsweredAreSuppressedForEverySchool() {
        JsonNode leadership = construct("leadership");
        assertThat(leadership.get("indexKind").getStringValue()).isEqualTo("LEVEL");
        for (JsonNode school : leadership.get("schools").values()) {
            assertThat(IndicesApiTest.keys(school)).containsExactly("schoolId", "suppressed");
        }
    }

    /** The dashboard prints the same shared-values ICC, real–ideal gap and raw means as the API. */
    @Test
    void theDashboardShowsTheIccTheGapAndTheRawMeans() {
        org.uklad.account.StaffAgent admin = new org.uklad.account.StaffAgent(http)
                .signedIn(org.uklad.account.StaffAgent.account(accounts, org.uklad.account.Role.ADMIN, List.of()),
                        org.uklad.account.StaffAgent.PASSWORD);
        JsonNode wide = http.json(http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null));
        String page = admin.get("/staff/waves/" + wave + "/schools/" + schools[1] + "/dashboard").body();
        int checked = 0;
        for (JsonNode c : wide.get("questionnaires").values().iterator().next().get("constructs").values()) {
            JsonNode mine = null;
            for (JsonNode e : c.get("schools").values()) {
                if (e.get("schoolId").getLongValue() == schools[1]) {
                    mine = e;
                }
            }
            if (mine == null || mine.get("suppressed").getBooleanValue()) {
                continue; // constructs this test's teachers did not answer
            }
            switch (c.get("indexKind").getStringValue()) {
                case "AGREEMENT" -> assertThat(page).contains("<td class=\"num icc\">"
                        + two(c.get("icc").get("icc1").getDoubleValue()) + "</td>");
                case "GAP" -> assertThat(page).contains("<td class=\"num gap\">" + two(mine.get("gap").get("mean").getDoubleValue())
                        + "</td>", two(mine.get("gap").get("nowMean").getDoubleValue()),
                        two(mine.get("gap").get("idealMean").getDoubleValue()));
                default -> assertThat(page).contains("<td class=\"num raw\">" + two(mine.get("mean").getDoubleValue()) + " (шкала "
                        + c.get("scale").get("min").getIntValue() + "–" + c.get("scale").get("max").getIntValue() + ")</td>");
            }
            checked++;
        }
        assertThat(checked).as("shared values and real vs ideal at least").isGreaterThanOrEqualTo(2);
    }

    /** Two decimals with a decimal comma, half up, as the Russian page prints them. */
    static String two(double x) {
        return new java.math.BigDecimal(x).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    @jakarta.inject.Inject org.uklad.account.Accounts accounts;
}
