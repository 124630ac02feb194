package org.uklad.account;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** One school in an account's scope. */
@MappedEntity("staff_account_school")
record StaffAccountSchool(@Id @GeneratedValue Long id, Long accountId, Long schoolId) {}
