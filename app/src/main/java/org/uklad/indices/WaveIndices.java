package org.uklad.indices;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The climate indices of one wave.
 *
 * @param waveId         the wave
 * @param minGroupSize   the anonymity threshold the figures obey: nothing shown rests on fewer respondents
 * @param questionnaires one entry per questionnaire version used in the wave
 */
@Serdeable
public record WaveIndices(long waveId, int minGroupSize, List<QuestionnaireIndices> questionnaires) {

    public WaveIndices {
        questionnaires = List.copyOf(questionnaires);
    }

    /** The same indices with only one school's entries (pooled figures and ICC kept: they single out no school). */
    WaveIndices onlySchool(long schoolId) {
        return new WaveIndices(waveId, minGroupSize,
                questionnaires.stream().map(q -> q.onlySchool(schoolId)).toList());
    }
}
