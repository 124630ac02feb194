package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.support.AppTest;
import org.uklad.support.Http;

/**
 * The indices API on the example questionnaire, answered through the respondent API: its numbers
 * are the analysis module's, small schools show nothing, reverse keys apply.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IndicesApiTest extends AppTest {

    static final double EPS = 1e-9;

    /**
     * dem1, dem2 (reverse), com1, com2 of each respondent of the 10-respondent school; null =
     * skipped. Ten: a group is published k (5) at a time, so all of them are.
     */
    static final Integer[][] SEVEN = {
            {4, 1, 3, 4},
            {3, 2, 2, 3},
            {2, 3, 4, 4},
            {4, 2, 1, 2},
            {3, null, 3, null},
            {1, 4, 2, 3},
            {4, 1, null, null},
            {2, 2, 3, 3},
            {3, 3, 2, 2},
            {4, 2, 4, 3},
    };
    /**
     * A school of three respondents, stored straight into the published table as responses from
     * before publication in blocks of k (migration V11 keeps them): the only way a school's
     * published figures can rest on fewer than k people, and what the small-group rules guard.
     */
    static final Integer[][] THREE = {{2, 2, 3, 3}, {3, 1, 4, 4}, {1, 4, 2, 2}};
    /** Five respondents who all find teachers demanding: dem1 = 4 and the reverse-keyed dem2 = 1. */
    static final Integer[][] DEMANDING = {{4, 1, 3, 3}, {4, 1, 3, 4}, {4, 1, 2, 3}, {4, 1, 4, 4}, {4, 1, 3, 3}};

    long wave;
    long seven;
    long three;
    long demanding;
    long poolWave;
    long poolSeven;
    long poolDemanding;

    @BeforeAll
    void answer() {
        seven = fixture.school("SHNRO");
        three = fixture.school("SHUVRO");
        demanding = fixture.school("OTHER");
        wave = fixture.openWave("example");
        submitAll(wave, seven, SEVEN);
        for (Integer[] r : THREE) {
            db.storeAsBeforeV11(wave, three, "example", "7А", org.uklad.support.Fixture.exampleRow(r));
        }
        submitAll(wave, demanding, DEMANDING);
        // a second wave without a small school: there the pooled figures may be shown
        poolSeven = fixture.school("SHNRO");
        poolDemanding = fixture.school("OTHER");
        poolWave = fixture.openWave("example");
        submitAll(poolWave, poolSeven, SEVEN);
        submitAll(poolWave, poolDemanding, DEMANDING);
    }

    private void submitAll(long waveId, long school, Integer[][] rows) {
        String code = fixture.codes(waveId, school, "example", "7А", 1, 100).getFirst();
        for (Integer[] r : rows) {
            Map<String, Object> answers = new LinkedHashMap<>();
            answers.put("grade", 7);
            String[] items = {"dem1", "dem2", "com1", "com2"};
            for (int j = 0; j < items.length; j++) {
                if (r[j] != null) {
                    answers.put(items[j], r[j]);
                }
            }
            Http.Response res = http.postJson("/api/v1/surveys/" + code + "/responses",
                    http.toJson(Map.of("answers", answers)), "Idempotency-Key", UUID.randomUUID().toString());
            assertThat(res.status()).as(res.body()).isEqualTo(201);
        }
    }

    /** The codebook's scoring: keyed mean of the answered items, two thirds answered; favourable = 3, 4. */
    static GroupScaleResult expected(String construct, boolean[] reversed, int offset, Integer[][]... groups) {
        ScaleDefinition def = new ScaleDefinition(construct, new int[] {0, 1}, reversed, 1, 4, ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE, 3);
        ScaleAccumulator acc = new ScaleAccumulator(def, SuppressionPolicy.DEFAULT);
        for (Integer[][] group : groups) {
            for (Integer[] r : group) {
                acc.add("g", new double[] {value(r[offset]), value(r[offset + 1])});
            }
        }
        return acc.report().groups().get("g").orElseThrow();
    }

    static double value(Integer x) {
        return x == null ? Double.NaN : x;
    }

    JsonNode indices(long waveId) {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + waveId + "/indices", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return http.json(r);
    }

    static JsonNode construct(JsonNode indices, String key, String construct) {
        for (JsonNode q : indices.get("questionnaires").values()) {
            if (q.get("key").getStringValue().equals(key)) {
                for (JsonNode c : q.get("constructs").values()) {
                    if (c.get("construct").getStringValue().equals(construct)) {
                        return c;
                    }
                }
            }
        }
        throw new AssertionError("no construct " + construct + " of " + key);
    }

    static JsonNode school(JsonNode construct, long schoolId) {
        for (JsonNode s : construct.get("schools").values()) {
            if (s.get("schoolId").getLongValue() == schoolId) {
                return s;
            }
        }
        throw new AssertionError("no school " + schoolId);
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.entries().forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    static void assertSameAs(JsonNode s, GroupScaleResult e) {
        assertThat(s.get("suppressed").getBooleanValue()).isFalse();
        assertThat(s.get("n").getLongValue()).isEqualTo(e.n());
        assertThat(s.get("respondents").getLongValue()).isEqualTo(e.respondents());
        assertThat(s.get("mean").getDoubleValue()).isCloseTo(e.score().mean(), within(EPS));
        assertThat(s.get("sd").getDoubleValue()).isCloseTo(e.score().sd(), within(EPS));
        assertThat(s.get("ciLower").getDoubleValue()).isCloseTo(e.score().ciLower(), within(EPS));
        assertThat(s.get("ciUpper").getDoubleValue()).isCloseTo(e.score().ciUpper(), within(EPS));
        assertThat(s.get("median").getDoubleValue()).isCloseTo(e.score().median(), within(EPS));
        assertThat(s.get("score100").get("mean").getDoubleValue()).isCloseTo(e.score100().mean(), within(EPS));
        assertThat(s.get("score100").get("ciLower").getDoubleValue()).isCloseTo(e.score100().ciLower(), within(EPS));
        assertThat(s.get("score100").get("ciUpper").getDoubleValue()).isCloseTo(e.score100().ciUpper(), within(EPS));
        assertThat(s.get("percentFavourable").getDoubleValue()).isCloseTo(e.percentFavourable(), within(EPS));
        var alpha = e.reliability().orElseThrow();
        assertThat(s.get("alpha").getDoubleValue()).isCloseTo(alpha.alpha(), within(EPS));
        // what alpha rests on (#23): its complete cases, raw and standardised alpha
        assertThat(s.get("reliability").get("completeCases").getLongValue()).isEqualTo(alpha.n()).isLessThanOrEqualTo(e.n());
        assertThat(s.get("reliability").get("alpha").getDoubleValue()).isCloseTo(alpha.alpha(), within(EPS));
        assertThat(s.get("reliability").get("standardizedAlpha").getDoubleValue()).isCloseTo(alpha.standardizedAlpha(), within(EPS));
        assertThat(s.get("rwgJ").getDoubleValue()).isCloseTo(e.agreement().orElseThrow().rwgJ(), within(EPS));
        assertThat(s.get("adMean").getDoubleValue()).isCloseTo(e.agreement().orElseThrow().adMean(), within(EPS));
        assertThat(s.get("adMedian").getDoubleValue()).isCloseTo(e.agreement().orElseThrow().adMedian(), within(EPS));
        for (int j = 0; j < 2; j++) {
            JsonNode item = s.get("items").get(j);
            var ei = e.items().get(j);
            if (ei.isSuppressed()) {
                assertThat(keys(item)).containsExactly("item", "suppressed");
            } else {
                assertThat(item.get("n").getLongValue()).isEqualTo(ei.orElseThrow().n());
                assertThat(item.get("mean").getDoubleValue()).isCloseTo(ei.orElseThrow().mean(), within(EPS));
                assertThat(item.get("sd").getDoubleValue()).isCloseTo(ei.orElseThrow().sd(), within(EPS));
                assertThat(item.get("correctedItemTotal").getDoubleValue()).isCloseTo(alpha.correctedItemTotal()[j], within(EPS));
                // two items: without one, "alpha" of the other alone is undefined, so it is left out
                assertThat(item.get("alphaIfDeleted") != null).isEqualTo(Double.isFinite(alpha.alphaIfDeleted()[j]));
            }
        }
    }

    @Test
    void theNumbersOfASchoolAreWhatTheAnalysisModuleComputes() {
        JsonNode all = indices(wave);
        assertThat(all.get("minGroupSize").getIntValue()).isEqualTo(5);
        JsonNode dem = construct(all, "example", "teacher_demandingness");
        assertThat(dem.get("indexKind").getStringValue()).isEqualTo("LEVEL");
        assertThat(dem.get("domain").getStringValue()).isEqualTo("TEACHING");
        assertThat(dem.get("title").get("en").getStringValue()).isEqualTo("Teacher demandingness");
        assertThat(dem.get("scale").get("id").getStringValue()).isEqualTo("agree4");
        assertThat(dem.get("items").get(1).get("reverse").getBooleanValue()).isTrue();
        assertSameAs(school(dem, seven), expected("dem", new boolean[] {false, true}, 0, SEVEN));

        JsonNode comfort = construct(all, "example", "comfort");
        GroupScaleResult expectedComfort = expected("com", new boolean[] {false, false}, 2, SEVEN);
        assertThat(expectedComfort.n()).isEqualTo(8); // one respondent skipped both items, one answered only one
        assertSameAs(school(comfort, seven), expectedComfort);
    }

    @Test
    void aSchoolBelowTheThresholdShowsNoNumberAtAll() {
        JsonNode all = indices(wave);
        for (String c : List.of("teacher_demandingness", "comfort")) {
            assertThat(keys(school(construct(all, "example", c), three))).containsExactly("schoolId", "suppressed");
            assertThat(school(construct(all, "example", c), three).get("suppressed").getBooleanValue()).isTrue();
        }
        Http.Response raw = http.admin("GET", "/api/v1/admin/waves/" + wave + "/indices", null);
        assertThat(raw.body()).contains("{\"schoolId\":" + three + ",\"suppressed\":true}");
        // The school's own view: nothing but the suppressed markers. The pooled figures are withheld
        // too, since pooled minus the shown schools would be this school's figures.
        Http.Response own = http.admin("GET", "/api/v1/admin/waves/" + wave + "/schools/" + three + "/indices", null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).doesNotContain("\"mean\"").doesNotContain("\"n\"").doesNotContain("\"sd\"")
                .doesNotContain("\"respondents\"").doesNotContain("\"icc\"");
        JsonNode dem = construct(http.json(own), "example", "teacher_demandingness");
        assertThat(dem.get("schools").size()).isEqualTo(1);
        assertThat(keys(dem.get("overall"))).containsExactly("suppressed");
    }

    @Test
    void reverseKeyedItemsAreScoredFromTheOtherEnd() {
        JsonNode s = school(construct(indices(wave), "example", "teacher_demandingness"), demanding);
        // dem1 = 4 and dem2 = 1 ("teachers do not care", reversed: 1 + 4 − 1 = 4): a score of 4, not 2.5
        assertThat(s.get("n").getLongValue()).isEqualTo(5);
        assertThat(s.get("mean").getDoubleValue()).isEqualTo(4.0);
        assertThat(s.get("median").getDoubleValue()).isEqualTo(4.0);
        assertThat(s.get("score100").get("mean").getDoubleValue()).isEqualTo(100.0);
        assertThat(s.get("percentFavourable").getDoubleValue()).isEqualTo(100.0);
        assertThat(s.get("items").get(1).get("mean").getDoubleValue()).isEqualTo(4.0);
        assertThat(s.get("rwgJ").getDoubleValue()).isEqualTo(1.0); // everyone agrees
    }

    @Test
    void pooledFiguresAndIccAreShownWhenNoSmallSchoolCouldBeWorkedOut() {
        JsonNode dem = construct(indices(poolWave), "example", "teacher_demandingness");
        GroupScaleResult pooled = expected("dem", new boolean[] {false, true}, 0, SEVEN, DEMANDING);
        JsonNode overall = dem.get("overall");
        assertThat(keys(overall)).doesNotContain("schoolId");
        assertSameAs(overall, pooled);
        ScaleDefinition def = new ScaleDefinition("dem", new int[] {0, 1}, new boolean[] {false, true}, 1, 4, ScaleDefinition.DEFAULT_MIN_ANSWERED_SHARE, 3);
        ScaleAccumulator acc = new ScaleAccumulator(def, SuppressionPolicy.DEFAULT);
        Arrays.stream(SEVEN).forEach(r -> acc.add("a", new double[] {value(r[0]), value(r[1])}));
        Arrays.stream(DEMANDING).forEach(r -> acc.add("b", new double[] {value(r[0]), value(r[1])}));
        var icc = acc.report().icc().orElseThrow();
        assertThat(dem.get("icc").get("groups").getIntValue()).isEqualTo(2);
        assertThat(dem.get("icc").get("icc1").getDoubleValue()).isCloseTo(icc.icc1(), within(EPS));
        assertThat(dem.get("icc").get("icc2").getDoubleValue()).isCloseTo(icc.icc2(), within(EPS));
        // the wave with the 3-respondent school: pooled minus the shown schools would reveal it
        JsonNode withSmall = construct(indices(wave), "example", "teacher_demandingness");
        assertThat(keys(withSmall.get("overall"))).containsExactly("suppressed");
        assertThat(keys(withSmall)).doesNotContain("icc");
    }

    @Test
    void oneSchoolsViewKeepsOnlyThatSchool() {
        Http.Response r = http.admin("GET", "/api/v1/admin/waves/" + poolWave + "/schools/" + poolSeven + "/indices", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode dem = construct(http.json(r), "example", "teacher_demandingness");
        assertThat(dem.get("schools").size()).isEqualTo(1);
        assertSameAs(school(dem, poolSeven), expected("dem", new boolean[] {false, true}, 0, SEVEN));
        assertThat(dem.get("overall").get("n").getLongValue())
                .isEqualTo(expected("dem", new boolean[] {false, true}, 0, SEVEN, DEMANDING).n());
        // a registered school without answers in the wave: suppressed, not an error
        Http.Response other = http.admin("GET", "/api/v1/admin/waves/" + poolWave + "/schools/" + three + "/indices", null);
        assertThat(other.status()).isEqualTo(200);
        assertThat(keys(school(construct(http.json(other), "example", "comfort"), three)))
                .containsExactly("schoolId", "suppressed");
    }

    @Test
    void unknownWavesAndSchoolsAreNotFound() {
        for (String path : List.of("/api/v1/admin/waves/999999/indices",
                "/api/v1/admin/waves/999999/schools/" + seven + "/indices",
                "/api/v1/admin/waves/" + wave + "/schools/999999/indices")) {
            Http.Response r = http.admin("GET", path, null);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(http.json(r).get("code").getStringValue()).isEqualTo("not-found");
        }
    }

    @Test
    void indicesNeedTheAdministrationToken() {
        for (String path : List.of("/api/v1/admin/waves/" + wave + "/indices",
                "/api/v1/admin/waves/" + wave + "/schools/" + seven + "/indices")) {
            Http.Response none = http.get(path);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.contentType()).startsWith("application/problem+json");
            assertThat(none.body()).doesNotContain("\"mean\"");
            assertThat(http.get(path, "Authorization", "Bearer wrong-token").status()).isEqualTo(401);
        }
    }
}
