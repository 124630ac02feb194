package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.MeasureNote;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Programme;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.programme.Programmes.MeasureInput;
import org.uklad.programme.Programmes.NewProgramme;
import org.uklad.programme.Programmes.NoteInput;
import org.uklad.programme.Programmes.ProgrammeChange;
import org.uklad.system.StrictJson;

/**
 * Support programmes as JSON (issue #19): the same operations and rules as the pages. The
 * coordinator creates programmes; psychologists of either school of the pair change them (measures,
 * statuses); directors of both schools read them and add progress notes to the measures their
 * school carries out. A construct indicator's baseline is the supported school's published score on
 * 0–100 in the baseline wave, absent below the minimum group size. Bodies are strict JSON; session
 * callers send {@code X-CSRF-Token} on every change. Refusals are problem+json (403, 404, 422 with
 * field errors such as {@code not-a-partnership}, {@code not-after}, {@code unknown-reference}).
 */
@Controller("/api/v1/staff/programmes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ProgrammeApiController {

    private final StrictJson json;
    private final Programmes programmes;
    private final Roadmap roadmap;

    ProgrammeApiController(StrictJson json, Programmes programmes, Roadmap roadmap) {
        this.json = json;
        this.programmes = programmes;
        this.roadmap = roadmap;
    }

    record ProgrammeBody(@Nullable Long supportedSchoolId, @Nullable Long mentorSchoolId, @Nullable String title,
                         @Nullable String goals, @Nullable List<String> risks, @Nullable Long baselineWaveId) {}

    record ChangeBody(@Nullable String title, @Nullable String goals, @Nullable List<String> risks,
                      @Nullable Long baselineWaveId) {}

    record MeasureBody(@Nullable String title, @Nullable Owner owner, @Nullable String riskFactor,
                       @Nullable IndicatorKind indicatorKind, @Nullable String questionnaireKey, @Nullable String constructId,
                       @Nullable String assessment, @Nullable String subject, @Nullable Long baselineWaveId,
                       @Nullable Double baselineValue, @Nullable Double targetValue, @Nullable LocalDate startsOn,
                       @Nullable LocalDate dueOn, @Nullable Status status) {

        MeasureInput input() {
            return new MeasureInput(title, owner, riskFactor, indicatorKind, questionnaireKey, constructId, assessment, subject,
                    baselineWaveId, baselineValue, targetValue, startsOn, dueOn, status);
        }
    }

    record StatusBody(@Nullable Status status) {}

    record NoteBody(@Nullable LocalDate notedOn, @Nullable String body) {}

    /** A measure with its notes and whether the caller may add one. */
    @Serdeable
    record MeasureView(Measure measure, List<MeasureNote> notes, boolean mayNote) {}

    /** A programme with its measures and whether the caller may change it. */
    @Serdeable
    record ProgrammeView(Programme programme, List<MeasureView> measures, boolean mayEdit) {

        static ProgrammeView of(Programmes.Detail d) {
            return new ProgrammeView(d.programme(), d.measures().stream()
                    .map(m -> new MeasureView(m.measure(), m.notes(), m.mayNote())).toList(), d.mayEdit());
        }
    }

    /** One road-map row: the measure, its programme's id and schools, and whether it is overdue. */
    @Serdeable
    record RoadmapRow(long programmeId, String programme, String municipality, String supportedSchool,
                      @Nullable String mentorSchool, Measure measure, boolean overdue) {}

    /**
     * The programmes the caller may read (the coordinator: all), optionally of one municipality (of
     * the supported school).
     */
    @Get
    List<Programme> list(Authentication auth, @QueryValue @Nullable String municipality) {
        return programmes.list(auth, municipality);
    }

    /** Creates a programme for a supported school and its mentor by a registry partnership (coordinator only). */
    @Post
    HttpResponse<Programme> create(HttpRequest<?> request, Authentication auth, @Body @Nullable byte[] raw) {
        ProgrammeBody b = json.read(request, raw, ProgrammeBody.class);
        return HttpResponse.created(programmes.create(auth, new NewProgramme(b.supportedSchoolId(), b.mentorSchoolId(),
                b.title(), b.goals(), b.risks(), b.baselineWaveId())));
    }

    /**
     * The road map: every measure of the programmes the caller may read, overdue first (due before
     * today, neither DONE nor DROPPED), then by due day.
     */
    @Get("/roadmap")
    List<RoadmapRow> roadmap(Authentication auth, @QueryValue @Nullable String municipality) {
        return roadmap.rows(auth, municipality, LocalDate.now()).stream()
                .map(r -> new RoadmapRow(r.programme().id(), r.programme().title(), r.municipality(), r.supportedSchool(),
                        r.mentorSchool(), r.measure(), r.overdue())).toList();
    }

    /** The road map as CSV (UTF-8 with BOM; text cells neutralised against spreadsheet formulas). */
    @Get(value = "/roadmap.csv", produces = "text/csv;charset=utf-8")
    HttpResponse<byte[]> roadmapCsv(Authentication auth, @QueryValue @Nullable String municipality) {
        return HttpResponse.ok(roadmap.csv(roadmap.rows(auth, municipality, LocalDate.now())).getBytes(StandardCharsets.UTF_8))
                .contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"roadmap.csv\"");
    }

    /** A programme with its measures and their dated notes. */
    @Get("/{id}")
    ProgrammeView get(Authentication auth, @PathVariable long id) {
        return ProgrammeView.of(programmes.detail(auth, id));
    }

    /** Changes a programme's title, goals, risk factor ids and baseline wave (the pair stays). */
    @Put("/{id}")
    Programme update(HttpRequest<?> request, Authentication auth, @PathVariable long id, @Body @Nullable byte[] raw) {
        ChangeBody b = json.read(request, raw, ChangeBody.class);
        return programmes.update(auth, id, new ProgrammeChange(b.title(), b.goals(), b.risks(), b.baselineWaveId()));
    }

    /**
     * Adds a measure. The indicator is a construct ({@code questionnaireKey}, {@code constructId} of
     * a questionnaire of the baseline wave, whose baseline value the service fills in) or an external
     * result ({@code assessment}, {@code subject}, with the baseline value given).
     */
    @Post("/{id}/measures")
    HttpResponse<Measure> addMeasure(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                     @Body @Nullable byte[] raw) {
        return HttpResponse.created(programmes.addMeasure(auth, id, json.read(request, raw, MeasureBody.class).input()));
    }

    /** Replaces a measure's fields (its construct baseline is taken anew). */
    @Put("/{id}/measures/{measureId}")
    Measure updateMeasure(HttpRequest<?> request, Authentication auth, @PathVariable long id, @PathVariable long measureId,
                          @Body @Nullable byte[] raw) {
        return programmes.updateMeasure(auth, id, measureId, json.read(request, raw, MeasureBody.class).input());
    }

    /** Moves a measure to PLANNED, IN_PROGRESS, DONE or DROPPED. */
    @Put("/{id}/measures/{measureId}/status")
    Measure status(HttpRequest<?> request, Authentication auth, @PathVariable long id, @PathVariable long measureId,
                   @Body @Nullable byte[] raw) {
        return programmes.changeStatus(auth, id, measureId, json.read(request, raw, StatusBody.class).status());
    }

    /** Adds a dated progress note to a measure (editors, and staff of the school that carries the measure out). */
    @Post("/{id}/measures/{measureId}/notes")
    HttpResponse<MeasureNote> note(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                   @PathVariable long measureId, @Body @Nullable byte[] raw) {
        NoteBody b = json.read(request, raw, NoteBody.class);
        return HttpResponse.created(programmes.addNote(auth, id, measureId, new NoteInput(b.notedOn(), b.body())));
    }
}
