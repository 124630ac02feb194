package org.uklad.indices;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.uklad.questionnaires.Respondent;

/**
 * Indices of one questionnaire version in a wave.
 *
 * @param versionId  the stored version the responses point at
 * @param key        the questionnaire key (e.g. {@code teachers})
 * @param version    the version number of that key
 * @param respondent who answered
 * @param title      the questionnaire's title
 * @param constructs every scored construct (level, agreement, gap) in questionnaire order
 */
@Serdeable
public record QuestionnaireIndices(long versionId, String key, int version, Respondent respondent, Text title,
                                   List<ConstructIndex> constructs) {

    public QuestionnaireIndices {
        constructs = List.copyOf(constructs);
    }

    QuestionnaireIndices onlySchool(long schoolId) {
        return new QuestionnaireIndices(versionId, key, version, respondent, title,
                constructs.stream().map(c -> c.onlySchool(schoolId)).toList());
    }
}
