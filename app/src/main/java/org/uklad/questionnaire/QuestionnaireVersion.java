package org.uklad.questionnaire;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A stored, immutable version of an instrument: its YAML and the shared catalogue it was read with. */
@MappedEntity("questionnaire_version")
record QuestionnaireVersion(
        @Id @GeneratedValue Long id,
        String questionnaireKey,
        int version,
        String fingerprint,
        String sourceName,
        String sourceText,
        String catalogueJson,
        String respondent,
        String titleRu,
        String titleEn,
        @DateCreated Instant importedAt) {}
