package org.uklad.wave;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Responses so far and the expected size of one group (school × questionnaire version × group
 * label) of a wave. A count of submissions, never anything about a respondent.
 */
@Introspected
record GroupCount(long schoolId, long questionnaireVersionId, String groupLabel, long responses,
                  @Nullable Integer expected) {}
