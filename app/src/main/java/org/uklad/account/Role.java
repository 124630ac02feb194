package org.uklad.account;

import io.micronaut.security.authentication.Authentication;
import java.util.Optional;

/** What a staff member may do. The name is also the Micronaut Security role string. */
public enum Role {
    /** Municipal or regional coordinator: every school, the registry, accounts. */
    ADMIN,
    /** School psychologist: reads and edits the schools assigned to them. */
    PSYCHOLOGIST,
    /** Director: reads their own school and its partners' figures; edits nothing. */
    DIRECTOR;

    /** The role of a signed-in staff member (or of the administration token, which is ADMIN). */
    public static Optional<Role> of(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        for (String r : authentication.getRoles()) {
            for (Role role : values()) {
                if (role.name().equals(r)) {
                    return Optional.of(role);
                }
            }
        }
        return Optional.empty();
    }
}
