package org.uklad.school;

import org.uklad.audit.AuditLog;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/** The school registry and its partnerships. */
@Singleton
public class Schools {

    private final SchoolRepository schools;
    private final PartnershipRepository partnerships;

    private final AuditLog audit;

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
        List<FieldError> errors = new java.util.ArrayList<>();
        String cleanName = clean(name);
        String cleanMunicipality = clean(municipality);
        if (cleanName.isEmpty() || cleanName.length() > 300) {
            errors.add(FieldError.of("name", "length", 1, 300));
        }
        if (cleanMunicipality.isEmpty() || cleanMunicipality.length() > 200) {
            errors.add(FieldError.of("municipality", "length", 1, 200));
        }
        if (category == null) {
            errors.add(FieldError.of("category", "required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        if (schools.existsByMunicipalityAndName(cleanMunicipality, cleanName)) {
            throw new ProblemException(ErrorCode.ALREADY_EXISTS, List.of(FieldError.of("name", "duplicate")));
        }
        School saved = schools.save(new School(null, cleanName, cleanMunicipality, category));
        audit.record(AuditLog.Action.SCHOOL_REGISTERED, "school " + saved.id(), cleanMunicipality + ": " + cleanName);
        return saved;
    }

    public Partnership pair(long mentorSchoolId, long supportedSchoolId) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (schools.findById(mentorSchoolId).isEmpty()) {
            errors.add(FieldError.of("mentorSchoolId", "unknown-reference"));
        }
        if (schools.findById(supportedSchoolId).isEmpty()) {
            errors.add(FieldError.of("supportedSchoolId", "unknown-reference"));
        }
        if (errors.isEmpty() && mentorSchoolId == supportedSchoolId) {
            errors.add(FieldError.of("supportedSchoolId", "same-school"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        if (partnerships.existsByMentorSchoolIdAndSupportedSchoolId(mentorSchoolId, supportedSchoolId)) {
            throw new ProblemException(ErrorCode.ALREADY_EXISTS, List.of(FieldError.of("supportedSchoolId", "duplicate")));
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

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }
}
