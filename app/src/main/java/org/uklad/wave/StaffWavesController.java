package org.uklad.wave;

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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.audit.AuditLog;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The staff wave pages: list and creation, a wave's schedule and access codes, invitation sheets,
 * live monitoring. Coordinators and psychologists manage waves (codes only for the schools they
 * edit); directors see the monitoring of their own school. Every check is made on the server
 * ({@link WaveMonitoring}, {@link SchoolScope}); the pages are built by {@link WavePresenter}.
 */
@Controller("/staff/waves")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffWavesController {

    private final StaffForms forms;
    private final WavePresenter presenter;
    private final Waves waves;
    private final WaveMonitoring monitoring;
    private final SchoolScope scope;
    private final Schools schools;
    private final InvitationSheets sheets;
    private final StaffPageSupport pages;
    private final AuditLog audit;

    StaffWavesController(StaffForms forms, WavePresenter presenter, Waves waves, WaveMonitoring monitoring,
                         SchoolScope scope, Schools schools, InvitationSheets sheets, StaffPageSupport pages,
                         AuditLog audit) {
        this.forms = forms;
        this.presenter = presenter;
        this.waves = waves;
        this.monitoring = monitoring;
        this.scope = scope;
        this.schools = schools;
        this.sheets = sheets;
        this.pages = pages;
        this.audit = audit;
    }

    // ---- list and create ----

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> form = Map.of("kind", WaveKind.ENTRY.name(), "opensAt", presenter.input(now),
                "closesAt", presenter.input(now.plus(14, ChronoUnit.DAYS)), "name", "");
        return page("staff/waves", presenter.listPage(request, auth, form, List.of(), Map.of()), HttpStatus.OK);
    }

    /** A {@code datetime-local} value in the configured zone; blank is {@code null}, which the service reports. */
    @Nullable
    Instant parseLocal(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null; // Waves reports it as required
        }
        try {
            // datetime-local sends minutes, some browsers seconds too; anything else is an error, not cut off
            return LocalDateTime.parse(value.strip()).truncatedTo(ChronoUnit.MINUTES).atZone(presenter.zone()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, FieldCode.DATETIME));
            return null;
        }
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> create(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String name = StaffPageSupport.field(form, "name");
        String kindName = StaffPageSupport.field(form, "kind");
        WaveKind kind = Arrays.stream(WaveKind.values()).filter(k -> k.name().equals(kindName)).findFirst().orElse(null);
        List<String> chosen = form.getOrDefault("questionnaires", List.of()).stream().limit(50).toList();
        List<FieldError> parseErrors = new ArrayList<>();
        Instant opens = parseLocal(StaffPageSupport.field(form, "opensAt"), "opensAt", parseErrors);
        Instant closes = parseLocal(StaffPageSupport.field(form, "closesAt"), "closesAt", parseErrors);
        // a time that could not be read reaches the service as missing, so it names the other mistakes too
        return forms.submit(request, parseErrors, true, () -> HttpResponse.seeOther(URI.create(
                "/staff/waves/" + waves.create(name, kind, opens, closes, chosen).id() + "?notice=created")), refused -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", echo(name, 200));
            values.put("kind", kind == null ? "" : kind.name());
            values.put("opensAt", echo(StaffPageSupport.field(form, "opensAt"), 20));
            values.put("closesAt", echo(StaffPageSupport.field(form, "closesAt"), 20));
            return new ModelAndView<>("staff/waves", presenter.listPage(request, auth, values, chosen, refused.shown()));
        });
    }

    // ---- one wave ----

    @Get("/{id}")
    HttpResponse<?> detail(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                           @QueryValue @Nullable String notice) {
        Wave wave = monitoring.require(auth, id);
        String shownNotice = notice != null && Set.of("created", "generated", "closed", "extended").contains(notice)
                ? notice : "";
        return page("staff/wave", presenter.detailPage(request, auth, wave, Map.of("mode", "shared"), Map.of(), shownNotice),
                HttpStatus.OK);
    }

    /** The wave page again with the form's values and the refusal's errors. */
    private ModelAndView<?> detailForm(HttpRequest<?> request, Authentication auth, Wave wave, Map<String, String> form,
                                       StaffForms.Refusal refused) {
        return new ModelAndView<>("staff/wave", presenter.detailPage(request, auth, wave, form, refused.shown(), ""));
    }

    @Post("/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> close(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Wave wave = monitoring.requireReschedule(auth, id);
        Instant now = Instant.now();
        if (!now.isAfter(wave.opensAt())) {
            return forms.refuse(request, List.of(FieldError.of("close", FieldCode.NOT_OPEN_YET)),
                    refused -> detailForm(request, auth, wave, Map.of("mode", "shared"), refused));
        }
        // closing ends the survey for every school of the wave at once: only with the box ticked, no script needed
        if (!"yes".equals(StaffPageSupport.field(StaffPageSupport.form(request), "confirm"))) {
            return forms.refuse(request, List.of(FieldError.of("confirm", FieldCode.NOT_CONFIRMED)),
                    refused -> detailForm(request, auth, wave, Map.of("mode", "shared"), refused));
        }
        if (wave.stateAt(now) != WaveState.CLOSED) {
            waves.reschedule(id, now);
        }
        return HttpResponse.seeOther(URI.create("/staff/waves/" + id + "?notice=closed"));
    }

    @Post("/{id}/extend")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> extend(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Wave wave = monitoring.requireReschedule(auth, id);
        String value = StaffPageSupport.field(StaffPageSupport.form(request), "closesAt");
        List<FieldError> errors = new ArrayList<>();
        Instant closes = parseLocal(value, "closesAt", errors);
        if (errors.isEmpty() && closes == null) {
            errors.add(FieldError.of("closesAt", FieldCode.REQUIRED));
        }
        if (errors.isEmpty() && !closes.isAfter(Instant.now())) {
            errors.add(FieldError.of("closesAt", FieldCode.IN_FUTURE));
        }
        return forms.submit(request, errors, false, () -> {
            waves.reschedule(id, closes);
            return HttpResponse.seeOther(URI.create("/staff/waves/" + id + "?notice=extended"));
        }, refused -> detailForm(request, auth, wave, Map.of("mode", "shared", "closesAt", echo(value, 20)), refused));
    }

    /**
     * A number field: blank is {@code blank}; anything that is not a whole number becomes -1, which
     * the service reports as out of range, so every mistake of the form is named at once.
     */
    @Nullable
    static Integer number(String value, @Nullable Integer blank) {
        if (value == null || value.isBlank()) {
            return blank;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Post("/{id}/codes")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> generate(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Wave wave = monitoring.require(auth, id);
        Map<String, List<String>> form = StaffPageSupport.form(request);
        List<FieldError> errors = new ArrayList<>();
        String schoolValue = StaffPageSupport.field(form, "schoolId");
        Long schoolId = null;
        try {
            schoolId = Long.parseLong(schoolValue.strip());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of("schoolId", FieldCode.REQUIRED));
        }
        if (schoolId != null) {
            scope.requireEdit(auth, schoolId); // 403: not a school of this user
        }
        Long school = schoolId;
        String mode = "single".equals(StaffPageSupport.field(form, "mode")) ? "single" : "shared";
        boolean single = mode.equals("single");
        Integer count = single ? number(StaffPageSupport.field(form, "count"), -1) : Integer.valueOf(1);
        Integer maxUses = single ? Integer.valueOf(1) : number(StaffPageSupport.field(form, "maxUses"), -1);
        Integer expected = number(StaffPageSupport.field(form, "expectedSize"), null);
        String questionnaire = StaffPageSupport.field(form, "questionnaire");
        String group = StaffPageSupport.field(form, "groupLabel");
        return forms.submit(request, errors, true, () -> {
            waves.generateCodes(id, school, questionnaire, group, count, maxUses, expected);
            return HttpResponse.seeOther(URI.create("/staff/waves/" + id + "?notice=generated#codes-" + school));
        }, refused -> {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("schoolId", echo(schoolValue, 20));
            values.put("questionnaire", echo(questionnaire, 100));
            values.put("groupLabel", echo(group, 50));
            values.put("mode", mode);
            values.put("count", echo(StaffPageSupport.field(form, "count"), 20));
            values.put("maxUses", echo(StaffPageSupport.field(form, "maxUses"), 20));
            values.put("expectedSize", echo(StaffPageSupport.field(form, "expectedSize"), 20));
            return detailForm(request, auth, wave, values, refused);
        });
    }

    // ---- invitation sheets ----

    @Get("/{id}/schools/{schoolId}/invitations.pdf")
    @Produces("application/pdf")
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<byte[]> invitations(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                                     @PathVariable long schoolId) {
        Wave wave = monitoring.require(auth, id);
        scope.requireEdit(auth, schoolId);
        School school = schools.find(schoolId).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<InvitationSheets.Block> blocks = presenter.invitations(request, wave, school);
        byte[] pdf = sheets.render(pages.text("invitation.title", locale, wave.name(), school.name()), blocks, locale);
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + id + ", school " + schoolId, "invitation sheets, "
                + blocks.size() + " codes, " + lang);
        String file = "invitations-wave" + id + "-school" + schoolId + "-" + lang + ".pdf";
        return HttpResponse.ok(pdf).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    // ---- monitoring ----

    @Get("/{id}/monitoring")
    HttpResponse<?> monitoring(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Wave wave = monitoring.require(auth, id);
        WaveMonitoring.Monitoring m = monitoring.monitoring(auth, wave, pages.locale(request).getLanguage());
        return page("staff/monitoring", presenter.monitoringPage(request, auth, wave, m), HttpStatus.OK);
    }
}
