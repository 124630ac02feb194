package org.uklad.analysis.context;

import java.util.LinkedHashMap;
import java.util.Map;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.SuppressionPolicy;

/**
 * The codebook's family context index of schools, from the parents' coded context items
 * (parents' education, books at home, employment; whole-number codes increasing with resources).
 *
 * <p><b>Family.</b> Each coded item {@code j} with lowest code {@code L_j} and highest code
 * {@code H_j} is rescaled to 0–1: {@code r_j = (x_j − L_j) / (H_j − L_j)}; an unanswered item
 * (and "prefer not to say") is missing. The family's index is the mean of its rescaled answered
 * items, {@code F = (1/J') Σ r_j}, when it answered at least two thirds of the {@code J} items,
 * rounded up ({@link #minAnswered}: 2 of 3); otherwise the family is not counted.
 *
 * <p><b>School.</b> With {@code n} counted families, the school's index is their mean
 * {@code C = (1/n) Σ F_i} (0 = fewest resources, 1 = most) and the <em>share of families in the
 * bottom third</em> is {@code B = #{i : F_i < 1/3} / n}: a family is in the bottom third when its
 * index is strictly below one third of the range (a family exactly at 1/3 is not; the comparison
 * allows {@value #TOLERANCE} for rounding, so that e.g. (0 + ½ + ½)/3 counts as exactly 1/3). The
 * bottom third is of the index's range, not a tertile of the families: a school can have none or
 * all of its families there. In R, with {@code R} the matrix of rescaled items:
 * {@code ok <- rowSums(!is.na(R)) >= 2; f <- rowMeans(R[ok, ], na.rm = TRUE)}, then per school
 * {@code mean(f)} and {@code mean(f < 1/3 - 1e-9)}.
 *
 * <p><b>Edge cases.</b> A school with fewer counted families than the minimum group size is
 * suppressed (no index, no share, no count). A school with rows but no counted family is absent.
 * An item with {@code H_j ≤ L_j} is rejected by the constructor; a code outside {@code [L_j, H_j]}
 * is rejected by {@link #add}. Memory: three numbers per school.
 *
 * <p>The index describes the conditions a school works in; it is never a rating of the school.
 * Unlike a PISA-style ESCS index (OECD, <i>PISA 2015 Technical Report</i>, 2017, ch. 16) it is
 * not standardized over the schools of a wave, so it keeps its meaning from wave to wave and
 * school to school: 0.6 means the same families' resources everywhere.
 *
 * <p>Reference: the codebook, {@code questionnaires/README.md}, section "Context".
 */
public final class FamilyContextIndex {

    /** A family whose index is below this (one third of the 0–1 range) is in the bottom third. */
    public static final double BOTTOM_THIRD = 1.0 / 3;
    /** Rounding allowance of the bottom-third comparison. */
    public static final double TOLERANCE = 1e-9;

    private final double[] lowest;
    private final double[] highest;
    private final int needed;
    private final SuppressionPolicy policy;
    // per school: [families, sum of family indices, families in the bottom third]
    private final Map<String, double[]> schools = new LinkedHashMap<>();

    /**
     * @param lowest  per item, the lowest code (fewest resources)
     * @param highest per item, the highest code (most resources)
     * @throws IllegalArgumentException when the arrays differ in length, are empty, or an item's
     *     highest code is not above its lowest
     */
    public FamilyContextIndex(double[] lowest, double[] highest, SuppressionPolicy policy) {
        if (lowest.length != highest.length || lowest.length == 0) {
            throw new IllegalArgumentException("need the same positive number of lowest and highest codes");
        }
        for (int j = 0; j < lowest.length; j++) {
            if (!(highest[j] > lowest[j])) {
                throw new IllegalArgumentException("item " + j + ": highest code must be above the lowest");
            }
        }
        this.lowest = lowest.clone();
        this.highest = highest.clone();
        this.needed = minAnswered(lowest.length);
        this.policy = policy;
    }

    /** The least number of coded items a family must answer: two thirds of {@code items}, rounded up. */
    public static int minAnswered(int items) {
        return (int) Math.ceil(items * 2 / 3.0 - 1e-9);
    }

    /**
     * One family's index.
     *
     * @param codes per item, the answered code or NaN when missing
     * @return the mean rescaled code, or NaN when fewer than {@link #minAnswered} items are answered
     * @throws IllegalArgumentException for a code outside its item's range
     */
    public double family(double[] codes) {
        if (codes.length != lowest.length) {
            throw new IllegalArgumentException("expected " + lowest.length + " codes, got " + codes.length);
        }
        double sum = 0;
        int answered = 0;
        for (int j = 0; j < codes.length; j++) {
            double x = codes[j];
            if (Double.isNaN(x)) {
                continue;
            }
            if (x < lowest[j] || x > highest[j]) {
                throw new IllegalArgumentException("item " + j + ": code " + x + " outside " + lowest[j] + ".." + highest[j]);
            }
            sum += (x - lowest[j]) / (highest[j] - lowest[j]);
            answered++;
        }
        return answered >= needed ? sum / answered : Double.NaN;
    }

    /** Whether a family index is in the bottom third (strictly below 1/3, see the class comment). */
    public static boolean inBottomThird(double familyIndex) {
        return familyIndex < BOTTOM_THIRD - TOLERANCE;
    }

    /**
     * Adds one family of {@code school}; a family with too few answered items is not counted.
     *
     * @param codes per item, the answered code or NaN
     */
    public void add(String school, double[] codes) {
        double f = family(codes);
        if (Double.isNaN(f)) {
            return;
        }
        double[] s = schools.computeIfAbsent(school, k -> new double[3]);
        s[0]++;
        s[1] += f;
        if (inBottomThird(f)) {
            s[2]++;
        }
    }

    /** @return each school with a counted family: its index and bottom-third share, suppressed when small */
    public Map<String, Suppressible<SchoolContext>> schools() {
        Map<String, Suppressible<SchoolContext>> out = new LinkedHashMap<>();
        schools.forEach((school, s) -> out.put(school,
                policy.apply((long) s[0], () -> new SchoolContext((long) s[0], s[1] / s[0], s[2] / s[0]))));
        return out;
    }

    /**
     * A school's context.
     *
     * @param families         counted families (at least two thirds of the items answered)
     * @param index            mean family index, 0–1
     * @param bottomThirdShare share of the counted families whose index is below 1/3, 0–1
     */
    public record SchoolContext(long families, double index, double bottomThirdShare) {}
}
