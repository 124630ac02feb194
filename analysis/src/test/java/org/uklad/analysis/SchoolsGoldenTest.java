package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.analysis.Golden.near;
import static org.uklad.analysis.Golden.ref;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.cluster.ClusteringResult;
import org.uklad.analysis.cluster.SchoolClustering;
import org.uklad.analysis.context.FamilyContextIndex;
import org.uklad.analysis.context.ContextRegression;
import org.uklad.analysis.norms.Norms;

/** Norms, context index, OLS resilience and clustering against R (datasets 3 and 4 of golden.R). */
class SchoolsGoldenTest {

    static final Golden.Data SCHOOLS = Golden.data("schools.csv");
    static final Map<String, Double> REFS = Golden.refs("schools.ref.csv");

    static Map<String, Double> column(String name) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < SCHOOLS.rows().size(); i++) {
            m.put(SCHOOLS.groups().get(i), SCHOOLS.rows().get(i)[SCHOOLS.column(name)]);
        }
        return m;
    }

    @Test
    void normsMatchR() {
        // z: as.vector(scale(idx1)); PR: 100 * (rank(idx1) - 0.5) / 60
        Map<String, Norms.Norm> norms = Norms.of(column("idx1"));
        assertEquals(60, norms.size());
        norms.forEach((school, n) -> {
            near(REFS, "norm." + school + ".z", n.z());
            near(REFS, "norm." + school + ".pr", n.percentileRank());
        });
    }

    @Test
    void olsResilienceMatchesR() {
        // fit <- lm(result ~ context); coef(fit); summary(fit)$r.squared; residuals(fit)
        Map<String, double[]> ctx = new HashMap<>();
        column("context").forEach((k, v) -> ctx.put(k, new double[] {v}));
        ContextRegression fit = ContextRegression.fit(column("result"), ctx);
        near(REFS, "ols.b0", fit.coefficients()[0]);
        near(REFS, "ols.b1", fit.coefficients()[1]);
        near(REFS, "ols.r2", fit.rSquared());
        fit.resilience().forEach((school, e) -> near(REFS, "ols.res." + school, e));
        // partners: high-result schools, nearest context first (checked against a brute force)
        Map<String, Double> result = column("result");
        Map<String, Double> context = column("context");
        String low = result.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<String> partners = fit.suggestPartners(low, 55, 3);
        assertEquals(3, partners.size());
        List<String> expected = result.keySet().stream().filter(k -> result.get(k) >= 55 && !k.equals(low))
                .sorted((a, b) -> Double.compare(Math.abs(context.get(a) - context.get(low)),
                        Math.abs(context.get(b) - context.get(low))))
                .limit(3).toList();
        assertEquals(expected, partners);
    }

    @Test
    void familyContextIndexMatchesR() {
        // family_context.R: R <- (items - lowest) / (highest - lowest); ok <- rowSums(!is.na(R)) >= 2;
        // f <- rowMeans(R[ok, ], na.rm = TRUE); per school mean(f) and mean(f < 1/3 - 1e-9)
        Golden.Data p = Golden.data("parents.csv");
        Map<String, Double> refs = Golden.refs("family_context.ref.csv");
        int[] cols = {p.column("c1"), p.column("c2"), p.column("c3")};
        FamilyContextIndex index = new FamilyContextIndex(new double[] {1, 1, 0}, new double[] {6, 5, 4},
                SuppressionPolicy.DEFAULT);
        for (int i = 0; i < p.rows().size(); i++) {
            double[] r = p.rows().get(i);
            index.add(p.groups().get(i), new double[] {r[cols[0]], r[cols[1]], r[cols[2]]});
        }
        var schools = index.schools();
        assertEquals(12, schools.size());
        assertEquals(3, ref(refs, "fam.P04.n"));
        assertTrue(schools.get("P04").isSuppressed(), "school of 3 families is suppressed");
        schools.forEach((g, v) -> {
            if (!g.equals("P04")) {
                FamilyContextIndex.SchoolContext c = v.orElseThrow();
                near(refs, "fam." + g + ".n", c.families());
                near(refs, "fam." + g + ".index", c.index());
                near(refs, "fam." + g + ".bottom", c.bottomThirdShare());
            }
        });
    }

    @Test
    void familyContextEdgeCases() {
        FamilyContextIndex index = new FamilyContextIndex(new double[] {1, 1, 0}, new double[] {6, 5, 4},
                new SuppressionPolicy(3));
        double nan = Double.NaN;
        // (0 + 1/2 + 1/2) / 3 is exactly a third: not in the bottom third despite rounding
        double third = index.family(new double[] {1, 3, 2});
        assertEquals(1 / 3.0, third, 1e-12);
        assertFalse(FamilyContextIndex.inBottomThird(third));
        assertTrue(FamilyContextIndex.inBottomThird(index.family(new double[] {1, 1, nan})));
        assertEquals(1.0, index.family(new double[] {6, nan, 4}));
        // one of three answered: not counted
        assertTrue(Double.isNaN(index.family(new double[] {6, nan, nan})));
        assertThrows(IllegalArgumentException.class, () -> index.family(new double[] {7, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> new FamilyContextIndex(new double[] {1}, new double[] {1}, SuppressionPolicy.DEFAULT));
        for (double[] f : List.of(new double[] {1, 3, 2}, new double[] {1, 1, nan}, new double[] {6, nan, 4},
                new double[] {6, nan, nan})) {
            index.add("s", f);
        }
        FamilyContextIndex.SchoolContext s = index.schools().get("s").orElseThrow();
        assertEquals(3, s.families());
        assertEquals((1 / 3.0 + 0 + 1) / 3, s.index(), 1e-12);
        assertEquals(1 / 3.0, s.bottomThirdShare(), 1e-12);
    }

    @Test
    void clusteringFindsTheThreeGroupsAndSilhouetteMatchesR() {
        Map<String, double[]> profiles = new LinkedHashMap<>();
        for (int i = 0; i < SCHOOLS.rows().size(); i++) {
            double[] r = SCHOOLS.rows().get(i);
            profiles.put(SCHOOLS.groups().get(i), new double[] {r[0], r[1], r[2], r[3]});
        }
        ClusteringResult c = SchoolClustering.cluster(profiles, 42L);
        assertEquals(3, c.k(), "silhouette picks the 3 generated clusters");
        // kmeans(scale(idx), 3, nstart = 50)$tot.withinss
        near(REFS, "km3.totwithinss", c.withinSumOfSquares());
        // same partition as the generating labels (up to renaming)
        Map<Integer, Integer> map = new HashMap<>();
        int truthCol = SCHOOLS.column("truth");
        for (int i = 0; i < SCHOOLS.rows().size(); i++) {
            int truth = (int) SCHOOLS.rows().get(i)[truthCol];
            int label = c.labels().get(SCHOOLS.groups().get(i));
            assertEquals(truth, (int) map.computeIfAbsent(label, x -> truth));
        }
        // silhouette widths of this partition = cluster::silhouette(truth, dist(scale(idx)))
        c.silhouette().forEach((school, s) -> near(REFS, "sil.truth." + school, s));
        near(REFS, "sil.truth.mean", c.meanSilhouetteByK().get(3));
        // deterministic given the seed, independent of input order
        Map<String, double[]> reversed = new LinkedHashMap<>();
        List<String> keys = List.copyOf(profiles.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), profiles.get(keys.get(i)));
        }
        ClusteringResult again = SchoolClustering.cluster(reversed, 42L);
        assertEquals(c.labels(), again.labels());
        assertEquals(c.meanSilhouetteByK(), again.meanSilhouetteByK());
    }
}
