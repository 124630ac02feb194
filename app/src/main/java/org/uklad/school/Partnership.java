package org.uklad.school;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

/** A mentor school supporting a school with low results. */
@Serdeable
@MappedEntity("partnership")
public record Partnership(@Id @GeneratedValue Long id, Long mentorSchoolId, Long supportedSchoolId) {}
