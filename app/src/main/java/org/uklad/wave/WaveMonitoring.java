package org.uklad.wave;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.system.ErrorCode;
import org.uklad.system.ProblemException;

/**
 * Who may see which wave in the staff workspace, and the live response counts of a wave. Counts
 * are not indices: they are shown for any group size (they are needed to chase response rates),
 * but nothing is ever shown per respondent. Anything beyond counts added per group here must pass
 * {@link org.uklad.system.SmallGroups} like the responses CSV.
 */
@Singleton
public class WaveMonitoring {

    private final Waves waves;
    private final MonitoringRepository repository;
    private final SchoolScope scope;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;

    WaveMonitoring(Waves waves, MonitoringRepository repository, SchoolScope scope, Schools schools,
                   QuestionnaireRegistry questionnaires) {
        this.waves = waves;
        this.repository = repository;
        this.scope = scope;
        this.schools = schools;
        this.questionnaires = questionnaires;
    }

    /**
     * The schools whose monitoring the user sees: all (coordinator), the assigned ones
     * (psychologist), the own school only (director: partners are for comparing indices, not for
     * watching their response rates).
     */
    public List<Long> monitoredSchools(@Nullable Authentication auth) {
        return scope.monitorsOwnSchoolsOnly(auth) ? List.copyOf(StaffAuthentication.ownSchools(auth))
                : scope.readableSchools(auth);
    }

    /**
     * The waves the user sees: a coordinator all of them; others the waves with codes for their
     * schools, and a psychologist also every wave not yet closed (to add codes for their schools)
     * and every wave without any code yet (one they have just created).
     */
    public List<Wave> visible(@Nullable Authentication auth) {
        if (scope.isCoordinator(auth)) {
            return waves.all();
        }
        List<Long> mine = monitoredSchools(auth); // none for someone without a staff role
        Set<Long> withCodes = new HashSet<>(mine.isEmpty() ? List.of() : repository.wavesWithCodesFor(mine));
        if (!scope.mayManageWaves(auth)) {
            return waves.all().stream().filter(w -> withCodes.contains(w.id())).toList();
        }
        Set<Long> anyCodes = new HashSet<>(repository.wavesWithAnyCodes());
        Instant now = Instant.now();
        return waves.all().stream().filter(w -> withCodes.contains(w.id()) || w.stateAt(now) != WaveState.CLOSED
                || !anyCodes.contains(w.id())).toList();
    }

    /** The wave if the user may see it; 404 if there is none, 403 if it is not theirs. */
    public Wave require(@Nullable Authentication auth, long waveId) {
        Wave wave = waves.find(waveId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        if (scope.isCoordinator(auth)) {
            return wave;
        }
        if (visible(auth).stream().noneMatch(w -> w.id().equals(waveId))) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        return wave;
    }

    /**
     * May the user close the wave or move its closing time? That changes it for every school it
     * covers, so only someone who edits each of them may: a psychologist the wave of their own
     * schools (or one without codes yet), a wave reaching other schools only a coordinator.
     */
    public boolean canReschedule(@Nullable Authentication auth, long waveId) {
        return scope.mayManageWaves(auth) && repository.schoolsOfWave(waveId).stream().allMatch(s -> scope.canEdit(auth, s));
    }

    /** The wave if the user may close or move it ({@link #canReschedule}); 404 if there is none, otherwise 403. */
    public Wave requireReschedule(@Nullable Authentication auth, long waveId) {
        Wave wave = require(auth, waveId);
        if (!canReschedule(auth, waveId)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        return wave;
    }

    @Serdeable
    public record GroupRow(long questionnaireVersionId, String questionnaire, String respondent, String title,
                           String groupLabel, long responses, @Nullable Integer expected, @Nullable Integer rate) {}

    @Serdeable
    public record SchoolRows(long schoolId, String name, long responses, @Nullable Integer expected,
                             @Nullable Integer rate, List<GroupRow> groups) {}

    @Serdeable
    public record Monitoring(long waveId, String name, WaveState state, Instant closesAt, Instant generatedAt,
                             long responses, List<SchoolRows> schools) {}

    /** Response rate in whole percent, or null when no expected size is known. */
    static @Nullable Integer rate(long responses, @Nullable Integer expected) {
        if (expected == null || expected <= 0) {
            return null;
        }
        return (int) Math.round(100.0 * responses / expected);
    }

    /** The live counts of a wave for the schools the user monitors. */
    public Monitoring monitoring(@Nullable Authentication auth, long waveId, String language) {
        return monitoring(auth, require(auth, waveId), language);
    }

    /** The same for a wave the caller has already checked with {@link #require}. */
    public Monitoring monitoring(@Nullable Authentication auth, Wave wave, String language) {
        long waveId = wave.id();
        List<Long> ids = monitoredSchools(auth);
        List<GroupCount> counts = ids.isEmpty() ? List.of() : repository.groups(waveId, ids);
        Map<Long, List<GroupRow>> bySchool = new LinkedHashMap<>();
        Map<Long, LoadedQuestionnaire> loaded = new LinkedHashMap<>();
        for (GroupCount c : counts) {
            LoadedQuestionnaire q = loaded.computeIfAbsent(c.questionnaireVersionId(),
                    id -> questionnaires.byId(id).orElseThrow());
            bySchool.computeIfAbsent(c.schoolId(), k -> new ArrayList<>()).add(new GroupRow(c.questionnaireVersionId(),
                    q.key(), q.questionnaire().respondent().name(), q.questionnaire().title().in(language), c.groupLabel(),
                    c.responses(), c.expected(), rate(c.responses(), c.expected())));
        }
        List<SchoolRows> out = new ArrayList<>();
        Map<Long, String> names = new java.util.HashMap<>();   // one query, not one per school
        schools.all().forEach(sc -> names.put(sc.id(), sc.name()));
        long total = 0;
        for (Long id : ids) {
            List<GroupRow> groups = bySchool.get(id);
            if (groups == null) {
                continue;
            }
            long responses = groups.stream().mapToLong(GroupRow::responses).sum();
            boolean allKnown = groups.stream().allMatch(g -> g.expected() != null);
            Integer expected = allKnown ? groups.stream().mapToInt(GroupRow::expected).sum() : null;
            out.add(new SchoolRows(id, names.get(id), responses, expected, rate(responses, expected), groups));
            total += responses;
        }
        return new Monitoring(wave.id(), wave.name(), wave.stateAt(Instant.now()), wave.closesAt(), Instant.now(), total, out);
    }
}
