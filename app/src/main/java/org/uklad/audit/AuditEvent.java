package org.uklad.audit;

import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** One entry of the audit log. */
@Serdeable
@MappedEntity("audit_event")
public record AuditEvent(@Id @GeneratedValue Long id, @DateCreated Instant occurredAt, String actor, String action,
                         String target, String detail) {}
