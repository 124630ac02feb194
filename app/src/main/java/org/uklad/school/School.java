package org.uklad.school;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;

@Serdeable
@MappedEntity("school")
public record School(@Id @GeneratedValue Long id, String name, String municipality, SchoolCategory category) {

    /** How staff lists name a school: names are unique only within a municipality. */
    public String label() {
        return name + " (" + municipality + ")";
    }
}
