package org.uklad.profile;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.uklad.audit.AuditLog;
import org.uklad.profile.ProfileRepositories.MentorResourceRepository;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The matrix of resources: what each mentor-capable school (ШУВРО, or marked by the coordinator)
 * offers, and how many pairs it mentors now against its capacity. Read by mentor matching and the
 * support programmes' measures through {@link #of(long)} and {@link #all()}.
 */
@Singleton
public class MentorResources {

    public static final int TAG_MAX = 100;
    public static final int TAGS_MAX = 20;
    public static final int MAX_MENTORS = 1_000;
    public static final int MAX_PAIRS = 100;

    /**
     * An offer as typed or sent; tags are short phrases ("математика", "формирующее оценивание").
     */
    public record Input(@Nullable List<String> subjects, @Nullable List<String> methods, @Nullable List<String> practices,
                        @Nullable Integer mentors, @Nullable Integer capacityPairs) {}

    /** A mentor-capable school, its offer, and the pairs it mentors today (partnerships as the mentor). */
    public record Offer(School school, MentorResource resource, int currentPairs) {}

    private final MentorResourceRepository resources;
    private final Schools schools;
    private final AuditLog audit;

    MentorResources(MentorResourceRepository resources, Schools schools, AuditLog audit) {
        this.resources = resources;
        this.schools = schools;
        this.audit = audit;
    }

    /** Whether a school may state mentor resources: ШУВРО, or marked by the coordinator. */
    public boolean mentorCapable(School school) {
        return school.category() == SchoolCategory.SHUVRO
                || resources.findById(school.id()).map(MentorResource::marked).orElse(false);
    }

    /** The offer of a mentor-capable school (empty: not mentor-capable or unknown). */
    public Optional<Offer> of(long schoolId) {
        return schools.find(schoolId).filter(this::mentorCapable).map(s -> offer(s,
                resources.findById(schoolId).orElse(MentorResource.empty(schoolId, false)), pairsByMentor()));
    }

    /** Every mentor-capable school with its offer, in registry order; schools that stated nothing included. */
    public List<Offer> all() {
        Map<Long, MentorResource> stored = new LinkedHashMap<>();
        resources.findAll().forEach(r -> stored.put(r.schoolId(), r));
        Map<Long, Integer> pairs = pairsByMentor();
        return schools.all().stream()
                .filter(s -> s.category() == SchoolCategory.SHUVRO || stored.containsKey(s.id()) && stored.get(s.id()).marked())
                .map(s -> offer(s, stored.getOrDefault(s.id(), MentorResource.empty(s.id(), false)), pairs))
                .toList();
    }

    private static Offer offer(School s, MentorResource r, Map<Long, Integer> pairs) {
        return new Offer(s, r, pairs.getOrDefault(s.id(), 0));
    }

    private Map<Long, Integer> pairsByMentor() {
        Map<Long, Integer> out = new LinkedHashMap<>();
        for (Partnership p : schools.partnerships()) {
            out.merge(p.mentorSchoolId(), 1, Integer::sum);
        }
        return out;
    }

    /**
     * States (or replaces) what a mentor-capable school offers.
     *
     * @throws ProblemException NOT_FOUND for an unknown school or one not mentor-capable (it has no
     *                          offer to state); VALIDATION_FAILED naming each bad field
     */
    public MentorResource save(long schoolId, Input in) {
        schools.find(schoolId).filter(this::mentorCapable).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        String[] subjects = tags("subjects", in.subjects(), errors);
        String[] methods = tags("methods", in.methods(), errors);
        String[] practices = tags("practices", in.practices(), errors);
        int mentors = SchoolProfiles.count("mentors", in.mentors(), MAX_MENTORS, errors);
        int capacity = SchoolProfiles.count("capacityPairs", in.capacityPairs(), MAX_PAIRS, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Optional<MentorResource> before = resources.findById(schoolId);
        MentorResource r = new MentorResource(schoolId, before.map(MentorResource::marked).orElse(false), subjects, methods,
                practices, mentors, capacity, Instant.now());
        MentorResource saved = before.isPresent() ? resources.update(r) : resources.save(r);
        audit.record(AuditLog.Action.MENTOR_RESOURCES_SAVED, "school " + schoolId,
                mentors + " mentors, capacity " + capacity + " pairs");
        return saved;
    }

    /**
     * The coordinator names a school mentor-capable, or takes it back (what it stated is kept for
     * when it is named again). A ШУВРО school is mentor-capable whatever the mark.
     */
    public void mark(long schoolId, boolean capable) {
        schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Optional<MentorResource> before = resources.findById(schoolId);
        if (before.map(MentorResource::marked).orElse(false) == capable) {
            return;
        }
        if (before.isPresent()) {
            MentorResource b = before.get();
            resources.update(new MentorResource(schoolId, capable, b.subjects(), b.methods(), b.practices(), b.mentors(),
                    b.capacityPairs(), b.updatedAt()));
        } else {
            resources.save(MentorResource.empty(schoolId, capable));
        }
        audit.record(AuditLog.Action.MENTOR_SCHOOL_MARKED, "school " + schoolId, capable ? "mentor-capable" : "not marked");
    }

    private static String[] tags(String field, @Nullable List<String> values, List<FieldError> errors) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String v : values == null ? List.<String>of() : values) {
            String t = v == null ? "" : v.strip().replaceAll("\\s+", " ");
            if (t.length() > TAG_MAX) {
                errors.add(FieldError.of(field, FieldCode.TAG_TOO_LONG, TAG_MAX));
            } else if (!t.isEmpty()) {
                out.add(t);
            }
        }
        if (out.size() > TAGS_MAX) {
            errors.add(FieldError.of(field, FieldCode.TOO_MANY_TAGS, TAGS_MAX));
        }
        return out.toArray(String[]::new);
    }
}
