package org.uklad.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.analysis.Golden.near;
import static org.uklad.analysis.Golden.ref;

import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uklad.analysis.agreement.AgreementResult;
import org.uklad.analysis.agreement.Icc;
import org.uklad.analysis.reliability.AlphaResult;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ItemSummary;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.analysis.scale.ScaleReport;

/**
 * Scale scores, group statistics, reliability and agreement against R, on the three Likert
 * datasets written by {@code src/test/r/golden.R} (function {@code scale_refs}). The reference of
 * each key comes from:
 * <ul>
 *   <li>{@code n, mean, sd, median, mean100}: base R on {@code person_score(recode(x))};
 *       {@code ci_lo, ci_hi}: {@code t.test(s)$conf.int};
 *   <li>{@code pfav, share.c, item.j.*}: base R on every recoded answer of the group ({@code colSums(!is.na(x))}, {@code colMeans(x, na.rm = TRUE)}, {@code psych::describe(x)$sd}), scored person or not;
 *   <li>{@code alpha.raw/std/rdrop.j/drop.j}: {@code psych::alpha(na.omit(recoded))} ({@code
 *       $total$raw_alpha}, {@code $total$std.alpha}, {@code $item.stats$r.drop},
 *       {@code $alpha.drop$raw_alpha});
 *   <li>{@code rwg}: {@code multilevel::rwg.j(recoded, group, ranvar = (A^2-1)/12)};
 *       {@code ad_mean}/{@code ad_median}: {@code multilevel::ad.m(recoded, group, type = "mean"|"median")};
 *   <li>{@code icc1}/{@code icc2}: {@code multilevel::ICC1(aov(s ~ as.factor(group)))}, {@code ICC2(...)}.
 * </ul>
 */
class ScaleGoldenTest {

    static Stream<Arguments> datasets() {
        return Stream.of(
                // teachers: 6 items 1..5, items 2 and 5 reverse-keyed, 8 schools of sizes 4..51
                Arguments.of("teachers", "real", new int[] {0, 1, 2, 3, 4, 5}, new int[] {1, 4}, 1, 5, 4),
                // students: 10 items 1..4, items 3, 7, 9 reverse-keyed, 5 classes of sizes 3..60
                Arguments.of("students", "stud", IntStream.range(0, 10).toArray(), new int[] {2, 6, 8}, 1, 4, 3),
                // parents: 4 items 1..5, item 4 reverse-keyed, 12 schools of sizes 3..60, 20% missing
                Arguments.of("parents", "par", new int[] {0, 1, 2, 3}, new int[] {3}, 1, 5, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datasets")
    void matchesR(String file, String prefix, int[] items, int[] reversed, int min, int max, int favFrom) {
        Golden.Data data = Golden.data(file + ".csv");
        Map<String, Double> refs = Golden.refs(file + ".ref.csv");
        ScaleDefinition scale = ScaleDefinition.of(prefix, items, reversed, min, max).withFavourableFrom(favFrom);
        ScaleAccumulator acc = new ScaleAccumulator(scale, SuppressionPolicy.DEFAULT);
        for (int i = 0; i < data.rows().size(); i++) {
            acc.add(data.groups().get(i), data.rows().get(i));
        }
        ScaleReport report = acc.report();
        int checkedGroups = 0;
        for (var e : report.groups().entrySet()) {
            String key = prefix + "." + e.getKey() + ".";
            boolean shouldShow = ref(refs, key + "n") >= 5;
            assertEquals(!shouldShow, e.getValue().isSuppressed(), key + " suppression");
            if (shouldShow) {
                check(refs, key, e.getValue().orElseThrow(), scale);
                checkedGroups++;
            }
        }
        assertTrue(checkedGroups >= 3, "too few groups compared");
        assertTrue(report.groups().values().stream().anyMatch(Suppressible::isSuppressed),
                "every dataset has a small group that must be suppressed");
        check(refs, prefix + ".ALL.", report.overall().orElseThrow(), scale);
        Icc icc = report.icc().orElseThrow();
        near(refs, prefix + ".icc1", icc.icc1());
        near(refs, prefix + ".icc2", icc.icc2());
    }

    private static void check(Map<String, Double> refs, String key, GroupScaleResult r, ScaleDefinition scale) {
        Descriptives d = r.score();
        near(refs, key + "n", d.n());
        near(refs, key + "mean", d.mean());
        near(refs, key + "sd", d.sd());
        near(refs, key + "ci_lo", d.ciLower());
        near(refs, key + "ci_hi", d.ciUpper());
        near(refs, key + "median", d.median());
        near(refs, key + "mean100", r.score100().mean());
        near(refs, key + "pfav", r.percentFavourable());
        double[] shares = r.categoryShares();
        for (int c = scale.min(); c <= scale.max(); c++) {
            near(refs, key + "share." + c, shares[c - scale.min()]);
        }
        for (int j = 0; j < scale.size(); j++) {
            String ik = key + "item." + (j + 1) + ".";
            boolean itemShown = ref(refs, ik + "n") >= 5;
            assertEquals(!itemShown, r.items().get(j).isSuppressed(), ik + " suppression");
            if (itemShown) {
                ItemSummary it = r.items().get(j).orElseThrow();
                near(refs, ik + "n", it.n());
                near(refs, ik + "mean", it.mean());
                near(refs, ik + "sd", it.sd());
            }
        }
        boolean ccShown = ref(refs, key + "cc_n") >= 5;
        assertEquals(!ccShown, r.reliability().isSuppressed(), key + " alpha suppression");
        assertEquals(!ccShown, r.agreement().isSuppressed(), key + " agreement suppression");
        if (ccShown) {
            AlphaResult a = r.reliability().orElseThrow();
            near(refs, key + "cc_n", a.n());
            near(refs, key + "alpha.raw", a.alpha());
            near(refs, key + "alpha.std", a.standardizedAlpha());
            for (int j = 0; j < scale.size(); j++) {
                near(refs, key + "alpha.rdrop." + (j + 1), a.correctedItemTotal()[j]);
                near(refs, key + "alpha.drop." + (j + 1), a.alphaIfDeleted()[j]);
            }
            if (!key.contains(".ALL.")) {
                AgreementResult ag = r.agreement().orElseThrow();
                near(refs, key + "rwg_n", ag.n());
                near(refs, key + "rwg", ag.rwgJ());
                near(refs, key + "ad_mean", ag.adMean());
                near(refs, key + "ad_median", ag.adMedian());
            }
        }
    }
}
