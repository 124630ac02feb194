package org.uklad.wave;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** An access code joined with its wave: what one lookup on the submission path needs. */
@Introspected
record CodeWithWave(long id, String code, long waveId, long schoolId, long questionnaireVersionId, String groupLabel,
                    int maxUses, int uses, @Nullable Integer expectedSize, String waveName, WaveKind waveKind,
                    Instant opensAt, Instant closesAt) {

    AccessCode accessCode() {
        return new AccessCode(id, code, waveId, schoolId, questionnaireVersionId, groupLabel, maxUses, uses, expectedSize);
    }

    Wave wave() {
        return new Wave(waveId, waveName, waveKind, opensAt, closesAt);
    }
}
