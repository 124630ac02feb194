package org.uklad.programme;

import static org.uklad.account.StaffForms.echo;
import static org.uklad.account.StaffPageSupport.page;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.programme.ProgrammePresenter.Refused;
import org.uklad.programme.ProgrammeRecords.IndicatorKind;
import org.uklad.programme.ProgrammeRecords.Owner;
import org.uklad.programme.ProgrammeRecords.Status;
import org.uklad.programme.Programmes.MeasureInput;
import org.uklad.programme.Programmes.NewProgramme;
import org.uklad.programme.Programmes.NoteInput;
import org.uklad.programme.Programmes.ProgrammeChange;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;

/**
 * The support-programme pages: the list (by municipality), a new programme (the coordinator; the
 * risk page links here with {@code ?school=&risk=}), a programme with its measures and notes and
 * the forms to change them, and the road map with its CSV. Forms are read with
 * {@link StaffPageSupport#form} (the CSRF filter reads the body) and answered Post/Redirect/Get;
 * the pages are built by {@link ProgrammePresenter}. The rules are {@link Programmes}'.
 */
@Controller("/staff/programmes")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class ProgrammePagesController {

    static final List<String> MEASURE_FIELDS = List.of("title", "owner", "riskFactor", "indicator", "assessment", "subject",
            "baselineWave", "baselineValue", "targetValue", "startsOn", "dueOn", "status");

    private final StaffForms forms;
    private final ProgrammePresenter presenter;
    private final Programmes programmes;
    private final Roadmap roadmap;

    ProgrammePagesController(StaffForms forms, ProgrammePresenter presenter, Programmes programmes, Roadmap roadmap) {
        this.forms = forms;
        this.presenter = presenter;
        this.programmes = programmes;
        this.roadmap = roadmap;
    }

    @Nullable
    static Long id(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Nullable
    static LocalDate day(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;   // reported by the service as invalid-date
        }
    }

    /** A number typed in a form (point or comma); an unreadable one is added to {@code found}. */
    @Nullable
    static Double number(String field, String value, List<FieldError> found) {
        String s = value == null ? "" : value.strip().replace(',', '.');
        if (s.isEmpty()) {
            return null;
        }
        if (!s.matches("[+-]?(\\d{1,9}(\\.\\d{0,6})?|\\.\\d{1,6})")) {
            found.add(FieldError.of(field, FieldCode.NUMBER));
            return null;
        }
        return Double.parseDouble(s);
    }

    static List<String> risks(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.strip().split("[,;\\s]+"));
    }

    private static <E extends Enum<E>> E option(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(value)).findFirst().orElse(null);
    }

    private static HttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
    }

    private static Map<String, String> fields(HttpRequest<?> request, List<String> names) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        Map<String, String> out = new LinkedHashMap<>();
        // the risk factors are checkboxes: every ticked one, as the comma-separated list the forms echo
        names.forEach(n -> out.put(n, n.equals("risks") ? String.join(", ", form.getOrDefault(n, List.of()))
                : StaffPageSupport.field(form, n)));
        return out;
    }

    // ---- list, new ---------------------------------------------------------------------------

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String municipality,
                         @QueryValue @Nullable String notice) {
        return page("staff/programme/list", presenter.listPage(request, auth, municipality, notice), HttpStatus.OK);
    }

    @Get("/new")
    HttpResponse<?> newForm(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String school,
                            @QueryValue @Nullable String risk) {
        programmes.requireCreate(auth);
        return page("staff/programme/new", presenter.newPage(request, auth, presenter.newValues(id(school), risk), Map.of()),
                HttpStatus.OK);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth) {
        Map<String, String> v = fields(request, List.of("pair", "title", "goals", "risks", "baselineWave"));
        String[] pair = v.get("pair").split(":", -1);
        NewProgramme in = new NewProgramme(id(pair[0]), pair.length > 1 ? id(pair[1]) : null, v.get("title"), v.get("goals"),
                risks(v.get("risks")), id(v.get("baselineWave")));
        return forms.submit(request, () -> redirect("/staff/programmes/" + programmes.create(auth, in).id() + "?notice=created"),
                refused -> new ModelAndView<>("staff/programme/new", presenter.newPage(request, auth, echo(v, 5000),
                        pairErrors(presenter.errors(request, refused.errors())))));
    }

    /** The form has one field for the pair: both schools' errors are shown there. */
    private static Map<String, String> pairErrors(Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((k, e) -> out.putIfAbsent(k.equals("supportedSchoolId") || k.equals("mentorSchoolId") ? "pair" : k, e));
        return out;
    }

    // ---- road map ----------------------------------------------------------------------------

    @Get("/roadmap")
    HttpResponse<?> roadmap(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String municipality) {
        return page("staff/programme/roadmap", presenter.roadmapPage(request, auth, municipality), HttpStatus.OK);
    }

    @Get("/roadmap.csv")
    @Produces("text/csv;charset=utf-8")
    HttpResponse<?> roadmapCsv(Authentication auth, @QueryValue @Nullable String municipality) {
        String body = roadmap.csv(roadmap.rows(auth, municipality, LocalDate.now()));
        return HttpResponse.ok(body.getBytes(StandardCharsets.UTF_8)).contentType("text/csv;charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"roadmap.csv\"");
    }

    // ---- one programme -----------------------------------------------------------------------

    @Get("/{id}")
    HttpResponse<?> show(HttpRequest<?> request, Authentication auth, @PathVariable long id, @QueryValue @Nullable String notice) {
        return page("staff/programme/show", presenter.showPage(request, auth, programmes.detail(auth, id), Refused.NONE, notice),
                HttpStatus.OK);
    }

    private ModelAndView<?> again(HttpRequest<?> request, Authentication auth, long id, String form, Map<String, String> values,
                                  Map<String, String> errors) {
        return new ModelAndView<>("staff/programme/show", presenter.showPage(request, auth, programmes.detail(auth, id),
                new Refused(form, echo(values, 5000), errors), null));
    }

    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Map<String, String> v = fields(request, List.of("title", "goals", "risks", "baselineWave"));
        ProgrammeChange in = new ProgrammeChange(v.get("title"), v.get("goals"), risks(v.get("risks")), id(v.get("baselineWave")));
        return forms.submit(request, () -> {
            programmes.update(auth, id, in);
            return redirect("/staff/programmes/" + id + "?notice=saved");
        }, refused -> again(request, auth, id, "programme", v, baselineErrors(presenter.errors(request, refused.errors()))));
    }

    /** The form's field is the wave; the service names it baselineWaveId. */
    private static Map<String, String> baselineErrors(Map<String, String> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((k, e) -> out.putIfAbsent(k.equals("baselineWaveId") ? "baselineWave" : k, e));
        return out;
    }

    private static MeasureInput measure(Map<String, String> v, List<FieldError> found) {
        String indicator = v.get("indicator");
        IndicatorKind kind = indicator.isEmpty() ? null : indicator.equals("external") ? IndicatorKind.EXTERNAL
                : IndicatorKind.CONSTRUCT;
        String[] construct = indicator.split("/", 2);
        return new MeasureInput(v.get("title"), option(Owner.class, v.get("owner")), v.get("riskFactor"), kind,
                kind == IndicatorKind.CONSTRUCT ? construct[0] : null,
                kind == IndicatorKind.CONSTRUCT && construct.length > 1 ? construct[1] : null,
                v.get("assessment"), v.get("subject"), id(v.get("baselineWave")),
                number("baselineValue", v.get("baselineValue"), found), number("targetValue", v.get("targetValue"), found),
                day(v.get("startsOn")), day(v.get("dueOn")), option(Status.class, v.get("status")));
    }

    @Post("/{id}/measures")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> addMeasure(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Map<String, String> v = fields(request, MEASURE_FIELDS);
        List<FieldError> found = new ArrayList<>();
        MeasureInput in = measure(v, found);
        return forms.submit(request, found, false, () -> {
            long measureId = programmes.addMeasure(auth, id, in).id();
            return redirect("/staff/programmes/" + id + "?notice=added#measure-" + measureId);
        }, refused -> again(request, auth, id, "measure", v, baselineErrors(presenter.errors(request, refused.errors()))));
    }

    @Post("/{id}/measures/{measureId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> updateMeasure(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                  @PathVariable long measureId) {
        Map<String, String> v = fields(request, MEASURE_FIELDS);
        List<FieldError> found = new ArrayList<>();
        MeasureInput in = measure(v, found);
        return forms.submit(request, found, false, () -> {
            programmes.updateMeasure(auth, id, measureId, in);
            return redirect("/staff/programmes/" + id + "?notice=saved#measure-" + measureId);
        }, refused -> again(request, auth, id, "edit:" + measureId, v,
                baselineErrors(presenter.errors(request, refused.errors()))));
    }

    @Post("/{id}/measures/{measureId}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(HttpRequest<?> request, Authentication auth, @PathVariable long id, @PathVariable long measureId) {
        Map<String, String> v = fields(request, List.of("status"));
        return forms.submit(request, () -> {
            programmes.changeStatus(auth, id, measureId, option(Status.class, v.get("status")));
            return redirect("/staff/programmes/" + id + "?notice=saved#measure-" + measureId);
        }, refused -> again(request, auth, id, "edit:" + measureId, v, presenter.errors(request, refused.errors())));
    }

    @Post("/{id}/measures/{measureId}/notes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> note(HttpRequest<?> request, Authentication auth, @PathVariable long id, @PathVariable long measureId) {
        Map<String, String> v = fields(request, List.of("notedOn", "body"));
        return forms.submit(request, () -> {
            programmes.addNote(auth, id, measureId, new NoteInput(day(v.get("notedOn")), v.get("body")));
            return redirect("/staff/programmes/" + id + "?notice=noted#measure-" + measureId);
        }, refused -> again(request, auth, id, "note:" + measureId, v, presenter.errors(request, refused.errors())));
    }
}
