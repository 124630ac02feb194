package org.uklad.wave;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a respondent types or scans: it names a wave, a school, a questionnaire version and a
 * group (e.g. class 7Б), never a person. Single-use ({@code maxUses = 1}) or shared by a group.
 */
@Serdeable
@MappedEntity("access_code")
public record AccessCode(@Id @GeneratedValue Long id, String code, Long waveId, Long schoolId,
                         Long questionnaireVersionId, String groupLabel, int maxUses, int uses,
                         @Nullable Integer expectedSize) {}
