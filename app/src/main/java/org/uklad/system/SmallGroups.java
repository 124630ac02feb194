package org.uklad.system;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.analysis.SuppressionPolicy;

/**
 * Access codes are for groups, never for a person, and a group label never points at fewer than k
 * respondents (k = {@code uklad.indices.min-group-size}). The one rule for issuing codes and for
 * every output that breaks results down by group (the responses CSV): a group expected to be
 * smaller than k gets no codes, and groups with fewer than k responses in an output are shown
 * together as {@link #OTHER_GROUPS}. Counts of responses per group (monitoring) are not results
 * and keep their groups.
 */
@Singleton
public class SmallGroups {

    /**
     * The label of the merged small groups: the same in every language, so analysis scripts can rely
     * on it, and refused as the label of new codes, so it never names a real group.
     */
    public static final String OTHER_GROUPS = "(other groups)";

    private final SuppressionPolicy policy;

    public SmallGroups(SuppressionPolicy policy) {
        this.policy = policy;
    }

    /** k: the fewest people a group may have, and the fewest responses a shown group label may stand for. */
    public int minGroupSize() {
        return policy.minGroupSize();
    }

    /** May codes be issued for a group expected to have this many people? Not when the size is unknown. */
    public boolean admitsCodesFor(@Nullable Integer expectedSize) {
        return expectedSize != null && policy.allows(expectedSize);
    }

    /** Is this label the marker of merged groups (so it cannot name a group of new codes)? */
    public static boolean isReserved(String label) {
        return label.strip().toLowerCase(Locale.ROOT).equals(OTHER_GROUPS);
    }

    /**
     * The groups of one output unit (e.g. one school in an export) as they may be shown: every group
     * with at least k rows under its own label, in the given order, then the rest under
     * {@link #OTHER_GROUPS}. When those together are still fewer than k, the smallest named group
     * joins them, as otherwise the per-group counts shown elsewhere would tell which single small
     * group "(other groups)" is. The merged rows are put in {@code order}, never group by group,
     * so their position does not tell their group either.
     */
    public <T> Map<String, List<T>> merge(Map<String, List<T>> byGroup, Comparator<? super T> order) {
        Map<String, List<T>> shown = new LinkedHashMap<>();
        List<T> others = new ArrayList<>();
        byGroup.forEach((label, rows) -> {
            if (policy.allows(rows.size()) && !isReserved(label)) {
                shown.put(label, rows);
            } else {
                others.addAll(rows);
            }
        });
        if (!others.isEmpty() && !policy.allows(others.size()) && !shown.isEmpty()) {
            // one named group is enough: it alone has at least k rows
            String smallest = shown.entrySet().stream().min(Comparator.comparingInt(e -> e.getValue().size()))
                    .orElseThrow().getKey();
            others.addAll(shown.remove(smallest));
        }
        if (!others.isEmpty()) {
            others.sort(order);
            shown.put(OTHER_GROUPS, others);
        }
        return shown;
    }
}
