package org.uklad.analysis.cluster;

import java.util.Map;

/**
 * Clustering of schools' profiles.
 *
 * @param k the chosen number of clusters
 * @param labels cluster (0-based) of each school, keys in ascending order
 * @param centers cluster centres in standardized units, {@code centers[c][j]}
 * @param silhouette per-school silhouette width in the chosen clustering
 * @param meanSilhouetteByK mean silhouette width of the best clustering for each tried k
 * @param withinSumOfSquares total within-cluster sum of squares of the chosen clustering
 */
public record ClusteringResult(
        int k,
        Map<String, Integer> labels,
        double[][] centers,
        Map<String, Double> silhouette,
        Map<Integer, Double> meanSilhouetteByK,
        double withinSumOfSquares) {

    public ClusteringResult {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
        silhouette = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(silhouette));
        meanSilhouetteByK = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(meanSilhouetteByK));
        double[][] c = new double[centers.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = centers[i].clone();
        }
        centers = c;
    }

    @Override
    public double[][] centers() {
        double[][] c = new double[centers.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = centers[i].clone();
        }
        return c;
    }
}
