/**
 * School-climate statistics on plain numbers: scale scores and group statistics, reliability,
 * within-group agreement, comparisons, norms, clustering and social context, each verified against
 * the R packages {@code psych}, {@code multilevel} and base R. Small groups are never reported:
 * see {@link org.uklad.analysis.Suppressible} and {@link org.uklad.analysis.SuppressionPolicy}.
 * The streaming entry point is {@link org.uklad.analysis.scale.ScaleAccumulator}.
 */
package org.uklad.analysis;
