package org.uklad.school;

import org.uklad.audit.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;

/** The school registry and its partnerships. */
@Singleton
public class Schools {

    private final SchoolRepository schools;
    private final PartnershipRepository partnerships;

    private final AuditLog audit;

    /** Longest school name and municipality (the table's CHECKs). */
    public static final int MAX_NAME = 300;
    public static final int MAX_MUNICIPALITY = 200;

    Schools(SchoolRepository schools, PartnershipRepository partnerships, AuditLog audit) {
        this.audit = audit;
        this.schools = schools;
        this.partnerships = partnerships;
    }

    public Optional<School> find(long id) {
        return schools.findById(id);
    }

    public List<School> all() {
        return schools.findAllOrderByMunicipalityAndName();
    }

    public long count() {
        return schools.count();
    }

    public School register(String name, String municipality, SchoolCategory category) {
        School clean = validated(null, name, municipality, category);
        School saved = schools.save(clean);
        audit.record(AuditLog.Action.SCHOOL_REGISTERED, "school " + saved.id(), saved.municipality() + ": " + saved.name());
        return saved;
    }

    /**
     * Changes a school's name, municipality and category (its id, codes, responses and
     * partnerships stay as they are).
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown school, field errors for
     *                          bad values, {@link ErrorCode#ALREADY_EXISTS} for a name taken in the municipality
     */
    public School update(long id, String name, String municipality, SchoolCategory category) {
        School before = schools.findById(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        School clean = validated(id, name, municipality, category);
        if (clean.equals(before)) {
            return before;
        }
        School saved = schools.update(clean);
        audit.record(AuditLog.Action.SCHOOL_UPDATED, "school " + id, before.municipality() + ": " + before.name() + " ("
                + before.category() + ") → " + saved.municipality() + ": " + saved.name() + " (" + saved.category() + ")");
        return saved;
    }

    private School validated(Long id, String name, String municipality, SchoolCategory category) {
        List<FieldError> errors = new java.util.ArrayList<>();
        String cleanName = Names.normalise("name", name, MAX_NAME, errors);
        String cleanMunicipality = Names.normalise("municipality", municipality, MAX_MUNICIPALITY, errors);
        if (category == null) {
            errors.add(FieldError.of("category", FieldCode.REQUIRED));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        boolean taken = id == null ? schools.existsByMunicipalityAndName(cleanMunicipality, cleanName)
                : schools.existsByMunicipalityAndNameAndIdNotEqual(cleanMunicipality, cleanName, id);
        if (taken) {
            throw new ProblemException(ErrorCode.ALREADY_EXISTS, List.of(FieldError.of("name", FieldCode.DUPLICATE)));
        }
        return new School(id, cleanName, cleanMunicipality, category);
    }

    /** A municipality and how many schools of the registry are in it. */
    @io.micronaut.serde.annotation.Serdeable
    public record Municipality(String name, int schools) {}

    /** Every municipality that has a school, by name. */
    public List<Municipality> municipalities() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (School s : all()) {
            counts.merge(s.municipality(), 1, Integer::sum);
        }
        return counts.entrySet().stream().map(e -> new Municipality(e.getKey(), e.getValue())).toList();
    }

    /** How many schools of the registry are in each category (every category, zeros included). */
    public java.util.Map<SchoolCategory, Integer> categoryCounts() {
        java.util.Map<SchoolCategory, Integer> counts = new java.util.EnumMap<>(SchoolCategory.class);
        for (SchoolCategory c : SchoolCategory.values()) {
            counts.put(c, 0);
        }
        all().forEach(s -> counts.merge(s.category(), 1, Integer::sum));
        return counts;
    }

    /**
     * Renames a municipality on all its schools at once (a municipality is the schools' shared
     * field, not a table of its own). Renaming into an existing municipality merges the two,
     * unless a school name would then occur twice.
     *
     * @return how many schools were renamed
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} when no school has the old name, field
     *                          errors ({@code to}) for a bad new name or a clash of school names
     */
    @io.micronaut.transaction.annotation.Transactional
    public int renameMunicipality(String from, String to) {
        List<FieldError> errors = new java.util.ArrayList<>();
        String oldName = Names.normalise("from", from, MAX_MUNICIPALITY, errors);
        String newName = Names.normalise("to", to, MAX_MUNICIPALITY, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        List<School> moving = schools.findByMunicipality(oldName);
        if (moving.isEmpty()) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        if (oldName.equals(newName)) {
            return 0;
        }
        java.util.Set<String> there = new java.util.HashSet<>();
        schools.findByMunicipality(newName).forEach(s -> there.add(s.name()));
        if (moving.stream().anyMatch(s -> there.contains(s.name()))) {
            throw new ProblemException(ErrorCode.ALREADY_EXISTS, List.of(FieldError.of("to", FieldCode.DUPLICATE)));
        }
        int renamed = schools.renameMunicipality(oldName, newName);
        audit.record(AuditLog.Action.MUNICIPALITY_RENAMED, "municipality " + oldName, newName + " (" + renamed + " schools)");
        return renamed;
    }

    public Partnership pair(long mentorSchoolId, long supportedSchoolId) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (schools.findById(mentorSchoolId).isEmpty()) {
            errors.add(FieldError.of("mentorSchoolId", FieldCode.UNKNOWN_REFERENCE));
        }
        if (schools.findById(supportedSchoolId).isEmpty()) {
            errors.add(FieldError.of("supportedSchoolId", FieldCode.UNKNOWN_REFERENCE));
        }
        if (errors.isEmpty() && mentorSchoolId == supportedSchoolId) {
            errors.add(FieldError.of("supportedSchoolId", FieldCode.SAME_SCHOOL));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        if (partnerships.existsByMentorSchoolIdAndSupportedSchoolId(mentorSchoolId, supportedSchoolId)) {
            throw new ProblemException(ErrorCode.ALREADY_EXISTS, List.of(FieldError.of("supportedSchoolId", FieldCode.DUPLICATE)));
        }
        Partnership saved = partnerships.save(new Partnership(null, mentorSchoolId, supportedSchoolId));
        audit.record(AuditLog.Action.PARTNERSHIP_CREATED, "school " + supportedSchoolId, "mentor school " + mentorSchoolId);
        return saved;
    }

    /** A school's partner in its comparisons, and whether that partner is its mentor. */
    public record Partner(School school, boolean mentor) {}

    /**
     * The partner a school is compared with everywhere (dashboard, PDF): of its partnerships, in
     * either direction, the one registered first.
     */
    public Optional<Partner> partnerOf(long schoolId) {
        return partnerships.findByMentorSchoolIdInListOrSupportedSchoolIdInList(List.of(schoolId), List.of(schoolId)).stream()
                .min(java.util.Comparator.comparing(Partnership::id))
                .flatMap(p -> {
                    boolean mentor = p.supportedSchoolId() == schoolId;
                    return schools.findById(mentor ? p.mentorSchoolId() : p.supportedSchoolId()).map(s -> new Partner(s, mentor));
                });
    }

    /**
     * Ends a partnership; the schools' comparisons then use their next partnership, if any.
     *
     * @throws ProblemException {@link ErrorCode#NOT_FOUND} for an unknown partnership
     */
    public void unpair(long partnershipId) {
        Partnership p = partnerships.findById(partnershipId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        partnerships.deleteById(partnershipId);
        audit.record(AuditLog.Action.PARTNERSHIP_REMOVED, "school " + p.supportedSchoolId(), "mentor school " + p.mentorSchoolId());
    }

    public List<Partnership> partnerships() {
        List<Partnership> all = new java.util.ArrayList<>();
        partnerships.findAll().forEach(all::add);
        return all;
    }

    /** The schools paired with any of {@code schoolIds}, in either direction (mentor or supported). */
    public java.util.Set<Long> partnersOf(java.util.Collection<Long> schoolIds) {
        java.util.Set<Long> out = new java.util.TreeSet<>();
        if (schoolIds.isEmpty()) {
            return out;
        }
        for (Partnership p : partnerships.findByMentorSchoolIdInListOrSupportedSchoolIdInList(schoolIds, schoolIds)) {
            if (schoolIds.contains(p.mentorSchoolId())) {
                out.add(p.supportedSchoolId());
            }
            if (schoolIds.contains(p.supportedSchoolId())) {
                out.add(p.mentorSchoolId());
            }
        }
        out.removeAll(schoolIds);
        return out;
    }
}
