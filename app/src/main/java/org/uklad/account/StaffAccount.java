package org.uklad.account;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A staff member who signs in. The password hash never leaves the account package. */
@MappedEntity("staff_account")
public record StaffAccount(@Id @GeneratedValue Long id, String login, String displayName, String passwordHash,
                           Role role, boolean active, boolean mustChangePassword, Instant createdAt) {

    StaffAccount withPassword(String hash, boolean mustChange) {
        return new StaffAccount(id, login, displayName, hash, role, active, mustChange, createdAt);
    }

    StaffAccount withProfile(String name, Role newRole) {
        return new StaffAccount(id, login, name, passwordHash, newRole, active, mustChangePassword, createdAt);
    }

    StaffAccount withActive(boolean value) {
        return new StaffAccount(id, login, displayName, passwordHash, role, value, mustChangePassword, createdAt);
    }
}
