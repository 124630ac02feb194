package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What a mentor-capable school offers the schools it supports (seed 003's matrix of resources):
 * subjects, methods and management practices as short tags, its mentors and how many pairs it can
 * take. {@code marked}: the coordinator has named the school mentor-capable (a ШУВРО school is
 * anyway).
 */
@Serdeable
@MappedEntity("mentor_resource")
public record MentorResource(@Id long schoolId, boolean marked, String[] subjects, String[] methods, String[] practices,
                             int mentors, int capacityPairs, @Nullable Instant updatedAt) {

    /** A school with nothing stated yet. */
    static MentorResource empty(long schoolId, boolean marked) {
        return new MentorResource(schoolId, marked, new String[0], new String[0], new String[0], 0, 0, null);
    }

    /** Has the school stated anything it offers? */
    public boolean stated() {
        return updatedAt != null;
    }
}
