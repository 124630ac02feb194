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

    /** The face a faces scale draws for a point. */
    public enum Face { SAD, NEUTRAL, SMILING }

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

    /** The same points drawn another way (an item may override its scale's display). */
    public ResponseScale withDisplay(String otherDisplay) {
        return new ResponseScale(id, points, favourable, otherDisplay);
    }

    /**
     * The face drawn for the point at {@code index} (display order): sad for the low half, smiling
     * for the high half, neutral for the middle point of an odd-sized scale.
     */
    public Face face(int index) {
        int twice = 2 * index;
        int last = points.size() - 1;
        return twice < last ? Face.SAD : twice == last ? Face.NEUTRAL : Face.SMILING;
    }

    /** Whether the smiling faces fall on exactly the favourable points, the only way faces are allowed. */
    public boolean smilesOnFavourable() {
        for (int i = 0; i < points.size(); i++) {
            if ((face(i) == Face.SMILING) != favourable.contains(points.get(i).value())) {
                return false;
            }
        }
        return true;
    }
}
