package org.uklad.questionnaire;

import io.micronaut.serde.annotation.Serdeable;

/** The outcome of importing a questionnaire file: the version it is stored as, and whether it is new. */
@Serdeable
public record ImportResult(long id, String key, int version, boolean created) {}
