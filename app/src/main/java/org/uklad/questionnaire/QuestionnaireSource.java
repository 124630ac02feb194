package org.uklad.questionnaire;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * Where instrument files come from at start: a folder with {@code instruments/} and
 * {@code catalogue/} subfolders ({@code uklad.questionnaires.dir}), or, when unset, the files
 * bundled in the questionnaires module.
 */
@ConfigurationProperties("uklad.questionnaires")
public record QuestionnaireSource(@Nullable String dir) {}
