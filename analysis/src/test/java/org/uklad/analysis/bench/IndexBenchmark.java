package org.uklad.analysis.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.analysis.norms.Norms;
import org.uklad.analysis.scale.GroupScaleResult;
import org.uklad.analysis.scale.ScaleAccumulator;
import org.uklad.analysis.scale.ScaleDefinition;
import org.uklad.analysis.scale.ScaleReport;

/**
 * Benchmark (not a unit test): 1,000,000 responses × 40 items in 1,000 schools into all
 * per-school indices. See BENCHMARKS.md at the repository root for the command and results.
 *
 * <p>The responses are generated once (deterministic seed) into a compact byte matrix, ordered by
 * school as a {@code ORDER BY school} cursor would deliver them; the timed part converts each row
 * to a {@code double[]} (NaN for missing) like a JDBC row mapper, feeds it to the accumulators and
 * builds every report: per school and scale n, mean, SD, 95% CI, median, category distribution,
 * percent favourable, item summaries, Cronbach's alpha with item statistics, rWG(J), AD(M), AD(Md);
 * per scale the pooled result and ICC(1)/ICC(2); then the norms (z, percentile rank) of each scale.
 *
 * <p>Arguments: {@code [threads=2] [iterations=5] [layout=5x8|1x40]}.
 */
public final class IndexBenchmark {

    static final int ROWS = 1_000_000;
    static final int ITEMS = 40;
    static final int SCHOOLS = 1_000;

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String layout = args.length > 2 ? args[2] : "5x8";
        List<ScaleDefinition> scales = scales(layout);

        long t0 = System.nanoTime();
        Data data = generate(new SplittableRandom(2024));
        System.out.printf("generated %,d rows x %d items in %,d schools (%.0f ms, not timed)%n", ROWS, ITEMS, SCHOOLS,
                (System.nanoTime() - t0) / 1e6);
        System.out.printf("layout %s, threads %d, available processors %d, max heap %d MB%n", layout, threads,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        double best = Double.MAX_VALUE;
        for (int it = 1; it <= iterations; it++) {
            long start = System.nanoTime();
            Result r = run(data, scales, threads);
            double ms = (System.nanoTime() - start) / 1e6;
            best = Math.min(best, ms);
            System.out.printf("iteration %d: %.0f ms  (shown school×scale results %d, suppressed %d, check %.6f)%n",
                    it, ms, r.shown, r.suppressed, r.checksum);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("best %.0f ms; heap used after run %d MB%n", best, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    static List<ScaleDefinition> scales(String layout) {
        List<ScaleDefinition> out = new ArrayList<>();
        int per = layout.equals("1x40") ? 40 : 8;
        for (int s = 0; s < ITEMS / per; s++) {
            int[] items = new int[per];
            for (int j = 0; j < per; j++) {
                items[j] = s * per + j;
            }
            out.add(ScaleDefinition.of("scale" + s, items, new int[] {items[1], items[per - 2]}, 1, 5));
        }
        return out;
    }

    record Data(byte[] answers, int[] schoolStart, String[] schoolKey) {
    }

    /** Answers 1..5 (0 = missing, 5%), school effects, unequal school sizes. */
    static Data generate(SplittableRandom rnd) {
        int[] start = new int[SCHOOLS + 1];
        double[] w = new double[SCHOOLS];
        double sum = 0;
        for (int s = 0; s < SCHOOLS; s++) {
            w[s] = 0.2 + rnd.nextDouble() * 1.8;
            sum += w[s];
        }
        double acc = 0;
        for (int s = 0; s < SCHOOLS; s++) {
            start[s] = (int) Math.round(acc / sum * ROWS);
            acc += w[s];
        }
        start[SCHOOLS] = ROWS;
        String[] keys = new String[SCHOOLS];
        byte[] a = new byte[ROWS * ITEMS];
        for (int s = 0; s < SCHOOLS; s++) {
            keys[s] = "school-" + s;
            double effect = rnd.nextDouble() * 1.5 - 0.75;
            for (int r = start[s]; r < start[s + 1]; r++) {
                double person = rnd.nextDouble() * 2 - 1;
                for (int j = 0; j < ITEMS; j++) {
                    if (rnd.nextInt(20) == 0) {
                        continue; // missing
                    }
                    int v = (int) Math.round(3 + effect + person + rnd.nextInt(3) - 1);
                    a[r * ITEMS + j] = (byte) Math.max(1, Math.min(5, v));
                }
            }
        }
        return new Data(a, start, keys);
    }

    record Result(int shown, int suppressed, double checksum) {
    }

    static Result run(Data data, List<ScaleDefinition> scales, int threads) throws Exception {
        // split the schools into contiguous ranges, one per thread
        List<List<ScaleAccumulator>> parts = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<ScaleAccumulator>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int fromSchool = SCHOOLS * t / threads;
                int toSchool = SCHOOLS * (t + 1) / threads;
                futures.add(pool.submit(() -> feed(data, scales, fromSchool, toSchool)));
            }
            for (Future<List<ScaleAccumulator>> f : futures) {
                parts.add(f.get());
            }
        }
        List<ScaleAccumulator> merged = parts.get(0);
        for (int t = 1; t < parts.size(); t++) {
            for (int s = 0; s < scales.size(); s++) {
                merged.get(s).combine(parts.get(t).get(s));
            }
        }
        int shown = 0;
        int suppressed = 0;
        double check = 0;
        for (ScaleAccumulator acc : merged) {
            ScaleReport rep = acc.report();
            Map<String, Double> means = new LinkedHashMap<>();
            for (Map.Entry<String, Suppressible<GroupScaleResult>> e : rep.groups().entrySet()) {
                if (e.getValue() instanceof Suppressible.Shown<GroupScaleResult>(GroupScaleResult g)) {
                    shown++;
                    means.put(e.getKey(), g.score().mean());
                    check += g.reliability().orElseThrow().alpha() + g.agreement().orElseThrow().rwgJ();
                } else {
                    suppressed++;
                }
            }
            check += rep.icc().orElseThrow().icc1();
            check += Norms.of(means).values().iterator().next().percentileRank();
        }
        return new Result(shown, suppressed, check);
    }

    static List<ScaleAccumulator> feed(Data data, List<ScaleDefinition> scales, int fromSchool, int toSchool) {
        List<ScaleAccumulator> accs = new ArrayList<>();
        for (ScaleDefinition s : scales) {
            accs.add(new ScaleAccumulator(s, SuppressionPolicy.DEFAULT));
        }
        ScaleAccumulator[] arr = accs.toArray(new ScaleAccumulator[0]);
        double[] row = new double[ITEMS];
        byte[] a = data.answers();
        for (int s = fromSchool; s < toSchool; s++) {
            String key = data.schoolKey()[s];
            for (int r = data.schoolStart()[s]; r < data.schoolStart()[s + 1]; r++) {
                int base = r * ITEMS;
                for (int j = 0; j < ITEMS; j++) {
                    byte v = a[base + j];
                    row[j] = v == 0 ? Double.NaN : v;
                }
                for (ScaleAccumulator acc : arr) {
                    acc.add(key, row);
                }
            }
        }
        return accs;
    }
}
