package org.uklad.questionnaire;

import org.uklad.questionnaires.Questionnaire;

/** A stored questionnaire version with its parsed content. */
public record LoadedQuestionnaire(long versionId, String key, int version, Questionnaire questionnaire) {}
