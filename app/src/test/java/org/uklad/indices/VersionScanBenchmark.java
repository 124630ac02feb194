package org.uklad.indices;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.QuestionnaireParser;
import org.uklad.questionnaires.SourceFile;

/**
 * What a replica's read of a live wave costs in memory and time once one school has published,
 * against the number of schools (issue #21, "flat"), with no database: a benchmark, not a test
 * (no timing is asserted anywhere). In this package because {@link VersionScan} is package-private.
 *
 * <p>Per size, the 40-item questionnaire of the indices benchmarks ({@code bench5x8}: five level
 * constructs × eight agree4 items) gets synthetic states, one per school, made the way publishing
 * makes them ({@link VersionScan#add} then {@link VersionScan#state}): 30 responses per school
 * (every tenth school 3, so suppressed), answers {@code round(2.5 + school effect + noise)} in 1..4
 * with 5 % missing. A kept scan is filled from the states ({@link VersionScan#replace}) and read once,
 * as {@link WaveStatistics} does; then per round one random school's state is replaced by another
 * one (its next state) and the read is timed: {@link VersionScan#result} and {@link VersionScan#compact},
 * exactly what {@code WaveStatistics.load} does after taking the states written since. Medians
 * and 90th percentiles of the rounds after a warm-up, and the kept scan's live heap per school
 * (with its last result) after the first read and after the rounds.
 *
 * <p>Arguments: {@code [rounds] [schools...]}, default {@code 400 1000 10000 40000}. Run with
 * {@code -Xmx3g} (see BENCHMARKS.md, "National scale", "Patched reads").
 */
public final class VersionScanBenchmark {

    static final int RESPONSES = 30;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int[] sizes = args.length > 1 ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1000, 10_000, 40_000};
        VersionPlan plan = plan();
        SuppressionPolicy policy = SuppressionPolicy.DEFAULT;
        System.out.printf("%-8s %10s %10s %10s %14s %14s%n", "schools", "read p50", "read p90", "first read", "heap/school",
                "after rounds");
        for (int size : sizes) {
            Random random = new Random(size);
            List<Long> ids = new ArrayList<>();
            byte[][] states = new byte[size][];
            byte[][] next = new byte[size][];
            for (int s = 0; s < size; s++) {
                ids.add(1_000L + 3L * s);
                int n = s % 10 == 9 ? 3 : RESPONSES;
                states[s] = state(plan, policy, ids.get(s), n, random);
                next[s] = state(plan, policy, ids.get(s), n + 5, random);
            }
            List<Long> codes = List.copyOf(ids);
            long heapBefore = usedHeap();
            VersionScan scan = new VersionScan(plan, policy);
            for (int s = 0; s < size; s++) {
                scan.replace(Long.toString(ids.get(s)), states[s]);
            }
            long t0 = System.nanoTime();
            QuestionnaireIndices kept = scan.result(codes, new PersonScores());
            scan.compact();
            long first = System.nanoTime() - t0;
            long heap = usedHeap() - heapBefore;
            if (kept.constructs().isEmpty()) {
                throw new IllegalStateException("nothing scored");
            }
            int warmUp = Math.max(50, rounds / 4);
            long[] times = new long[rounds];
            for (int r = -warmUp; r < rounds; r++) {
                int s = random.nextInt(size);
                byte[] state = next[s];
                next[s] = states[s];
                states[s] = state;
                long t = System.nanoTime();
                scan.replace(Long.toString(ids.get(s)), state);
                QuestionnaireIndices read = scan.result(codes, new PersonScores());
                scan.compact();
                long took = System.nanoTime() - t;
                if (r >= 0) {
                    times[r] = took;
                }
                kept = read;
            }
            Arrays.sort(times);
            long heapAfter = usedHeap() - heapBefore;
            System.out.printf("%-8d %8.3f ms %7.3f ms %7.1f ms %11.1f kB %11.1f kB%n", size, times[rounds / 2] / 1e6,
                    times[rounds * 9 / 10] / 1e6, first / 1e6, heap / 1024.0 / size, heapAfter / 1024.0 / size);
            if (scan.schools().size() != size) {
                throw new IllegalStateException("the kept scan lost a school"); // and keeps it reachable above
            }
            if (kept.constructs().getFirst().schools().size() != size) {
                throw new IllegalStateException("a school went missing");
            }
        }
    }

    /** The bench questionnaire's plan ({@code IndicesBenchmark}'s {@code bench5x8}), parsed against the bundled catalogue. */
    static VersionPlan plan() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                key: bench5x8
                title: {ru: "Нагрузочная анкета", en: "Load test questionnaire"}
                intro: {ru: "Анонимно.", en: "Anonymous."}
                respondent: student
                sections:
                  - id: all
                    items:
                """);
        List<String> constructs = List.of("teacher_demandingness", "awareness_of_requirements", "comfort", "engagement",
                "family_partnership");
        for (int q = 1; q <= 8 * constructs.size(); q++) {
            yaml.append("      - {id: q").append(q).append(", type: likert, scale: agree4, construct: ")
                    .append(constructs.get((q - 1) / 8)).append(", text: {ru: \"У").append(q).append("\", en: \"S")
                    .append(q).append("\"}}\n");
        }
        return VersionPlan.of(new LoadedQuestionnaire(1, "bench5x8", 1, QuestionnaireParser.parse(
                new SourceFile("instruments/bench5x8.yaml", yaml.toString()), Instruments.bundledCatalogue())));
    }

    /** One school's state of {@code n} synthetic responses, as publishing writes it. */
    static byte[] state(VersionPlan plan, SuppressionPolicy policy, long school, int n, Random random) {
        VersionScan one = new VersionScan(plan, policy);
        String key = Long.toString(school);
        double effect = (random.nextDouble() - 0.5);
        double[] row = new double[plan.columns().size()];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = random.nextDouble() < 0.05 ? Double.NaN
                        : Math.max(1, Math.min(4, Math.round(2.5 + effect + (random.nextDouble() - 0.5) * 3)));
            }
            one.add(key, row);
        }
        return one.state(key);
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
