package org.uklad.analysis.identification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.Golden;

/**
 * The sum-of-places ranking, the yearly outcome and "beats its context" over years against R
 * ({@code src/test/r/identification.R}), with ties and missing subjects, and one year checked by hand.
 */
class IdentificationGoldenTest {

    static final List<String> SUBJECTS = List.of("m", "r", "p");

    /** year → school → subject → mean, and school → context, from the shared CSV. */
    record Scores(Map<Integer, Map<String, Map<String, Double>>> means, Map<String, double[]> context) {}

    static Scores scores() throws IOException {
        try (InputStream in = IdentificationGoldenTest.class.getResourceAsStream("/golden/identification_scores.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            Map<Integer, Map<String, Map<String, Double>>> means = new TreeMap<>();
            Map<String, double[]> context = new TreeMap<>();
            for (String line : lines) {
                String[] f = line.split(",");
                means.computeIfAbsent(Integer.parseInt(f[1]), y -> new TreeMap<>())
                        .computeIfAbsent(f[0], s -> new LinkedHashMap<>()).put(f[2], Double.parseDouble(f[3]));
                context.put(f[0], new double[] {Double.parseDouble(f[4])});
            }
            return new Scores(means, context);
        }
    }

    @Test
    void placesSumsAndPercentilesAreRs() throws IOException {
        Map<String, Double> refs = Golden.refs("identification.ref.csv");
        Scores s = scores();
        int checked = 0;
        for (var year : s.means().entrySet()) {
            for (SumOfPlaces.Standing st : SumOfPlaces.rank(year.getValue(), SUBJECTS)) {
                String k = year.getKey() + "." + st.school();
                st.places().forEach((subject, place) -> Golden.near(refs, "place." + k + "." + subject, place));
                Golden.near(refs, "k." + k, st.ranked());
                Golden.near(refs, "sum." + k, st.sum());
                Golden.near(refs, "pct." + k, st.percentile());
                checked++;
            }
        }
        assertEquals(24, checked);
    }

    @Test
    void handCheckedYearWithTiesAndMissingSubjects() throws IOException {
        Map<String, SumOfPlaces.Standing> y = new LinkedHashMap<>();
        SumOfPlaces.rank(scores().means().get(2023), SUBJECTS).forEach(st -> y.put(st.school(), st));
        // m: A and C both 4.1 share places 1 and 2 → 1.5; E 3.9 → 3; H 3.8 → 4; B 3.5 → 5; D 3.2 → 6; F 3.0 → 7
        assertEquals(1.5, y.get("A").places().get("m"));
        assertEquals(1.5, y.get("C").places().get("m"));
        assertEquals(7.0, y.get("F").places().get("m"));
        // r: A 4.3, H 4.2, C 4.0, B and E 3.9 (places 4 and 5 → 4.5), D 3.6, F 3.4
        assertEquals(4.5, y.get("B").places().get("r"));
        // A: 1.5 + 1 + p (71 C, 66 H, 60 A → 3) = 5.5, the same as C (1.5 + 3 + 1): shared best sums
        assertEquals(5.5, y.get("A").sum());
        assertEquals(12.5, y.get("A").percentile());
        // D sat m and r only: (6 + 6) / 2 × 3 = 18, ranked on 2 of 3
        assertEquals(18.0, y.get("D").sum());
        assertEquals(2, y.get("D").ranked());
        assertTrue(y.get("D").partial());
        // G sat p only: 58 is 4th of 7 → 4 × 3 = 12
        assertEquals(12.0, y.get("G").sum());
        // F is last in every subject: 7 + 7 + 7, the worst sum of 8 → (8 − 0.5) / 8 = 93.75
        assertEquals(21.0, y.get("F").sum());
        assertEquals(93.75, y.get("F").percentile());
    }

    @Test
    void outcomesAndResilienceAreRs() throws IOException {
        Map<String, Double> refs = Golden.refs("identification.ref.csv");
        Scores s = scores();
        Map<Integer, Map<String, Double>> outcome = new TreeMap<>();
        s.means().forEach((year, m) -> {
            Map<String, Double> z = Outcomes.meanZ(m, SUBJECTS);
            z.forEach((school, v) -> Golden.near(refs, "z." + year + "." + school, v));
            outcome.put(year, z);
        });
        Map<String, ResilienceOverYears.Verdict> v = ResilienceOverYears.assess(outcome, s.context(), 1.0, 2);
        v.values().forEach(verdict -> verdict.years().forEach(y ->
                Golden.near(refs, "std." + y.year() + "." + verdict.school(), y.standardized())));
        // H is more than one residual SE above its context in each year; no other school in any
        assertTrue(v.get("H").beatsContext());
        assertEquals(3, v.get("H").yearsAbove());
        assertEquals(List.of("H"), v.entrySet().stream().filter(e -> e.getValue().beatsContext()).map(Map.Entry::getKey).toList());
        // one year is not enough under the rule of two
        Map<String, ResilienceOverYears.Verdict> oneYear = ResilienceOverYears.assess(Map.of(2025, outcome.get(2025)),
                s.context(), 1.0, 2);
        assertFalse(oneYear.get("H").beatsContext());
        assertTrue(ResilienceOverYears.assess(Map.of(2025, outcome.get(2025)), s.context(), 1.0, 1).get("H")
                .beatsContext());
    }

    @Test
    void shareBelowPassIsNegatedMean() {
        Map<String, Map<String, Double>> shares = Map.of("A", Map.of("m", 0.1, "r", 0.3), "B", Map.of("p", 0.2));
        assertEquals(-0.2, Outcomes.negatedMeanShare(shares, SUBJECTS).get("A"), 1e-12);
        assertFalse(Outcomes.negatedMeanShare(shares, List.of("m")).containsKey("B"));
    }
}
