package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.uklad.audit.AuditLog;
import org.uklad.profile.ProfileRepositories.ProfileRepository;
import org.uklad.profile.SchoolProfile.Equipment;
import org.uklad.profile.SchoolProfile.SpecialistPost;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.ReportFormats;

/**
 * Schools' profiles per school year: read, validated save (audited), the year's list with the
 * schools still missing one, and the facts the risk profile rests on ({@link #facts}). Who may
 * do what is the callers' question to {@code SchoolScope}; this class holds the rules of the data.
 */
@Singleton
public class SchoolProfiles {

    public static final int MAX_STUDENTS = 100_000;
    public static final int MAX_STAFF = 10_000;
    public static final int MAX_SPECIALISTS = 1_000;
    public static final int COMMENT_MAX = 1_000;
    public static final int FIRST_YEAR = 2000;
    public static final int LAST_YEAR = 2100;

    /**
     * A profile as typed or sent; a null count is missing (refused as required).
     *
     * @param equipment the names of the {@link Equipment} items the school has
     */
    public record Input(@Nullable Integer students, @Nullable Integer senStudents, @Nullable Integer otherLanguageStudents,
                        @Nullable Integer teachers, @Nullable Integer teacherVacancies, @Nullable Integer psychologists,
                        @Nullable Integer speechTherapists, @Nullable Integer specialNeedsTeachers,
                        @Nullable Integer socialPedagogues, @Nullable Integer tutors, @Nullable Integer staffTrained,
                        @Nullable List<String> equipment, @Nullable String comment) {}

    /** The largest value of a count field of {@link Input} (a count of students, of teachers, of specialists). */
    public static int maxOf(String field) {
        return switch (field) {
            case "students", "senStudents", "otherLanguageStudents" -> MAX_STUDENTS;
            case "teachers", "teacherVacancies", "staffTrained" -> MAX_STAFF;
            default -> MAX_SPECIALISTS;
        };
    }

    /** A school and its profile of the year, if it has one. */
    public record Entry(School school, Optional<SchoolProfile> profile) {}

    private final ProfileRepository profiles;
    private final Schools schools;
    private final AuditLog audit;
    private final ReportFormats formats;

    SchoolProfiles(ProfileRepository profiles, Schools schools, AuditLog audit, ReportFormats formats) {
        this.profiles = profiles;
        this.schools = schools;
        this.audit = audit;
        this.formats = formats;
    }

    /** The school year under way in the service's zone: from September on, the one starting this year. */
    public int currentYear() {
        LocalDate today = LocalDate.now(formats.zone());
        return today.getMonth().compareTo(Month.SEPTEMBER) >= 0 ? today.getYear() : today.getYear() - 1;
    }

    /** Refuses a school year outside 2000–2100 (a typo, not a year anyone plans). */
    public static void requireYear(int schoolYear) {
        if (schoolYear < FIRST_YEAR || schoolYear > LAST_YEAR) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED,
                    List.of(FieldError.of("year", FieldCode.OUT_OF_RANGE, FIRST_YEAR, LAST_YEAR)));
        }
    }

    public Optional<SchoolProfile> find(long schoolId, int schoolYear) {
        return profiles.findBySchoolIdAndSchoolYear(schoolId, schoolYear);
    }

    /** Every school of the registry (registry order) with its profile of the year, or none. */
    public List<Entry> year(int schoolYear) {
        Map<Long, SchoolProfile> bySchool = new LinkedHashMap<>();
        profiles.findBySchoolYear(schoolYear).forEach(p -> bySchool.put(p.schoolId(), p));
        return schools.all().stream().map(s -> new Entry(s, Optional.ofNullable(bySchool.get(s.id())))).toList();
    }

    /**
     * Saves (or replaces) a school's profile of the year.
     *
     * @throws ProblemException NOT_FOUND for an unknown school; VALIDATION_FAILED naming each bad field
     */
    public SchoolProfile save(long schoolId, int schoolYear, Input in) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        requireYear(schoolYear);
        List<FieldError> errors = new ArrayList<>();
        int students = count("students", in.students(), MAX_STUDENTS, errors);
        // a sub-count above the students is refused against the students given, when they are
        int subMax = errors.isEmpty() ? students : MAX_STUDENTS;
        int sen = count("senStudents", in.senStudents(), subMax, errors);
        int otherLanguage = count("otherLanguageStudents", in.otherLanguageStudents(), subMax, errors);
        int teachers = count("teachers", in.teachers(), MAX_STAFF, errors);
        int vacancies = count("teacherVacancies", in.teacherVacancies(), MAX_STAFF, errors);
        int psychologists = count("psychologists", in.psychologists(), MAX_SPECIALISTS, errors);
        int speech = count("speechTherapists", in.speechTherapists(), MAX_SPECIALISTS, errors);
        int specialNeeds = count("specialNeedsTeachers", in.specialNeedsTeachers(), MAX_SPECIALISTS, errors);
        int social = count("socialPedagogues", in.socialPedagogues(), MAX_SPECIALISTS, errors);
        int tutors = count("tutors", in.tutors(), MAX_SPECIALISTS, errors);
        int trained = count("staffTrained", in.staffTrained(), MAX_STAFF, errors);
        Set<String> equipment = new LinkedHashSet<>();
        for (String item : in.equipment() == null ? List.<String>of() : in.equipment()) {
            if (item == null || Arrays.stream(Equipment.values()).noneMatch(e -> e.name().equals(item))) {
                errors.add(FieldError.of("equipment", FieldCode.NOT_AN_OPTION));
            } else {
                equipment.add(item);
            }
        }
        String comment = in.comment() == null ? "" : in.comment().strip();
        if (comment.length() > COMMENT_MAX) {
            errors.add(FieldError.of("comment", FieldCode.TOO_LONG, COMMENT_MAX));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        String[] items = Arrays.stream(Equipment.values()).map(Enum::name).filter(equipment::contains).toArray(String[]::new);
        Optional<SchoolProfile> before = find(schoolId, schoolYear);
        SchoolProfile profile = new SchoolProfile(before.map(SchoolProfile::id).orElse(null), schoolId, schoolYear, students,
                sen, otherLanguage, teachers, vacancies, psychologists, speech, specialNeeds, social, tutors, trained, items,
                comment, Instant.now());
        SchoolProfile saved = before.isPresent() ? profiles.update(profile) : profiles.save(profile);
        audit.record(AuditLog.Action.SCHOOL_PROFILE_SAVED, "school " + schoolId, SchoolProfile.yearLabel(schoolYear)
                + ": " + students + " students, " + teachers + " teachers, " + vacancies + " vacancies");
        return saved;
    }

    /** A count within 0–max; a missing or out-of-range one is noted in {@code errors} (and read as 0). */
    static int count(String field, @Nullable Integer value, int max, List<FieldError> errors) {
        if (value == null) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
            return 0;
        }
        if (value < 0 || value > max) {
            errors.add(FieldError.of(field, FieldCode.OUT_OF_RANGE, 0, max));
            return 0;
        }
        return value;
    }

    /**
     * The school facts the risk factors rest on, for the school's profile of the year; a share
     * only where its denominator is above zero. Empty when the school has no profile that year.
     * Keys: {@code students}, {@code sen_share}, {@code other_language_share},
     * {@code teacher_vacancy_share} (vacancies / (teachers + vacancies)), {@code specialist_posts_missing}
     * (of the five posts, those with no staff), {@code staff_trained} (a count),
     * {@code staff_trained_share} (staff trained / teachers, at most 1), {@code equipment_missing_share}.
     */
    public Map<String, Double> facts(long schoolId, int schoolYear) {
        return find(schoolId, schoolYear).map(SchoolProfiles::facts).orElse(Map.of());
    }

    static Map<String, Double> facts(SchoolProfile p) {
        Map<String, Double> facts = new LinkedHashMap<>();
        facts.put("students", (double) p.students());
        if (p.students() > 0) {
            facts.put("sen_share", (double) p.senStudents() / p.students());
            facts.put("other_language_share", (double) p.otherLanguageStudents() / p.students());
        }
        int posts = p.teachers() + p.teacherVacancies();
        if (posts > 0) {
            facts.put("teacher_vacancy_share", (double) p.teacherVacancies() / posts);
        }
        facts.put("specialist_posts_missing",
                (double) Arrays.stream(SpecialistPost.values()).filter(s -> p.staffIn(s) == 0).count());
        facts.put("staff_trained", (double) p.staffTrained());
        // the risk rules read a share (0-1), not the count: trained staff per teacher, at most all of them
        // (specialists and leaders trained may push the count past the teachers)
        if (p.teachers() > 0) {
            facts.put("staff_trained_share", Math.min(1.0, (double) p.staffTrained() / p.teachers()));
        }
        facts.put("equipment_missing_share",
                (double) (Equipment.values().length - p.equipmentPresent().size()) / Equipment.values().length);
        return java.util.Collections.unmodifiableMap(facts);
    }
}
