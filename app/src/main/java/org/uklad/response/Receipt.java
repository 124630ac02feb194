package org.uklad.response;

import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * What a respondent's device gets back: proof that the submission is stored. It names the
 * client's own idempotency key and the day, nothing that identifies the stored row.
 */
@Serdeable
public record Receipt(String status, String idempotencyKey, LocalDate submittedOn, boolean replayed) {}
