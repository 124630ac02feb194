package org.uklad.questionnaire;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A questionnaire version as the administration API lists it. */
@Serdeable
public record QuestionnaireSummary(long id, String key, int version, String respondent, String titleRu,
                                   String titleEn, String sourceName, Instant importedAt) {

    static QuestionnaireSummary of(QuestionnaireVersion v) {
        return new QuestionnaireSummary(v.id(), v.questionnaireKey(), v.version(), v.respondent(), v.titleRu(),
                v.titleEn(), v.sourceName(), v.importedAt());
    }
}
