package org.uklad.indices;

/**
 * A wave's indices as of one revision of its published responses, with the person-score
 * distributions of its shown groups (never in JSON; for {@link Comparisons}). Immutable once made;
 * one page or PDF reads all its figures from one snapshot.
 *
 * @param freshness the wave's revision the figures are of
 * @param indices the indices of every school of the wave
 * @param scores the shown groups' person scores on 0–100
 */
public record WaveSnapshot(IndicesService.Freshness freshness, WaveIndices indices, PersonScores scores) {

    /** The wave's revision these figures are of: two snapshots with the same revision are equal. */
    public long revision() {
        return freshness.revision();
    }
}
