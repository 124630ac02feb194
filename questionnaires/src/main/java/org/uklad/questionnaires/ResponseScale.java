package org.uklad.questionnaires;

import java.util.List;

/**
 * A named response scale for Likert-type items.
 *
 * @param id         name referenced by items
 * @param points     the points in display order, values strictly increasing
 * @param favourable values counted as "favourable" in percent-favourable reporting (top categories)
 * @param display    how a page draws it: {@code "buttons"} (default) or {@code "faces"} (young students)
 */
public record ResponseScale(String id, List<ScalePoint> points, List<Integer> favourable, String display) {

    public ResponseScale {
        points = List.copyOf(points);
        favourable = List.copyOf(favourable);
    }

    public int min() {
        return points.getFirst().value();
    }

    public int max() {
        return points.getLast().value();
    }

    public boolean hasValue(int value) {
        return points.stream().anyMatch(p -> p.value() == value);
    }
}
