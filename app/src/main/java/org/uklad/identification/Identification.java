package org.uklad.identification;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.uklad.account.SchoolScope;
import org.uklad.analysis.Suppressible;
import org.uklad.analysis.context.FamilyContextIndex.SchoolContext;
import org.uklad.audit.AuditLog;
import org.uklad.context.FamilyContext;
import org.uklad.questionnaires.IdentificationRules;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.wave.Wave;
import org.uklad.wave.Waves;

/**
 * Identifying the schools (issue #20): each school's proposed category with its evidence, from the
 * external results over the years and the family context of the latest wave that has one, by the
 * rules of {@code catalogue/identification.yaml} ({@link Proposer}); the coordinator's decisions
 * (confirm, or override with a reason; audited; a decision sets the school's category); and for each
 * confirmed ШНРО up to the file's number of proposed mentors among the ШУВРО schools with the
 * nearest family context index (within the municipality when
 * {@code uklad.identification.same-municipality} is true); confirming one creates the partnership.
 */
@Singleton
public class Identification {

    /** Longest override reason. */
    public static final int REASON_MAX = 1000;

    /** A decision: what was proposed, what the coordinator decided, why, when and in which role. */
    @Serdeable
    public record Decision(long schoolId, SchoolCategory proposed, SchoolCategory decided, @Nullable String reason,
                           Instant decidedAt, String decidedByRole) {

        public boolean override() {
            return proposed != decided;
        }
    }

    /**
     * A proposed mentor.
     *
     * @param difference       absolute difference of the family context indices
     * @param sameMunicipality whether it is in the supported school's municipality
     * @param paired           the partnership exists already
     */
    @Serdeable
    public record Mentor(long schoolId, String name, String municipality, double contextIndex, double difference,
                         boolean sameMunicipality, boolean paired) {}

    /** One school's line: the school, its evidence, its decision (or null), its proposed mentors. */
    @Serdeable
    public record Row(School school, Evidence evidence, @Nullable Decision decision, List<Mentor> mentors,
                      List<Long> mentorsPaired) {}

    /**
     * Everything the page and the API show.
     *
     * @param years        the years looked at, oldest first
     * @param contextWave  the wave whose family context is used, or null
     */
    @Serdeable
    public record Overview(List<Integer> years, @Nullable String contextWave, String scope, boolean sameMunicipality,
                           List<Row> rows) {}

    private final IdentificationStore store;
    private final Schools schools;
    private final Waves waves;
    private final FamilyContext family;
    private final AuditLog audit;
    private final SchoolScope scope;
    private final boolean sameMunicipality;
    private final IdentificationRules rules = IdentificationRules.bundled();

    Identification(IdentificationStore store, Schools schools, Waves waves, FamilyContext family, AuditLog audit,
                   SchoolScope scope, @Value("${uklad.identification.same-municipality:false}") boolean sameMunicipality) {
        this.store = store;
        this.schools = schools;
        this.waves = waves;
        this.family = family;
        this.audit = audit;
        this.scope = scope;
        this.sameMunicipality = sameMunicipality;
    }

    /** The rules in force. */
    public IdentificationRules rules() {
        return rules;
    }

    /** Every school's proposal, evidence, decision and mentors. */
    public Overview overview() {
        List<School> all = schools.all();
        Map<Long, Suppressible<SchoolContext>> contexts = Map.of();
        String contextWave = null;
        // the latest wave with a family context: the context changes slowly, the results are per year
        for (Wave w : waves.all().stream().sorted(Comparator.comparing(Wave::opensAt).reversed()).toList()) {
            Map<Long, Suppressible<SchoolContext>> c = family.indices(w.id());
            if (!c.isEmpty()) {
                contexts = c;
                contextWave = w.name();
                break;
            }
        }
        Proposer proposer = new Proposer(rules);
        List<Proposer.Score> scores = store.scores();
        Map<Long, Evidence> evidence = proposer.propose(all, scores, contexts);
        Map<Long, Decision> decisions = store.decisions();
        List<Partnership> pairs = schools.partnerships();
        List<Row> rows = new ArrayList<>();
        for (School s : all) {
            Decision d = decisions.get(s.id());
            boolean confirmedLow = d != null && d.decided() == SchoolCategory.SHNRO;
            List<Mentor> mentors = confirmedLow ? mentors(s, all, evidence, pairs) : List.of();
            List<Long> paired = pairs.stream().filter(p -> p.supportedSchoolId() == s.id())
                    .map(Partnership::mentorSchoolId).toList();
            rows.add(new Row(s, evidence.get(s.id()), d, mentors, paired));
        }
        return new Overview(proposer.years(scores), contextWave, rules.scope().name().toLowerCase(java.util.Locale.ROOT),
                sameMunicipality, rows);
    }

    /** Up to the rules' number of ШУВРО schools with the nearest family context index. */
    private List<Mentor> mentors(School supported, List<School> all, Map<Long, Evidence> evidence, List<Partnership> pairs) {
        Evidence.Context own = evidence.get(supported.id()).context();
        if (own == null || own.suppressed()) {
            return List.of();
        }
        List<Mentor> out = new ArrayList<>();
        for (School m : all) {
            Evidence.Context c = evidence.get(m.id()).context();
            if (m.id().equals(supported.id()) || m.category() != SchoolCategory.SHUVRO || c == null || c.suppressed()) {
                continue;
            }
            boolean same = m.municipality().equals(supported.municipality());
            if (sameMunicipality && !same) {
                continue;
            }
            boolean paired = pairs.stream().anyMatch(p -> p.mentorSchoolId().equals(m.id())
                    && p.supportedSchoolId().equals(supported.id()));
            out.add(new Mentor(m.id(), m.name(), m.municipality(), c.index(), Math.abs(c.index() - own.index()), same,
                    paired));
        }
        // nearest context first; on a tie the school of the same municipality (less travel), then by name
        out.sort(Comparator.comparingDouble(Mentor::difference).thenComparing(m -> !m.sameMunicipality())
                .thenComparing(Mentor::name));
        return out.stream().limit(rules.mentors()).toList();
    }

    /**
     * The coordinator's decision on a school's category: the proposal confirmed, or overridden with a
     * reason. Sets the school's category (the registry's change is audited there too).
     *
     * @throws ProblemException NOT_FOUND for an unknown school; field errors for a missing category or
     *                          an override without a reason
     */
    public Decision decide(long schoolId, @Nullable SchoolCategory category, @Nullable String reason,
                           @Nullable Authentication auth) {
        School s = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Evidence e = overview().rows().stream().filter(r -> r.school().id() == schoolId).findFirst().orElseThrow().evidence();
        List<FieldError> errors = new ArrayList<>();
        if (category == null) {
            errors.add(FieldError.of("category", FieldCode.REQUIRED));
        }
        String why = reason == null || reason.isBlank() ? null : Names.normalise("reason", reason, REASON_MAX, errors);
        if (category != null && category != e.proposed() && why == null && errors.isEmpty()) {
            errors.add(FieldError.of("reason", FieldCode.REQUIRED));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        String role = scope.authorRole(auth);
        Decision d = store.insert(schoolId, e.proposed(), category, why, role);
        if (s.category() != category) {
            schools.update(schoolId, s.name(), s.municipality(), category);
        }
        audit.record(AuditLog.Action.IDENTIFICATION_DECIDED, "school " + schoolId,
                "proposed " + e.proposed() + ", decided " + category + (why == null ? "" : ": " + why));
        return d;
    }

    /**
     * Confirms a proposed mentor of a confirmed ШНРО: creates the partnership, or returns the one that
     * exists (never a second).
     *
     * @throws ProblemException NOT_FOUND for an unknown school; a field error when the mentor is not
     *                          among the school's proposed mentors
     */
    public Partnership confirmMentor(long supportedId, @Nullable Long mentorId) {
        schools.find(supportedId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Row row = overview().rows().stream().filter(r -> r.school().id() == supportedId).findFirst().orElseThrow();
        if (mentorId == null || row.mentors().stream().noneMatch(m -> m.schoolId() == mentorId)) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("mentorSchoolId",
                    FieldCode.UNKNOWN_REFERENCE, mentorId == null ? "" : mentorId)));
        }
        Partnership existing = schools.partnerships().stream().filter(p -> p.mentorSchoolId().equals(mentorId)
                && p.supportedSchoolId().equals(supportedId)).findFirst().orElse(null);
        if (existing != null) {
            return existing;
        }
        Partnership p = schools.pair(mentorId, supportedId);
        audit.record(AuditLog.Action.MENTOR_CONFIRMED, "school " + supportedId, "mentor school " + mentorId);
        return p;
    }
}
