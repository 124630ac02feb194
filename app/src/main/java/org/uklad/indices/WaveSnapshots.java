package org.uklad.indices;

import java.util.HashMap;
import java.util.Map;

/**
 * The wave snapshots one page, PDF or API response reads ({@link WaveSnapshot}): each wave it
 * needs, the one it shows and the earlier ones it compares with, is taken from
 * {@link IndicesService#snapshot} once, on first need, and every part of the page reads that one,
 * so no two parts show two states of a wave and nothing is asked twice. Made at the top of a
 * request (or of a batch of PDFs) and passed down; never kept beyond it, or it would serve an old
 * state of the wave.
 */
public final class WaveSnapshots {

    private final IndicesService indices;
    private final Map<Long, WaveSnapshot> taken = new HashMap<>();

    public WaveSnapshots(IndicesService indices) {
        this.indices = indices;
    }

    /**
     * The wave's snapshot for this request: the one already taken, else taken now.
     *
     * @throws org.uklad.system.ProblemException NOT_FOUND for an unknown wave
     */
    public synchronized WaveSnapshot of(long waveId) {
        WaveSnapshot snapshot = taken.get(waveId);
        if (snapshot == null) {
            snapshot = indices.snapshot(waveId);
            taken.put(waveId, snapshot);
        }
        return snapshot;
    }
}
