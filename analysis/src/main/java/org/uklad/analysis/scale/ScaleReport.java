package org.uklad.analysis.scale;

import java.util.Map;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.agreement.Icc;

/**
 * Results of one scale over all groups of a data set.
 *
 * @param scale the scale
 * @param groups per-group results in first-seen order; a group with fewer scored persons than the
 *     minimum group size is suppressed
 * @param overall all groups pooled
 * @param icc ICC(1)/ICC(2) of person scores across all groups (a between-group statistic over
 *     all scored persons; suppressed when fewer than the minimum in total)
 */
public record ScaleReport(
        ScaleDefinition scale,
        Map<String, Suppressible<GroupScaleResult>> groups,
        Suppressible<GroupScaleResult> overall,
        Suppressible<Icc> icc) {

    public ScaleReport {
        groups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(groups));
    }
}
