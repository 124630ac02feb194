package org.uklad.account;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * A signed-in browser; {@code tokenHash} is the SHA-256 (hex) of the cookie's random token;
 * {@code failedSignIns} the wrong passwords given for the account since its previous sign-in,
 * until the first page of this session has shown them.
 */
@MappedEntity("staff_session")
record StaffSession(@Id @GeneratedValue Long id, String tokenHash, Long accountId, String csrfToken,
                    Instant createdAt, Instant lastSeenAt, Instant expiresAt, int failedSignIns) {}
