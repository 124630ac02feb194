package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A school's profile in one school year ({@code schoolYear} is the year it starts: 2026 is
 * 2026/27): institutional counts and equipment, never anything about a person.
 *
 * @param equipment the items of {@link Equipment} the school has, by name
 * @param comment   a note about the school, never about a person
 */
@Serdeable
@MappedEntity("school_profile")
public record SchoolProfile(@Id @GeneratedValue @Nullable Long id, long schoolId, int schoolYear, int students,
                            int senStudents, int otherLanguageStudents, int teachers, int teacherVacancies,
                            int psychologists, int speechTherapists, int specialNeedsTeachers, int socialPedagogues,
                            int tutors, int staffTrained, String[] equipment, String comment,
                            @Nullable Instant updatedAt) {

    /** The short fixed list of equipment a profile asks about (yes/no each). */
    public enum Equipment {
        INTERACTIVE_BOARDS, COMPUTER_CLASS, BROADBAND, LIBRARY, SPORTS_HALL, PSYCHOLOGIST_OFFICE, ACCESSIBLE_ENVIRONMENT
    }

    /** The specialist posts of seed 003's indicators (and the tutor), each a staff count in the profile. */
    public enum SpecialistPost {
        PSYCHOLOGIST, SPEECH_THERAPIST, SPECIAL_NEEDS_TEACHER, SOCIAL_PEDAGOGUE, TUTOR
    }

    /** Staff in a specialist post. */
    public int staffIn(SpecialistPost post) {
        return switch (post) {
            case PSYCHOLOGIST -> psychologists;
            case SPEECH_THERAPIST -> speechTherapists;
            case SPECIAL_NEEDS_TEACHER -> specialNeedsTeachers;
            case SOCIAL_PEDAGOGUE -> socialPedagogues;
            case TUTOR -> tutors;
        };
    }

    public boolean has(Equipment item) {
        return Arrays.asList(equipment).contains(item.name());
    }

    /** The equipment the school has, in the list's order. */
    public List<Equipment> equipmentPresent() {
        return Arrays.stream(Equipment.values()).filter(this::has).toList();
    }

    /** "2026/27" for 2026. */
    public static String yearLabel(int schoolYear) {
        return schoolYear + "/" + String.format("%02d", (schoolYear + 1) % 100);
    }
}
