package org.uklad.wave;

import org.uklad.audit.AuditLog;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.uklad.school.Schools;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.Dates;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;
import org.uklad.system.Names;
import org.uklad.system.ProblemException;
import org.uklad.system.SmallGroups;

/** Waves, the questionnaires in use in them, and their access codes. */
@Singleton
public class Waves {

    static final int MAX_CODES_PER_REQUEST = 2000;
    static final int MAX_SHARED_USES = 10_000;
    static final int MAX_GROUP_SIZE = 100_000;
    /** Longest label of a group of respondents (e.g. class 7Б), online or on paper. */
    public static final int GROUP_LABEL_MAX = 50;

    private final WaveRepository waves;
    private final AccessCodeRepository codes;
    private final QuestionnaireRegistry questionnaires;
    private final Schools schools;
    private final AccessCodeGenerator generator = new AccessCodeGenerator();
    private final AuditLog audit;
    private final AccessCodeStore codeStore;
    private final MonitoringRepository monitoring;
    private final SmallGroups smallGroups;
    /** The last read of each code this replica resolved ({@link #resolveRemembered}); in memory only. */
    private final Map<String, SurveyAccess> recent = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;

    Waves(WaveRepository waves, AccessCodeRepository codes, QuestionnaireRegistry questionnaires, Schools schools,
          AuditLog audit, AccessCodeStore codeStore, MonitoringRepository monitoring, SmallGroups smallGroups) {
        this.monitoring = monitoring;
        this.smallGroups = smallGroups;
        this.audit = audit;
        this.codeStore = codeStore;
        this.waves = waves;
        this.codes = codes;
        this.questionnaires = questionnaires;
        this.schools = schools;
    }

    public Optional<Wave> find(long id) {
        return waves.findById(id);
    }

    public List<Wave> all() {
        return waves.findAllOrderByOpensAtDesc();
    }

    /**
     * The current wave among {@code candidates}: the open one that opened last, else the one that
     * opened last (ties by id). The one rule of the staff home and of {@code /staff/overview/current}.
     */
    public static Optional<Wave> current(List<Wave> candidates, java.time.Instant now) {
        java.util.Comparator<Wave> latest = java.util.Comparator.comparing(Wave::opensAt).thenComparing(Wave::id);
        Optional<Wave> open = candidates.stream().filter(w -> w.stateAt(now) == WaveState.OPEN).max(latest);
        return open.isPresent() ? open : candidates.stream().max(latest);
    }

    /** The waves a school took part in (it had access codes or responses in them), newest first. */
    public List<Wave> ofSchool(long schoolId) {
        java.util.Set<Long> ids = new java.util.HashSet<>(monitoring.wavesOfSchool(schoolId));
        return all().stream().filter(w -> ids.contains(w.id())).toList();
    }

    public List<Long> questionnaireVersionIds(long waveId) {
        return waves.questionnaireVersionIds(waveId);
    }

    /** Creates a wave using the newest version of each named questionnaire. */
    @io.micronaut.transaction.annotation.Transactional
    public Wave create(String name, WaveKind kind, Instant opensAt, Instant closesAt, List<String> questionnaireKeys) {
        List<FieldError> errors = new ArrayList<>();
        String cleanName = Names.normalise("name", name, 200, errors);
        if (kind == null) {
            errors.add(FieldError.of("kind", FieldCode.REQUIRED));
        }
        boolean opensKnown = opensAt != null && Dates.check("opensAt", opensAt, errors);
        boolean closesKnown = closesAt != null && Dates.check("closesAt", closesAt, errors);
        if (opensAt == null) {
            errors.add(FieldError.of("opensAt", FieldCode.REQUIRED));
        }
        if (closesAt == null) {
            errors.add(FieldError.of("closesAt", FieldCode.REQUIRED));
        }
        if (opensKnown && closesKnown && !closesAt.isAfter(opensAt)) {
            errors.add(FieldError.of("closesAt", FieldCode.NOT_AFTER, "opensAt"));
        }
        List<LoadedQuestionnaire> used = new ArrayList<>();
        if (questionnaireKeys == null || questionnaireKeys.isEmpty()) {
            errors.add(FieldError.of("questionnaires", FieldCode.REQUIRED));
        } else {
            for (String key : new LinkedHashSet<>(questionnaireKeys)) {
                Optional<LoadedQuestionnaire> q = key == null ? Optional.empty() : questionnaires.latest(key);
                if (q.isEmpty()) {
                    errors.add(FieldError.of("questionnaires", FieldCode.UNKNOWN_REFERENCE, String.valueOf(key)));
                } else {
                    used.add(q.get());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        Wave wave = waves.save(new Wave(null, cleanName, kind, opensAt, closesAt));
        used.forEach(q -> waves.addQuestionnaire(wave.id(), q.versionId()));
        audit.record(AuditLog.Action.WAVE_CREATED, "wave " + wave.id(), wave.name() + " (" + kind + ")");
        return wave;
    }

    /** Closes a wave now, or moves its closing time (extending a wave reopens it). */
    public Wave reschedule(long waveId, Instant closesAt) {
        Wave wave = waves.findById(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        List<FieldError> errors = new ArrayList<>();
        if (closesAt == null || Dates.check("closesAt", closesAt, errors) && !closesAt.isAfter(wave.opensAt())) {
            errors.add(FieldError.of("closesAt", FieldCode.NOT_AFTER, "opensAt"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        waves.updateClosesAt(waveId, closesAt);
        audit.record(AuditLog.Action.WAVE_RESCHEDULED, "wave " + waveId, "closes at " + closesAt);
        return waves.findById(waveId).orElseThrow();
    }

    /**
     * Generates access codes for one group of one school: {@code count} single-use codes, or, with
     * {@code maxUses > 1}, that many shared codes each usable {@code maxUses} times. The group must
     * be expected to have at least k people ({@link SmallGroups}); codes issued before this rule
     * keep working, and the outputs merge their groups when they are small.
     */
    @io.micronaut.transaction.annotation.Transactional
    public List<AccessCode> generateCodes(long waveId, Long schoolId, String questionnaireKey, String groupLabel,
                                          Integer count, Integer maxUses, Integer expectedSize) {
        List<FieldError> errors = new ArrayList<>();
        Wave wave = waves.findById(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        if (schoolId == null || schools.find(schoolId).isEmpty()) {
            errors.add(FieldError.of("schoolId", FieldCode.UNKNOWN_REFERENCE, String.valueOf(schoolId)));
        }
        Long versionId = null;
        for (Long id : waves.questionnaireVersionIds(wave.id())) {
            LoadedQuestionnaire q = questionnaires.byId(id).orElseThrow();
            if (q.key().equals(questionnaireKey)) {
                versionId = id;
            }
        }
        if (versionId == null) {
            errors.add(FieldError.of("questionnaire", FieldCode.NOT_IN_WAVE, String.valueOf(questionnaireKey)));
        }
        String label = Names.normalise("groupLabel", groupLabel, GROUP_LABEL_MAX, errors);
        if (SmallGroups.isReserved(label)) {
            errors.add(FieldError.of("groupLabel", FieldCode.RESERVED_LABEL, SmallGroups.OTHER_GROUPS));
        }
        int n = count == null ? 1 : count;
        if (n < 1 || n > MAX_CODES_PER_REQUEST) {
            errors.add(FieldError.of("count", FieldCode.RANGE, 1, MAX_CODES_PER_REQUEST));
        }
        int uses = maxUses == null ? 1 : maxUses;
        if (uses < 1 || uses > MAX_SHARED_USES) {
            errors.add(FieldError.of("maxUses", FieldCode.RANGE, 1, MAX_SHARED_USES));
        }
        if (!smallGroups.admitsCodesFor(expectedSize)) {
            errors.add(FieldError.of("expectedSize", FieldCode.GROUP_TOO_SMALL, smallGroups.minGroupSize()));
        } else if (expectedSize > MAX_GROUP_SIZE) {
            errors.add(FieldError.of("expectedSize", FieldCode.RANGE, smallGroups.minGroupSize(), MAX_GROUP_SIZE));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
        // one query checks the whole batch; a collision (about 1 in 10^11 per code) is simply redrawn
        java.util.Set<String> fresh = new java.util.LinkedHashSet<>();
        while (fresh.size() < n) {
            while (fresh.size() < n) {
                fresh.add(generator.next());
            }
            codes.findByCodeIn(List.copyOf(fresh)).forEach(taken -> fresh.remove(taken.code()));
        }
        List<AccessCode> created = new ArrayList<>(n);
        for (String code : fresh) {
            created.add(new AccessCode(null, code, wave.id(), schoolId, versionId, label, uses, 0, expectedSize));
        }
        created = codes.saveAll(created);
        // the codes themselves never go into the log
        audit.record(AuditLog.Action.CODES_GENERATED, "wave " + wave.id() + ", school " + schoolId,
                n + " × " + uses + " uses, " + questionnaireKey + ", group " + label);
        return created;
    }

    public List<AccessCode> codes(long waveId) {
        return codes.findByWaveIdOrderBySchoolIdAndGroupLabel(waveId);
    }

    /** What a typed or scanned code opens, if it is a code at all. */
    public Optional<SurveyAccess> resolve(String typedCode) {
        return AccessCodeGenerator.normalize(typedCode).flatMap(this::lookUp);
    }

    /**
     * The same, from what this replica last read for the code, if it read it: for a caller that
     * checks the two things that change under a code, its uses and its wave's dates, in the statement
     * that takes the use (a submission). Everything else a code opens never changes: its school,
     * group, questionnaire version and wave. A code deleted since is caught there too (no row takes
     * the use). Saves a read on every submission (BENCHMARKS.md, Submissions, ninth round).
     */
    public Optional<SurveyAccess> resolveRemembered(String typedCode) {
        Optional<String> normalized = AccessCodeGenerator.normalize(typedCode);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        SurveyAccess remembered = recent.get(normalized.get());
        return remembered != null ? Optional.of(remembered) : lookUp(normalized.get());
    }

    private Optional<SurveyAccess> lookUp(String normalizedCode) {
        Optional<SurveyAccess> access = codeStore.findWithWave(normalizedCode)
                .map(c -> new SurveyAccess(c.accessCode(), c.wave(),
                        questionnaires.byId(c.questionnaireVersionId()).orElseThrow()));
        if (access.isPresent()) {
            if (recent.size() >= MAX_REMEMBERED) {
                recent.clear();   // a crude bound: the codes in use are read again once
            }
            recent.put(normalizedCode, access.get());
        } else {
            recent.remove(normalizedCode);
        }
        return access;
    }
}
