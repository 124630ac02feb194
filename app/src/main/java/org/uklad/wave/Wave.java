package org.uklad.wave;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A monitoring wave: answers are accepted from {@code opensAt} (inclusive) until {@code closesAt} (exclusive). */
@Serdeable
@MappedEntity("wave")
public record Wave(@Id @GeneratedValue Long id, String name, WaveKind kind, Instant opensAt, Instant closesAt) {

    public WaveState stateAt(Instant now) {
        if (now.isBefore(opensAt)) {
            return WaveState.NOT_YET_OPEN;
        }
        return now.isBefore(closesAt) ? WaveState.OPEN : WaveState.CLOSED;
    }
}
