package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffAuthentication;
import org.uklad.audit.AuditLog;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.MeasureNote;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.programme.ProgrammeRepositories.MeasureRepository;
import org.uklad.programme.ProgrammeRepositories.NoteRepository;
import org.uklad.programme.ProgrammeRepositories.ProgrammeRepository;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.Jdbc;
import org.uklad.system.ProblemException;
import org.uklad.wave.Waves;

/**
 * Support programmes (issue #19): a programme of a supported school and its mentor school (the
 * registry's pair; or a school without a mentor), with measures and dated progress notes. Who may
 * do what is asked of {@link SchoolScope}: the coordinator creates programmes and sees all;
 * psychologists of either school of the pair change the pair's programme; directors of both schools
 * read it and note progress on the measures their school carries out. Every change is audited;
 * a refusal is 403 as everywhere in the staff workspace, an unknown id 404.
 */
@Singleton
public class Programmes {

    private final Jdbc jdbc;
    private final ProgrammeRepository programmes;
    private final MeasureRepository measures;
    private final NoteRepository notes;
    private final SchoolScope scope;
    private final Schools schools;
    private final Waves waves;
    private final Indicators indicators;
    private final AuditLog audit;

    Programmes(Jdbc jdbc, ProgrammeRepository programmes, MeasureRepository measures, NoteRepository notes,
               SchoolScope scope, Schools schools, Waves waves, Indicators indicators, AuditLog audit) {
        this.jdbc = jdbc;
        this.programmes = programmes;
        this.measures = measures;
        this.notes = notes;
        this.scope = scope;
        this.schools = schools;
        this.waves = waves;
        this.indicators = indicators;
        this.audit = audit;
    }

    /** A new programme: the pair, its title, goals, risk factor ids and baseline wave. */
    public record NewProgramme(@Nullable Long supportedSchoolId, @Nullable Long mentorSchoolId, @Nullable String title,
                               @Nullable String goals, @Nullable List<String> risks, @Nullable Long baselineWaveId) {}

    /** What may change of a programme (the pair may not: a new pair is a new programme). */
    public record ProgrammeChange(@Nullable String title, @Nullable String goals, @Nullable List<String> risks,
                                  @Nullable Long baselineWaveId) {}

    /**
     * A measure as sent. For a CONSTRUCT indicator the baseline value is never taken from here: it is
     * the school's published score in the baseline wave (absent below k).
     */
    public record MeasureInput(@Nullable String title, @Nullable Owner owner, @Nullable String riskFactor,
                               @Nullable IndicatorKind indicatorKind, @Nullable String questionnaireKey,
                               @Nullable String constructId, @Nullable String assessment, @Nullable String subject,
                               @Nullable Long baselineWaveId, @Nullable Double baselineValue, @Nullable Double targetValue,
                               @Nullable LocalDate startsOn, @Nullable LocalDate dueOn, @Nullable Status status) {}

    /** A progress note as sent. */
    public record NoteInput(@Nullable LocalDate notedOn, @Nullable String body) {}

    /** A measure with its notes, and whether the reader may add a note to it. */
    public record MeasureDetail(Measure measure, List<MeasureNote> notes, boolean mayNote) {}

    /** A programme with its measures (by due day) and what the reader may do with it. */
    public record Detail(Programme programme, List<MeasureDetail> measures, boolean mayEdit) {}

    // ---- reading -----------------------------------------------------------------------------

    /** The programmes the user may read, newest last; {@code municipality} (of the supported school) filters. */
    public List<Programme> list(Authentication auth, @Nullable String municipality) {
        Map<Long, School> byId = schools.all().stream().collect(Collectors.toMap(School::id, s -> s));
        return programmes.findAllOrderById().stream()
                .filter(p -> scope.canReadProgramme(auth, p.supportedSchoolId(), p.mentorSchoolId()))
                .filter(p -> municipality == null || municipality.isBlank()
                        || byId.containsKey(p.supportedSchoolId()) && byId.get(p.supportedSchoolId()).municipality().equals(municipality))
                .toList();
    }

    /** The programme with its measures and notes; 404 unknown, 403 not the reader's. */
    public Detail detail(Authentication auth, long id) {
        Programme p = readable(auth, id);
        return details(auth, List.of(p)).getFirst();
    }

    /** Each programme with its measures and notes, in the order given (read in three queries). */
    public List<Detail> details(Authentication auth, List<Programme> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<Measure> all = measures.findByProgrammeIdInList(list.stream().map(Programme::id).toList(),
                ProgrammeRepositories.BY_DUE_DAY);
        Map<Long, List<MeasureNote>> notesOf = all.isEmpty() ? Map.of()
                : notes.findByMeasureIdInList(all.stream().map(Measure::id).toList(), ProgrammeRepositories.BY_DAY).stream()
                        .collect(Collectors.groupingBy(MeasureNote::measureId));
        List<Detail> out = new ArrayList<>();
        for (Programme p : list) {
            boolean edit = scope.canEditProgramme(auth, p.supportedSchoolId(), p.mentorSchoolId());
            List<MeasureDetail> ms = all.stream().filter(m -> m.programmeId() == p.id())
                    .map(m -> new MeasureDetail(m, notesOf.getOrDefault(m.id(), List.of()), edit || mayNote(auth, p, m)))
                    .toList();
            out.add(new Detail(p, ms, edit));
        }
        return out;
    }

    private boolean mayNote(Authentication auth, Programme p, Measure m) {
        return scope.mayNoteMeasure(auth, owningSchool(p, m.owner()));
    }

    /** The school that carries out a measure of the owner's kind; null for the municipality (or no mentor). */
    static @Nullable Long owningSchool(Programme p, Owner owner) {
        return switch (owner) {
            case SUPPORTED_SCHOOL -> p.supportedSchoolId();
            case MENTOR_SCHOOL -> p.mentorSchoolId();
            case MUNICIPALITY -> null;
        };
    }

    Programme readable(Authentication auth, long id) {
        Programme p = programmes.findById(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        scope.requireReadProgramme(auth, p.supportedSchoolId(), p.mentorSchoolId());
        return p;
    }

    private Programme editable(Authentication auth, long id) {
        Programme p = readable(auth, id);
        if (!scope.canEditProgramme(auth, p.supportedSchoolId(), p.mentorSchoolId())) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        return p;
    }

    private Measure measureOf(Programme p, long measureId) {
        return measures.findById(measureId).filter(m -> m.programmeId() == p.id())
                .orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    // ---- changes -----------------------------------------------------------------------------

    /** Throws 403 unless the user may create programmes (the new-programme form is theirs only). */
    public void requireCreate(Authentication auth) {
        if (!scope.mayCreateProgramme(auth)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
    }

    /** Creates a programme (the coordinator only). */
    public Programme create(Authentication auth, NewProgramme in) {
        requireCreate(auth);
        List<FieldError> errors = ProgrammeChecks.list();
        checkPair(in.supportedSchoolId(), in.mentorSchoolId(), errors);
        String title = ProgrammeChecks.title("title", in.title(), ProgrammeChecks.TITLE_MAX, errors);
        String goals = ProgrammeChecks.text("goals", in.goals(), ProgrammeChecks.GOALS_MAX, false, errors);
        String[] risks = ProgrammeChecks.risks(in.risks(), errors);
        checkWave("baselineWaveId", in.baselineWaveId(), errors);
        failOn(errors);
        Programme saved = programmes.save(new Programme(null, in.supportedSchoolId(), in.mentorSchoolId(), title, goals, risks,
                in.baselineWaveId(), null, null));
        audit.record(AuditLog.Action.PROGRAMME_CREATED, "school " + saved.supportedSchoolId(),
                "programme " + saved.id() + (saved.mentorSchoolId() == null ? "" : ", mentor school " + saved.mentorSchoolId()));
        return saved;
    }

    /** The pair: a known school and, if given, its mentor by a registry partnership; a school with a mentor needs it. */
    private void checkPair(@Nullable Long supported, @Nullable Long mentor, List<FieldError> errors) {
        if (supported == null || schools.find(supported).isEmpty()) {
            errors.add(FieldError.of("supportedSchoolId", supported == null ? FieldCode.REQUIRED : FieldCode.UNKNOWN_REFERENCE,
                    supported == null ? "" : supported));
            return;
        }
        Set<Long> mentors = schools.partnerships().stream().filter(p -> p.supportedSchoolId().equals(supported))
                .map(Partnership::mentorSchoolId).collect(Collectors.toSet());
        if (mentor == null) {
            if (!mentors.isEmpty()) {
                errors.add(FieldError.of("mentorSchoolId", FieldCode.REQUIRED));
            }
        } else if (schools.find(mentor).isEmpty()) {
            errors.add(FieldError.of("mentorSchoolId", FieldCode.UNKNOWN_REFERENCE, mentor));
        } else if (!mentors.contains(mentor)) {
            errors.add(FieldError.of("mentorSchoolId", FieldCode.NOT_A_PARTNERSHIP));
        }
    }

    private void checkWave(String field, @Nullable Long waveId, List<FieldError> errors) {
        if (waveId != null && waves.find(waveId).isEmpty()) {
            errors.add(FieldError.of(field, FieldCode.UNKNOWN_REFERENCE, waveId));
        }
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, errors);
        }
    }

    /** Changes a programme's title, goals, risks and baseline wave. */
    public Programme update(Authentication auth, long id, ProgrammeChange in) {
        Programme p = editable(auth, id);
        List<FieldError> errors = ProgrammeChecks.list();
        String title = ProgrammeChecks.title("title", in.title(), ProgrammeChecks.TITLE_MAX, errors);
        String goals = ProgrammeChecks.text("goals", in.goals(), ProgrammeChecks.GOALS_MAX, false, errors);
        String[] risks = ProgrammeChecks.risks(in.risks(), errors);
        checkWave("baselineWaveId", in.baselineWaveId(), errors);
        failOn(errors);
        programmes.change(id, title, goals, risks, in.baselineWaveId());
        audit.record(AuditLog.Action.PROGRAMME_UPDATED, "school " + p.supportedSchoolId(), "programme " + id);
        return programmes.findById(id).orElseThrow();
    }

    /** Adds a measure to a programme. */
    public Measure addMeasure(Authentication auth, long programmeId, MeasureInput in) {
        Programme p = editable(auth, programmeId);
        Measure m = measures.save(checked(p, null, in));
        audit.record(AuditLog.Action.MEASURE_ADDED, "school " + p.supportedSchoolId(),
                "programme " + p.id() + ", measure " + m.id());
        return m;
    }

    /** Changes a measure wholly (its baseline is taken anew from the baseline wave). */
    public Measure updateMeasure(Authentication auth, long programmeId, long measureId, MeasureInput in) {
        Programme p = editable(auth, programmeId);
        Measure old = measureOf(p, measureId);
        Measure m = measures.update(checked(p, old, in));
        audit.record(AuditLog.Action.MEASURE_UPDATED, "school " + p.supportedSchoolId(),
                "programme " + p.id() + ", measure " + m.id());
        return m;
    }

    /** Moves a measure to another status. */
    public Measure changeStatus(Authentication auth, long programmeId, long measureId, @Nullable Status status) {
        Programme p = editable(auth, programmeId);
        Measure m = measureOf(p, measureId);
        if (status == null) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, List.of(FieldError.of("status", FieldCode.REQUIRED)));
        }
        measures.changeStatus(measureId, status.name());
        audit.record(AuditLog.Action.MEASURE_STATUS_CHANGED, "school " + p.supportedSchoolId(),
                "programme " + p.id() + ", measure " + measureId + ": " + m.status() + " → " + status);
        return measures.findById(measureId).orElseThrow();
    }

    /** Adds a dated progress note: editors of the programme, or staff of the school that carries the measure out. */
    public MeasureNote addNote(Authentication auth, long programmeId, long measureId, NoteInput in) {
        Programme p = readable(auth, programmeId);
        Measure m = measureOf(p, measureId);
        if (!scope.canEditProgramme(auth, p.supportedSchoolId(), p.mentorSchoolId()) && !mayNote(auth, p, m)) {
            throw new ProblemException(ErrorCode.FORBIDDEN);
        }
        List<FieldError> errors = ProgrammeChecks.list();
        LocalDate latest = LocalDate.now().plusDays(1);
        if (in.notedOn() == null) {
            errors.add(FieldError.of("notedOn", FieldCode.INVALID_DATE));
        } else if (in.notedOn().isBefore(ProgrammeChecks.EARLIEST) || in.notedOn().isAfter(latest)) {
            errors.add(FieldError.of("notedOn", FieldCode.RANGE, ProgrammeChecks.EARLIEST.toString(), latest.toString()));
        }
        String body = ProgrammeChecks.text("body", in.body(), ProgrammeChecks.NOTE_MAX, true, errors);
        failOn(errors);
        MeasureNote note = notes.save(new MeasureNote(null, measureId, in.notedOn(), body, scope.authorRole(auth),
                authorSchool(auth, p, m), null));
        audit.record(AuditLog.Action.MEASURE_NOTE_ADDED, "school " + p.supportedSchoolId(),
                "programme " + p.id() + ", measure " + measureId);
        return note;
    }

    /** The author's school as a note records it: the measure's own school if it is the author's, else the author's school of the pair. */
    private static @Nullable Long authorSchool(Authentication auth, Programme p, Measure m) {
        List<Long> own = StaffAuthentication.ownSchools(auth);
        Long owning = owningSchool(p, m.owner());
        if (owning != null && own.contains(owning)) {
            return owning;
        }
        if (own.contains(p.supportedSchoolId())) {
            return p.supportedSchoolId();
        }
        return p.mentorSchoolId() != null && own.contains(p.mentorSchoolId()) ? p.mentorSchoolId() : null;
    }

    /** The measure to store: every field checked, the baseline of a construct taken from the published indices. */
    private Measure checked(Programme p, @Nullable Measure old, MeasureInput in) {
        List<FieldError> errors = ProgrammeChecks.list();
        String title = ProgrammeChecks.title("title", in.title(), ProgrammeChecks.MEASURE_TITLE_MAX, errors);
        if (in.owner() == null) {
            errors.add(FieldError.of("owner", FieldCode.REQUIRED));
        } else if (in.owner() == Owner.MENTOR_SCHOOL && p.mentorSchoolId() == null) {
            errors.add(FieldError.of("owner", FieldCode.NOT_AN_OPTION));
        }
        String risk = ProgrammeChecks.risk(in.riskFactor(), errors);
        Long wave = in.baselineWaveId() != null ? in.baselineWaveId() : p.baselineWaveId();
        checkWave("baselineWaveId", wave, errors);
        String key = null;
        String construct = null;
        String assessment = null;
        String subject = null;
        Double baseline = null;
        if (in.indicatorKind() == null) {
            errors.add(FieldError.of("indicator", FieldCode.REQUIRED));
        } else if (in.indicatorKind() == IndicatorKind.CONSTRUCT) {
            key = in.questionnaireKey() == null ? "" : in.questionnaireKey().strip();
            construct = in.constructId() == null ? "" : in.constructId().strip();
            if (key.isEmpty() || construct.isEmpty()) {
                errors.add(FieldError.of("indicator", FieldCode.REQUIRED));
            } else if (wave == null) {
                errors.add(FieldError.of("baselineWaveId", FieldCode.REQUIRED));
            } else if (waves.find(wave).isPresent() && indicators.find(wave, key, construct).isEmpty()) {
                String shown = key + "/" + construct;
                errors.add(FieldError.of("indicator", FieldCode.UNKNOWN_REFERENCE, shown.length() > 80 ? "" : shown));
            }
        } else {
            assessment = ProgrammeChecks.title("assessment", in.assessment(), ProgrammeChecks.ASSESSMENT_MAX, errors);
            subject = ProgrammeChecks.title("subject", in.subject(), ProgrammeChecks.SUBJECT_MAX, errors);
            ProgrammeChecks.value("baselineValue", in.baselineValue(), errors);
            baseline = in.baselineValue();
        }
        ProgrammeChecks.value("targetValue", in.targetValue(), errors);
        ProgrammeChecks.day("startsOn", in.startsOn(), errors);
        ProgrammeChecks.day("dueOn", in.dueOn(), errors);
        if (in.startsOn() != null && in.dueOn() != null && in.dueOn().isBefore(in.startsOn())) {
            errors.add(FieldError.of("dueOn", FieldCode.NOT_AFTER, in.startsOn().toString()));
        }
        failOn(errors);
        if (in.indicatorKind() == IndicatorKind.CONSTRUCT) {
            baseline = indicators.baseline(wave, p.supportedSchoolId(), key, construct);
        }
        Status status = in.status() != null ? in.status() : old != null ? old.status() : Status.PLANNED;
        return new Measure(old == null ? null : old.id(), p.id(), title, in.owner(), risk, in.indicatorKind(), key, construct,
                assessment, subject, wave, baseline, in.targetValue(), in.startsOn(), in.dueOn(), status,
                old == null ? null : old.createdAt(), null);
    }
}
