package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Checks the keys, not the validity: synthetic respondents are drawn from a one-factor model per
 * construct; each answers every item as someone with that latent score would. An item worded
 * against its construct is answered from the negated latent score; which items are worded against
 * is taken from the codebook (README.md, the key column, reviewed with the wording), independently
 * of the YAML's {@code reverse:} flags. The answers are then scored back with the YAML keys
 * ({@code min + max - x}). Each keyed scale must recover its factor: Cronbach's alpha above 0.7 and
 * every item correlating positively with the rest of its scale; a YAML key that disagrees with the
 * codebook shows as a negative correlation. Fixed seed; local statistics, so the test does not
 * depend on the analysis module.
 */
class SimulationTest {

    static final int RESPONDENTS = 1500;
    static final double LOADING = 0.75;
    static final long SEED = 20240901L;

    @Test
    void everyKeyedScaleOfEveryInstrumentRecoversItsFactor() {
        List<String> failures = new ArrayList<>();
        int scales = 0;
        for (Questionnaire q : Instruments.bundledParsed()) {
            if (q.key().equals("example")) {
                continue; // a format fixture with two-item scales, not an instrument
            }
            for (Map.Entry<Construct, List<Item>> e : keyedScales(q).entrySet()) {
                scales++;
                Map<String, Boolean> codebook = codebookKeys();
                for (Item item : e.getValue()) {
                    if (!codebook.containsKey(q.key() + "/" + item.id())) {
                        failures.add(q.key() + "/" + item.id() + ": not in the codebook's key table");
                    }
                }
                Result r = simulate(q, e.getKey(), e.getValue(),
                        i -> codebook.getOrDefault(q.key() + "/" + i.id(), false), Item::reverse);
                if (!(r.alpha > 0.7)) {
                    failures.add(q.key() + "/" + e.getKey().id() + ": alpha " + r.alpha);
                }
                for (int i = 0; i < r.itemRest.length; i++) {
                    if (!(r.itemRest[i] > 0.2)) {
                        failures.add(q.key() + "/" + e.getValue().get(i).id() + ": item-rest r " + r.itemRest[i]);
                    }
                }
            }
        }
        assertTrue(scales >= 15, "expected the level scales of all instruments, got " + scales);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void aWrongKeyIsCaught() {
        Questionnaire q = Instruments.bundledQuestionnaire("students-5-11");
        Construct c = q.constructs().get("teacher_demandingness");
        List<Item> items = keyedScales(q).get(c);
        Item reversed = items.stream().filter(Item::reverse).findFirst().orElseThrow();
        // score as if someone forgot the reverse key of one item
        Result wrong = simulate(q, c, items, Item::reverse, i -> i.reverse() && !i.id().equals(reversed.id()));
        Result right = simulate(q, c, items, Item::reverse, Item::reverse);
        int at = items.indexOf(reversed);
        assertTrue(wrong.itemRest[at] < 0, "a forgotten reverse key shows as a negative item-rest correlation");
        assertTrue(wrong.alpha < right.alpha);
    }

    @Test
    void alphaHelperIsRight() {
        // two identical items: alpha 1; two independent items: alpha about 0
        double[][] same = {{1, 1}, {2, 2}, {3, 3}, {4, 4}};
        assertEquals(1.0, alpha(same), 1e-9);
        Random rnd = new Random(1);
        double[][] indep = new double[5000][2];
        for (double[] row : indep) {
            row[0] = rnd.nextGaussian();
            row[1] = rnd.nextGaussian();
        }
        assertEquals(0.0, alpha(indep), 0.1);
    }

    /** Level and agreement constructs with their likert items, per instrument. */
    static Map<Construct, List<Item>> keyedScales(Questionnaire q) {
        Map<Construct, List<Item>> out = new LinkedHashMap<>();
        for (Item item : q.items()) {
            if (item.type() != ItemType.LIKERT || item.construct() == null) {
                continue;
            }
            Construct c = q.constructs().get(item.construct());
            if (c.index() == IndexKind.LEVEL || c.index() == IndexKind.AGREEMENT) {
                out.computeIfAbsent(c, k -> new ArrayList<>()).add(item);
            }
        }
        return out;
    }

    record Result(double alpha, double[] itemRest) {}

    /** "instrument/item" → worded against its construct, from the codebook tables in README.md. */
    static Map<String, Boolean> codebookKeys() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile("^\\| ([a-z0-9-]+) \\| `([a-z0-9_]+)` \\| ([+−]) \\|.*");
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("README.md"))) {
                java.util.regex.Matcher m = row.matcher(line);
                if (m.matches()) {
                    out.put(m.group(1) + "/" + m.group(2), m.group(3).equals("−"));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    static Result simulate(Questionnaire q, Construct c, List<Item> items, Predicate<Item> wordedAgainst,
                           Predicate<Item> scoredReversed) {
        Random rnd = new Random(SEED ^ (q.key() + "/" + c.id()).hashCode());
        double[][] scores = new double[RESPONDENTS][items.size()];
        double noise = Math.sqrt(1 - LOADING * LOADING);
        for (int r = 0; r < RESPONDENTS; r++) {
            double latent = rnd.nextGaussian();
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                ResponseScale scale = q.scaleOf(item);
                double y = LOADING * latent + noise * rnd.nextGaussian();
                int raw = answer(wordedAgainst.test(item) ? -y : y, scale);
                scores[r][i] = scoredReversed.test(item) ? scale.min() + scale.max() - raw : raw;
            }
        }
        double[] itemRest = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            double[] x = new double[RESPONDENTS];
            double[] rest = new double[RESPONDENTS];
            for (int r = 0; r < RESPONDENTS; r++) {
                x[r] = scores[r][i];
                for (int j = 0; j < items.size(); j++) {
                    if (j != i) {
                        rest[r] += scores[r][j];
                    }
                }
            }
            itemRest[i] = correlation(x, rest);
        }
        return new Result(alpha(scores), itemRest);
    }

    /** The scale point a continuous response falls on: k points, k-1 evenly spaced cut points in [-1.2, 1.2]. */
    static int answer(double y, ResponseScale scale) {
        int k = scale.points().size();
        int bin = 0;
        for (int j = 1; j < k; j++) {
            if (y > -1.2 + 2.4 * j / k) {
                bin = j;
            }
        }
        return scale.points().get(bin).value();
    }

    static double alpha(double[][] x) {
        int n = x.length;
        int k = x[0].length;
        double sumItemVar = 0;
        double[] total = new double[n];
        for (int j = 0; j < k; j++) {
            double[] col = new double[n];
            for (int r = 0; r < n; r++) {
                col[r] = x[r][j];
                total[r] += x[r][j];
            }
            sumItemVar += variance(col);
        }
        return (double) k / (k - 1) * (1 - sumItemVar / variance(total));
    }

    static double variance(double[] v) {
        double mean = 0;
        for (double d : v) {
            mean += d;
        }
        mean /= v.length;
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return ss / (v.length - 1);
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        assertFalse(saa == 0 || sbb == 0, "constant column");
        return sab / Math.sqrt(saa * sbb);
    }
}
