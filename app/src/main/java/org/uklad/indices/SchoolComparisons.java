package org.uklad.indices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A school's comparisons in a wave (the staff API's {@code comparisons}).
 *
 * @param waveId       the wave
 * @param schoolId     the school
 * @param minGroupSize the threshold in force: a side below it makes "too few answers"
 * @param partner      against the partner school in the same wave; absent without a partner
 * @param earlierWaves against the same school in each earlier wave it took part in, oldest first
 */
@Serdeable
public record SchoolComparisons(long waveId, long schoolId, int minGroupSize, @Nullable Comparison partner,
                                @JsonInclude(JsonInclude.Include.ALWAYS) List<Comparison> earlierWaves) {

    public SchoolComparisons {
        earlierWaves = List.copyOf(earlierWaves);
    }
}
