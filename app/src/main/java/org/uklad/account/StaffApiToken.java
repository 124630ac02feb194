package org.uklad.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A staff member's personal API token as stored: {@code secretHash} is the SHA-256 (hex) of the
 * whole token, which only its owner saw, once; {@code publicId} names it in lists and the audit log.
 */
@MappedEntity("staff_api_token")
record StaffApiToken(@Id @GeneratedValue Long id, Long accountId, String publicId, String name, String secretHash,
                     Instant createdAt, @Nullable Instant expiresAt, @Nullable LocalDate lastUsedOn,
                     @Nullable Instant revokedAt) {

    /** Whether the token is still accepted at {@code now} (its account aside). */
    boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    /** The part of the token that may be shown and written down: {@code uk_1a2b3c4d…}. */
    String shownAs() {
        return ApiTokens.PREFIX + publicId + "…";
    }
}
