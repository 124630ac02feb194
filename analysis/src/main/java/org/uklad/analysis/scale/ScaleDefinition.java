package org.uklad.analysis.scale;

import java.util.Arrays;
import java.util.Objects;

/**
 * A scale (construct) over Likert items of one response row.
 *
 * <p>Item values are integers {@code min..max} (the categories of the response format); missing
 * answers are {@code NaN}. A reverse-keyed item is recoded {@code x' = min + max − x} before any
 * statistic is computed. A person's scale score is the mean of the (recoded) answered items when
 * at least {@code minAnsweredShare} of the scale's items are answered, else missing. An answer is
 * <em>favourable</em> when its recoded value is at least {@code favourableFrom} (for a 1–5 scale
 * with {@code favourableFrom = 4}: "agree" and "strongly agree").
 *
 * @param name construct name, for reports
 * @param items positions of the scale's items in a response row (distinct, non-negative)
 * @param reversed for each item of {@code items}, whether it is reverse-keyed
 * @param min lowest category (e.g. 1)
 * @param max highest category (e.g. 5)
 * @param minAnsweredShare share of the items a person must answer to get a score, in (0, 1]
 * @param favourableFrom lowest recoded category counted as favourable, in {@code min..max}
 */
public record ScaleDefinition(
        String name, int[] items, boolean[] reversed, int min, int max, double minAnsweredShare, int favourableFrom) {

    /** The default share of items a person must answer to get a score: two thirds. */
    public static final double DEFAULT_MIN_ANSWERED_SHARE = 2.0 / 3.0;

    public ScaleDefinition {
        Objects.requireNonNull(name, "name");
        items = items.clone();
        reversed = reversed.clone();
        if (items.length == 0) {
            throw new IllegalArgumentException("a scale needs at least one item");
        }
        if (items.length != reversed.length) {
            throw new IllegalArgumentException("items and reversed differ in length");
        }
        if (Arrays.stream(items).anyMatch(i -> i < 0) || Arrays.stream(items).distinct().count() != items.length) {
            throw new IllegalArgumentException("item positions must be distinct and non-negative");
        }
        if (max <= min) {
            throw new IllegalArgumentException("max must exceed min");
        }
        if (max - min > 100) {
            throw new IllegalArgumentException("at most 101 categories");
        }
        if (!(minAnsweredShare > 0 && minAnsweredShare <= 1)) {
            throw new IllegalArgumentException("minAnsweredShare must be in (0, 1]");
        }
        if (favourableFrom < min || favourableFrom > max) {
            throw new IllegalArgumentException("favourableFrom must be within min..max");
        }
    }

    /**
     * A scale with the default answered share (2/3) whose favourable answers are the top two
     * categories.
     *
     * @param reversedItems positions (values of {@code items}) of the reverse-keyed items
     */
    public static ScaleDefinition of(String name, int[] items, int[] reversedItems, int min, int max) {
        boolean[] rev = new boolean[items.length];
        for (int r : reversedItems) {
            int pos = indexOf(items, r);
            if (pos < 0) {
                throw new IllegalArgumentException("reversed item " + r + " is not in the scale");
            }
            rev[pos] = true;
        }
        return new ScaleDefinition(name, items, rev, min, max, DEFAULT_MIN_ANSWERED_SHARE, max - 1);
    }

    /** @return a copy with another minimum answered share */
    public ScaleDefinition withMinAnsweredShare(double share) {
        return new ScaleDefinition(name, items, reversed, min, max, share, favourableFrom);
    }

    /** @return a copy with another favourable threshold */
    public ScaleDefinition withFavourableFrom(int from) {
        return new ScaleDefinition(name, items, reversed, min, max, minAnsweredShare, from);
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int[] items() {
        return items.clone();
    }

    @Override
    public boolean[] reversed() {
        return reversed.clone();
    }

    /** @return number of items J */
    public int size() {
        return items.length;
    }

    /** @return number of response categories A = max − min + 1 */
    public int categories() {
        return max - min + 1;
    }

    /**
     * The least number of answered items that gives a person a score: {@code ceil(share · J)}
     * (with a tolerance of 1e-9 so that 2/3 of 6 items is 4).
     */
    public int minAnswered() {
        return Math.max(1, (int) Math.ceil(minAnsweredShare * items.length - 1e-9));
    }

    /** Reverse keying: {@code min + max − x} for a reverse-keyed item, else {@code x}; NaN stays NaN. */
    public double recode(int itemPosition, double x) {
        return reversed[itemPosition] ? min + max - x : x;
    }

    /**
     * A person's scale score: the mean of the recoded answered items when at least
     * {@link #minAnswered()} items are answered, else NaN.
     *
     * @param row a full response row; the scale reads positions {@link #items()}
     */
    public double score(double[] row) {
        double sum = 0;
        int answered = 0;
        for (int j = 0; j < items.length; j++) {
            double x = row[items[j]];
            if (!Double.isNaN(x)) {
                sum += recode(j, x);
                answered++;
            }
        }
        return answered >= minAnswered() ? sum / answered : Double.NaN;
    }

    /** Rescales a score to 0–100: {@code 100 · (s − min) / (max − min)}. */
    public double rescale(double score) {
        return 100.0 * (score - min) / (max - min);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaleDefinition s && name.equals(s.name) && Arrays.equals(items, s.items)
                && Arrays.equals(reversed, s.reversed) && min == s.min && max == s.max
                && minAnsweredShare == s.minAnsweredShare && favourableFrom == s.favourableFrom;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(items), Arrays.hashCode(reversed), min, max, minAnsweredShare,
                favourableFrom);
    }

    @Override
    public String toString() {
        return "ScaleDefinition[" + name + ", items=" + Arrays.toString(items) + ", reversed="
                + Arrays.toString(reversed) + ", " + min + ".." + max + "]";
    }
}
