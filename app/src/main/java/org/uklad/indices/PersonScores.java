package org.uklad.indices;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.uklad.analysis.ScoreDistribution;

/**
 * The exact distributions of person scores on 0–100 behind the shown figures of one wave, kept
 * beside {@link WaveIndices} (never in its JSON) so that two groups can be compared person by
 * person without keeping response rows: a distribution of a Likert scale score has few distinct
 * values, so its frequency table is small and expands to the exact sample.
 *
 * <p>Only shown groups are kept: a school below the threshold has no entry here, so nothing
 * computed from this class can rest on a suppressed group. The pooled distribution of a construct
 * is kept only when its figure is shown (see {@link IndicesService}).
 */
final class PersonScores {

    private record Key(long versionId, String construct) {}

    /**
     * A construct's schools: their ids ascending and, at the same positions, their person scores
     * (null where suppressed). Shared with the scan that made it, which never changes either.
     */
    private record Schools(long[] ids, List<ScoreDistribution> scores) {}

    private final Map<Key, Schools> schools = new HashMap<>();
    private final Map<Key, ScoreDistribution> pooled = new HashMap<>();

    /**
     * Every school's person scores of a construct at once, by reference (no copy): {@code ids}
     * ascending, {@code scores} at the same positions, null for a school not shown. Neither may
     * ever change afterwards.
     */
    void putSchools(long versionId, String construct, long[] ids, List<ScoreDistribution> scores) {
        if (ids.length != scores.size()) {
            throw new IllegalArgumentException("ids and scores differ in length");
        }
        schools.put(new Key(versionId, construct), new Schools(ids, scores));
    }

    void putPooled(long versionId, String construct, ScoreDistribution scores100) {
        pooled.put(new Key(versionId, construct), scores100);
    }

    /** A shown school's person scores on 0–100; empty when suppressed or absent. */
    Optional<ScoreDistribution> school(long versionId, String construct, long schoolId) {
        Schools s = schools.get(new Key(versionId, construct));
        int at = s == null ? -1 : Arrays.binarySearch(s.ids(), schoolId);
        return at < 0 ? Optional.empty() : Optional.ofNullable(s.scores().get(at));
    }

    /** All schools' person scores pooled on 0–100; empty when the pooled figure is withheld. */
    Optional<ScoreDistribution> pooled(long versionId, String construct) {
        return Optional.ofNullable(pooled.get(new Key(versionId, construct)));
    }
}
