package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.analysis.SuppressionPolicy;

/** The small-group rule on its own: which groups keep their label, and how the rest are merged. */
class SmallGroupsTest {

    final SmallGroups rule = new SmallGroups(new SuppressionPolicy(5));

    /** Rows named {@code label:i}, so the merged list shows where each row came from. */
    static Map<String, List<String>> groups(Object... labelAndSize) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < labelAndSize.length; i += 2) {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < (int) labelAndSize[i + 1]; r++) {
                rows.add(labelAndSize[i] + ":" + r);
            }
            out.put((String) labelAndSize[i], rows);
        }
        return out;
    }

    static Map<String, Integer> sizes(Map<String, List<String>> merged) {
        Map<String, Integer> out = new LinkedHashMap<>();
        merged.forEach((label, rows) -> out.put(label, rows.size()));
        return out;
    }

    @Test
    void groupsOfAtLeastKKeepTheirLabelsInTheirOrder() {
        assertThat(sizes(rule.merge(groups("7Б", 6, "8В", 5), Comparator.naturalOrder())))
                .containsExactly(Map.entry("7Б", 6), Map.entry("8В", 5));
        assertThat(rule.merge(groups(), Comparator.naturalOrder())).isEmpty();
    }

    @Test
    void smallGroupsAreMergedAndTheirRowsPutInTheGivenOrder() {
        Map<String, List<String>> merged = rule.merge(groups("7Б", 6, "Иванов Пётр 7А", 1, "9Г", 2, "5А", 2),
                Comparator.reverseOrder());
        assertThat(sizes(merged)).containsExactly(Map.entry("7Б", 6), Map.entry(SmallGroups.OTHER_GROUPS, 5));
        assertThat(merged.get(SmallGroups.OTHER_GROUPS)).isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void whenTheMergedGroupsAreStillFewerThanKTheSmallestNamedGroupJoinsThem() {
        assertThat(sizes(rule.merge(groups("7Б", 7, "8В", 5, "Иванов Пётр 7А", 1, "6А", 6), Comparator.naturalOrder())))
                .containsExactly(Map.entry("7Б", 7), Map.entry("6А", 6), Map.entry(SmallGroups.OTHER_GROUPS, 6));
        // a school with fewer than k answers in all: nothing is left to name
        assertThat(sizes(rule.merge(groups("7Б", 2, "8В", 1), Comparator.naturalOrder())))
                .containsExactly(Map.entry(SmallGroups.OTHER_GROUPS, 3));
    }

    @Test
    void aGroupThatCallsItselfOtherGroupsNeverStandsApart() {
        assertThat(sizes(rule.merge(groups("(Other Groups)", 9, "7Б", 5, "8В", 1), Comparator.naturalOrder())))
                .containsExactly(Map.entry("7Б", 5), Map.entry(SmallGroups.OTHER_GROUPS, 10));
    }

    @Test
    void codesNeedAGroupOfKnownSizeOfAtLeastK() {
        assertThat(rule.admitsCodesFor(null)).isFalse();
        assertThat(rule.admitsCodesFor(4)).isFalse();
        assertThat(rule.admitsCodesFor(5)).isTrue();
        assertThat(new SmallGroups(new SuppressionPolicy(10)).admitsCodesFor(9)).isFalse();
        assertThat(SmallGroups.isReserved(" (other groups) ")).isTrue();
        assertThat(SmallGroups.isReserved("other groups 7Б")).isFalse();
    }
}
