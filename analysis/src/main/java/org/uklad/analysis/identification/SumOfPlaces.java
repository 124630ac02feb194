package org.uklad.analysis.identification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeds' sum-of-places ranking ("рейтинг предметов по сумме мест", seed 000) of the schools of
 * one group (a municipality or the region) in one year.
 *
 * <p><b>Places.</b> In each listed subject (an assessment and a subject, e.g. "ОГЭ · математика")
 * the schools that have a mean score in it are placed by that mean, the best (highest) first:
 * place 1. Schools with equal means share the mean of the places they occupy, as R
 * {@code rank(-x, ties.method = "average")}. A subject is ranked among the schools that have it.
 *
 * <p><b>Sum.</b> A school with all {@code n} listed subjects gets the plain sum of its places. A
 * school with only {@code k < n} of them (a subject it did not sit) is ranked on the subjects it
 * has, and its sum is put on the same footing as the others' by its <em>mean place × n</em>:
 * {@code S = (Σ places / k) · n}. The standing keeps {@code k} and {@code n}, so the page says
 * "ranked on k of n subjects". A school with none of the listed subjects is not ranked.
 *
 * <p><b>Percentile.</b> The sums are ranked again within the group (smallest sum = best, ties
 * averaged) and the school's percentile is the Hazen mid-rank percentile
 * {@code P = 100 · (rank(S) − 0.5) / N}, {@code N} the ranked schools: low is good. It is symmetric,
 * so "top q %" is {@code P ≤ q} and "bottom q %" is {@code P ≥ 100 − q}; in a group of 8 the
 * percentiles are 6.25, 18.75, …, 93.75. In R:
 * {@code P <- 100 * (rank(S) - 0.5) / length(S)}.
 */
public final class SumOfPlaces {

    /**
     * One school's standing in its group and year.
     *
     * @param places      subject → place (1 = best), only the subjects it has
     * @param ranked      k: how many of the listed subjects it was ranked on
     * @param listed      n: how many subjects are listed
     * @param sum         the sum of places, scaled to n subjects when k &lt; n
     * @param percentile  Hazen percentile of the sum in the group, 0–100, low = good
     */
    public record Standing(String school, Map<String, Double> places, int ranked, int listed, double sum,
                           double percentile) {

        /** Whether the school was ranked on fewer than all listed subjects. */
        public boolean partial() {
            return ranked < listed;
        }
    }

    private SumOfPlaces() {
    }

    /**
     * Ranks the schools of one group and year.
     *
     * @param means    school → subject → mean score (NaN or absent = the school did not sit it)
     * @param subjects the listed subjects, in the order to report them
     * @return each ranked school's standing, in the order of {@code means}
     */
    public static List<Standing> rank(Map<String, Map<String, Double>> means, List<String> subjects) {
        Map<String, Map<String, Double>> places = new LinkedHashMap<>();
        means.keySet().forEach(s -> places.put(s, new LinkedHashMap<>()));
        for (String subject : subjects) {
            List<String> having = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            means.forEach((school, m) -> {
                Double v = m.get(subject);
                if (v != null && !Double.isNaN(v)) {
                    having.add(school);
                    values.add(-v); // the highest mean gets place 1
                }
            });
            double[] r = averageRanks(values.stream().mapToDouble(Double::doubleValue).toArray());
            for (int i = 0; i < having.size(); i++) {
                places.get(having.get(i)).put(subject, r[i]);
            }
        }
        List<String> ranked = places.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey)
                .toList();
        int n = subjects.size();
        double[] sums = new double[ranked.size()];
        for (int i = 0; i < sums.length; i++) {
            Map<String, Double> p = places.get(ranked.get(i));
            double total = p.values().stream().mapToDouble(Double::doubleValue).sum();
            sums[i] = p.size() == n ? total : total / p.size() * n;
        }
        double[] sumRanks = averageRanks(sums);
        List<Standing> out = new ArrayList<>();
        for (int i = 0; i < sums.length; i++) {
            String school = ranked.get(i);
            out.add(new Standing(school, Map.copyOf(places.get(school)), places.get(school).size(), n, sums[i],
                    100 * (sumRanks[i] - 0.5) / sums.length));
        }
        return out;
    }

    /** Ascending mid-ranks of {@code x}, ties averaged, as R {@code rank(x, ties.method = "average")}. */
    public static double[] averageRanks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double mid = (i + j + 2) / 2.0;
            for (int q = i; q <= j; q++) {
                r[order[q]] = mid;
            }
            i = j + 1;
        }
        return r;
    }
}
