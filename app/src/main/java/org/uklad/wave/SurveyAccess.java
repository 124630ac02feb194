package org.uklad.wave;

import org.uklad.questionnaire.LoadedQuestionnaire;

/** What an access code opens: the wave, school, group and exact questionnaire version. */
public record SurveyAccess(AccessCode code, Wave wave, LoadedQuestionnaire questionnaire) {

    public boolean exhausted() {
        return code.uses() >= code.maxUses();
    }
}
