package org.uklad.analysis.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * k-means++ clustering of schools' standardized index profiles, with k chosen by the mean
 * silhouette width.
 *
 * <ol>
 *   <li>Each index (column) is standardized over the schools: {@code z = (x − x̄)/s}, sample SD
 *       (R {@code scale}); a constant column becomes 0.
 *   <li>For each {@code k} in {@code 2..min(6, n−1)}: {@code restarts} runs of k-means++ seeding
 *       (Arthur &amp; Vassilvitskii, 2007: first centre uniform, each next centre with probability
 *       proportional to the squared distance to the nearest chosen centre) followed by Lloyd
 *       iterations until no assignment changes; the run with the least total within-cluster sum of
 *       squares is kept.
 *   <li>The silhouette width of school {@code i} (Rousseeuw, 1987) is
 *       {@code s(i) = (b − a)/max(a, b)}, {@code a} the mean Euclidean distance to the other
 *       members of its cluster, {@code b} the least mean distance to another cluster; {@code s = 0}
 *       for a singleton cluster (as R {@code cluster::silhouette}). The {@code k} with the largest
 *       mean silhouette wins (the smaller {@code k} on a tie).
 * </ol>
 *
 * <p>Deterministic given the seed: schools are processed in ascending key order and all random
 * draws come from one {@link SplittableRandom}. Profiles with a NaN are not accepted.
 *
 * <p>References: Arthur, D. &amp; Vassilvitskii, S. (2007). k-means++: the advantages of careful
 * seeding. <i>SODA</i>. Rousseeuw, P. J. (1987). Silhouettes. <i>J. Comput. Appl. Math.</i> 20.
 */
public final class SchoolClustering {

    /** Smallest k tried. */
    public static final int MIN_K = 2;
    /** Largest k tried. */
    public static final int MAX_K = 6;

    private SchoolClustering() {
    }

    /** Clusters with 20 restarts per k. */
    public static ClusteringResult cluster(Map<String, double[]> profiles, long seed) {
        return cluster(profiles, seed, 20);
    }

    /**
     * @param profiles each school's index profile (same length, no NaN); at least 3 schools
     * @param seed random seed
     * @param restarts k-means++ runs per k
     */
    public static ClusteringResult cluster(Map<String, double[]> profiles, long seed, int restarts) {
        TreeMap<String, double[]> sorted = new TreeMap<>(profiles);
        int n = sorted.size();
        if (n < 3) {
            throw new IllegalArgumentException("need at least 3 schools to cluster");
        }
        List<String> keys = new ArrayList<>(sorted.keySet());
        double[][] x = standardize(sorted.values().toArray(new double[0][]));
        double[][] dist = distances(x);
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<Integer, Double> meanSil = new HashMap<>();
        int bestK = -1;
        double bestSil = Double.NEGATIVE_INFINITY;
        int[] bestLabels = null;
        double[][] bestCenters = null;
        double[] bestWidths = null;
        double bestWss = Double.NaN;
        for (int k = MIN_K; k <= Math.min(MAX_K, n - 1); k++) {
            int[] labels = null;
            double[][] centers = null;
            double wss = Double.POSITIVE_INFINITY;
            for (int r = 0; r < restarts; r++) {
                int[] l = new int[n];
                double[][] c = lloyd(x, seedPlusPlus(x, k, rnd), l);
                double w = withinSs(x, c, l);
                if (w < wss - 1e-12) {
                    wss = w;
                    labels = l;
                    centers = c;
                }
            }
            double[] widths = silhouette(dist, labels, k);
            double mean = java.util.Arrays.stream(widths).average().orElse(Double.NaN);
            meanSil.put(k, mean);
            if (mean > bestSil + 1e-12) {
                bestSil = mean;
                bestK = k;
                bestLabels = labels;
                bestCenters = centers;
                bestWidths = widths;
                bestWss = wss;
            }
        }
        Map<String, Integer> lab = new LinkedHashMap<>();
        Map<String, Double> sil = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            lab.put(keys.get(i), bestLabels[i]);
            sil.put(keys.get(i), bestWidths[i]);
        }
        return new ClusteringResult(bestK, lab, bestCenters, sil, meanSil, bestWss);
    }

    /** Column-wise z-scores (sample SD); a constant column becomes 0. */
    static double[][] standardize(double[][] raw) {
        int n = raw.length;
        int p = raw[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] row : raw) {
                if (row.length != p || Double.isNaN(row[j])) {
                    throw new IllegalArgumentException("profiles must have equal length and no NaN");
                }
                m += row[j];
            }
            m /= n;
            double ss = 0;
            for (double[] row : raw) {
                ss += (row[j] - m) * (row[j] - m);
            }
            double sd = Math.sqrt(ss / (n - 1));
            for (int i = 0; i < n; i++) {
                z[i][j] = sd > 0 ? (raw[i][j] - m) / sd : 0;
            }
        }
        return z;
    }

    private static double sq(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            s += d * d;
        }
        return s;
    }

    private static double[][] seedPlusPlus(double[][] x, int k, SplittableRandom rnd) {
        int n = x.length;
        double[][] c = new double[k][];
        c[0] = x[rnd.nextInt(n)].clone();
        double[] d2 = new double[n];
        for (int i = 0; i < n; i++) {
            d2[i] = sq(x[i], c[0]);
        }
        for (int m = 1; m < k; m++) {
            double total = 0;
            for (double v : d2) {
                total += v;
            }
            int pick;
            if (total <= 0) {
                pick = rnd.nextInt(n);
            } else {
                double u = rnd.nextDouble() * total;
                pick = n - 1;
                double cum = 0;
                for (int i = 0; i < n; i++) {
                    cum += d2[i];
                    if (cum > u) {
                        pick = i;
                        break;
                    }
                }
            }
            c[m] = x[pick].clone();
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], sq(x[i], c[m]));
            }
        }
        return c;
    }

    private static double[][] lloyd(double[][] x, double[][] c, int[] labels) {
        int n = x.length;
        int k = c.length;
        int p = x[0].length;
        java.util.Arrays.fill(labels, -1);
        for (int iter = 0; iter < 1000; iter++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int m = 0; m < k; m++) {
                    double d = sq(x[i], c[m]);
                    if (d < bd) {
                        bd = d;
                        best = m;
                    }
                }
                if (labels[i] != best) {
                    labels[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] nc = new double[k][p];
            int[] size = new int[k];
            for (int i = 0; i < n; i++) {
                size[labels[i]]++;
                for (int j = 0; j < p; j++) {
                    nc[labels[i]][j] += x[i][j];
                }
            }
            for (int m = 0; m < k; m++) {
                if (size[m] == 0) {
                    // empty cluster: move its centre to the point farthest from its own centre
                    int far = 0;
                    double fd = -1;
                    for (int i = 0; i < n; i++) {
                        double d = sq(x[i], c[labels[i]]);
                        if (d > fd) {
                            fd = d;
                            far = i;
                        }
                    }
                    nc[m] = x[far].clone();
                } else {
                    for (int j = 0; j < p; j++) {
                        nc[m][j] /= size[m];
                    }
                }
            }
            c = nc;
        }
        return c;
    }

    private static double withinSs(double[][] x, double[][] c, int[] labels) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += sq(x[i], c[labels[i]]);
        }
        return s;
    }

    private static double[][] distances(double[][] x) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[i][j] = Math.sqrt(sq(x[i], x[j]));
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    /**
     * Silhouette widths for a labelling, as R {@code cluster::silhouette(labels, dist(x))}.
     *
     * @param dist symmetric distance matrix
     * @param labels cluster of each point, {@code 0..k−1}
     */
    public static double[] silhouette(double[][] dist, int[] labels, int k) {
        int n = labels.length;
        int[] size = new int[k];
        for (int l : labels) {
            size[l]++;
        }
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            double[] sum = new double[k];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sum[labels[j]] += dist[i][j];
                }
            }
            int own = labels[i];
            if (size[own] == 1) {
                s[i] = 0;
                continue;
            }
            double a = sum[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int m = 0; m < k; m++) {
                if (m != own && size[m] > 0) {
                    b = Math.min(b, sum[m] / size[m]);
                }
            }
            double mx = Math.max(a, b);
            s[i] = mx > 0 ? (b - a) / mx : 0;
        }
        return s;
    }
}
