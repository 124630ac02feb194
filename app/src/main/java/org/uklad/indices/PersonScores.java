package org.uklad.indices;

import java.util.HashMap;
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

    private final Map<Key, Map<Long, ScoreDistribution>> schools = new HashMap<>();
    private final Map<Key, ScoreDistribution> pooled = new HashMap<>();

    void putSchool(long versionId, String construct, long schoolId, ScoreDistribution scores100) {
        schools.computeIfAbsent(new Key(versionId, construct), k -> new HashMap<>()).put(schoolId, scores100);
    }

    void putPooled(long versionId, String construct, ScoreDistribution scores100) {
        pooled.put(new Key(versionId, construct), scores100);
    }

    /** A shown school's person scores on 0–100; empty when suppressed or absent. */
    Optional<ScoreDistribution> school(long versionId, String construct, long schoolId) {
        return Optional.ofNullable(schools.getOrDefault(new Key(versionId, construct), Map.of()).get(schoolId));
    }

    /** All schools' person scores pooled on 0–100; empty when the pooled figure is withheld. */
    Optional<ScoreDistribution> pooled(long versionId, String construct) {
        return Optional.ofNullable(pooled.get(new Key(versionId, construct)));
    }
}
