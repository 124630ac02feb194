package org.uklad.indices;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list that is changed by making a new one: {@link #with} copies only the chunks of
 * {@value #CHUNK} elements that hold a changed position (and the table of chunks), and shares the
 * rest with the list it came from. A kept live scan ({@link VersionScan}) patches its last result
 * with it, so replacing one school's entry in a list of 40,000 copies a few hundred references,
 * while every reader of the old list keeps seeing the old list. Nulls are allowed.
 *
 * <p>The school entries {@link VersionScan} makes are in ascending school id ({@link
 * ConstructIndex#entryOf} relies on that to find one by binary search).
 */
final class ChunkedList<E> extends AbstractList<E> implements RandomAccess {

    private static final int SHIFT = 7;
    static final int CHUNK = 1 << SHIFT;

    private final Object[][] chunks;
    private final int size;

    private ChunkedList(Object[][] chunks, int size) {
        this.chunks = chunks;
        this.size = size;
    }

    /** A list of these elements (copied). */
    static <E> ChunkedList<E> of(E[] elements) {
        int n = elements.length;
        Object[][] chunks = new Object[(n + CHUNK - 1) >>> SHIFT][];
        for (int c = 0; c < chunks.length; c++) {
            chunks[c] = Arrays.copyOfRange(elements, c << SHIFT, Math.min(n, (c + 1) << SHIFT), Object[].class);
        }
        return new ChunkedList<>(chunks, n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (E) chunks[index >>> SHIFT][index & (CHUNK - 1)];
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * This list with {@code values[i]} at {@code positions[i]} (positions ascending), this list
     * itself untouched: only the chunks holding a position are copied.
     */
    ChunkedList<E> with(int[] positions, List<? extends E> values) {
        if (positions.length == 0) {
            return this;
        }
        Object[][] out = chunks.clone();
        int copied = -1;
        for (int i = 0; i < positions.length; i++) {
            int p = positions[i];
            if (p < 0 || p >= size) {
                throw new IndexOutOfBoundsException(p);
            }
            int c = p >>> SHIFT;
            if (c != copied) {
                out[c] = out[c].clone();
                copied = c;
            }
            out[c][p & (CHUNK - 1)] = values.get(i);
        }
        return new ChunkedList<>(out, size);
    }
}
