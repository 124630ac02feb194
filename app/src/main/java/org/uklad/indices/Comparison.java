package org.uklad.indices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A school's constructs set against one reference; the p-values are adjusted over
 * {@link #constructs} (those with both sides shown).
 *
 * @param kind              what the reference is
 * @param referenceSchoolId the partner school (PARTNER); the school itself (EARLIER_WAVE); absent
 *                          for REST_OF_WAVE
 * @param referenceWaveId   the wave of the reference figures
 * @param referenceWaveName its name
 * @param referenceOpensAt  when it opened
 * @param constructs        every LEVEL and AGREEMENT construct found on both sides, in
 *                          questionnaire order
 */
@Serdeable
public record Comparison(Kind kind, @Nullable Long referenceSchoolId, long referenceWaveId, String referenceWaveName,
                         Instant referenceOpensAt,
                         @JsonInclude(JsonInclude.Include.ALWAYS) List<ConstructComparison> constructs) {

    public Comparison {
        constructs = List.copyOf(constructs);
    }

    /** What a school is compared with. */
    public enum Kind {
        /** its partner school in the same wave */
        PARTNER,
        /** the same school in an earlier wave */
        EARLIER_WAVE,
        /** the other schools of the same wave pooled (for a school without a partner) */
        REST_OF_WAVE
    }

    /** The entry of a construct of a questionnaire version of the wave compared. */
    public Optional<ConstructComparison> find(long versionId, String construct) {
        return constructs.stream().filter(c -> c.versionId() == versionId && c.construct().equals(construct))
                .findFirst();
    }
}
