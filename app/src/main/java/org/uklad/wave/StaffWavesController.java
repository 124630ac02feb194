package org.uklad.wave;

import static org.uklad.account.StaffPageSupport.page;

import org.uklad.questionnaires.Respondent;
import org.uklad.audit.AuditLog;
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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.Schools;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaire.QuestionnaireSummary;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;
import org.uklad.system.SmallGroups;
import org.uklad.system.ReportFormats;

/**
 * The staff wave pages: list and creation, a wave's schedule and access codes, invitation sheets,
 * live monitoring. Coordinators and psychologists manage waves (codes only for the schools they
 * edit); directors see the monitoring of their own school. Every check is made here, on the server.
 */
@Controller("/staff/waves")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
class StaffWavesController {

    static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");

    private final StaffPageSupport pages;
    private final Waves waves;
    private final WaveMonitoring monitoring;
    private final SchoolScope scope;
    private final Schools schools;
    private final QuestionnaireRegistry questionnaires;
    private final InvitationSheets sheets;
    private final PublicUrl publicUrl;
    private final ZoneId zone;

    private final AuditLog audit;
    private final SmallGroups smallGroups;

    StaffWavesController(StaffPageSupport pages, Waves waves, WaveMonitoring monitoring, SchoolScope scope,
                         Schools schools, QuestionnaireRegistry questionnaires, InvitationSheets sheets,
                         PublicUrl publicUrl, ReportFormats formats,
                         AuditLog audit, SmallGroups smallGroups) {
        this.audit = audit;
        this.smallGroups = smallGroups;
        this.pages = pages;
        this.waves = waves;
        this.monitoring = monitoring;
        this.scope = scope;
        this.schools = schools;
        this.questionnaires = questionnaires;
        this.sheets = sheets;
        this.publicUrl = publicUrl;
        this.zone = formats.zone();
    }


    String shown(Instant t) {
        return SHOWN.format(t.atZone(zone));
    }

    String input(Instant t) {
        return INPUT.format(t.atZone(zone));
    }

    WavePages.WaveRow row(Wave w, Locale locale) {
        return new WavePages.WaveRow(w.id(), w.name(), pages.text("wave.kind." + w.kind().name(), locale),
                pages.text("wave.state." + w.stateAt(Instant.now()).name(), locale), shown(w.opensAt()), shown(w.closesAt()));
    }

    /** The newest version of every questionnaire, as checkbox options. */
    private List<WavePages.Option> latestQuestionnaires(String language, List<String> checked) {
        Map<String, QuestionnaireSummary> latest = new TreeMap<>();
        for (QuestionnaireSummary s : questionnaires.list()) {
            latest.merge(s.key(), s, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest.values().stream().map(s -> new WavePages.Option(s.key(),
                ("en".equals(language) ? s.titleEn() : s.titleRu()) + " (" + s.key() + ", v" + s.version() + ")",
                checked.contains(s.key()))).toList();
    }

    // ---- list and create ----

    @Get
    HttpResponse<?> list(HttpRequest<?> request, Authentication auth) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<String, String> form = Map.of("kind", WaveKind.ENTRY.name(), "opensAt", input(now),
                "closesAt", input(now.plus(14, ChronoUnit.DAYS)), "name", "");
        return page("staff/waves", listPage(request, auth, form, List.of(), Map.of()), HttpStatus.OK);
    }

    private WavePages.ListPage listPage(HttpRequest<?> request, Authentication auth, Map<String, String> form,
                                        List<String> chosen, Map<String, String> errors) {
        Locale locale = pages.locale(request);
        List<WavePages.WaveRow> rows = monitoring.visible(auth).stream().map(w -> row(w, locale)).toList();
        List<WavePages.Option> kinds = Arrays.stream(WaveKind.values()).map(k -> new WavePages.Option(k.name(),
                pages.text("wave.kind." + k.name(), locale), k.name().equals(form.get("kind")))).toList();
        return new WavePages.ListPage(pages.chrome(request, auth), rows, scope.mayManageWaves(auth), kinds,
                latestQuestionnaires(locale.getLanguage(), chosen), form, errors);
    }

    @Nullable
    Instant parseLocal(String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null; // Waves reports it as required
        }
        try {
            // datetime-local sends minutes, some browsers seconds too; anything else is an error, not cut off
            return LocalDateTime.parse(value.strip()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                    .atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(FieldError.of(field, "datetime"));
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
        Wave wave;
        try {
            wave = waves.create(name, kind, opens, closes, chosen);
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            List<FieldError> all = new ArrayList<>(parseErrors);
            all.addAll(e.fieldErrors());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("name", name.length() > 200 ? "" : name);
            values.put("kind", kind == null ? "" : kind.name());
            values.put("opensAt", clip(StaffPageSupport.field(form, "opensAt")));
            values.put("closesAt", clip(StaffPageSupport.field(form, "closesAt")));
            return page("staff/waves", listPage(request, auth, values, chosen,
                    pages.errors(all, pages.locale(request))), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/waves/" + wave.id() + "?notice=created"));
    }

    private static String clip(String s) {
        return s.length() > 20 ? "" : s;
    }

    // ---- one wave ----

    @Get("/{id}")
    HttpResponse<?> detail(HttpRequest<?> request, Authentication auth, @PathVariable long id,
                           @QueryValue @Nullable String notice) {
        Wave wave = monitoring.require(auth, id);
        String shownNotice = notice != null && Set.of("created", "generated", "closed", "extended").contains(notice)
                ? notice : "";
        return page("staff/wave", detailPage(request, auth, wave, Map.of("mode", "shared"), Map.of(), shownNotice),
                HttpStatus.OK);
    }

    private WavePages.DetailPage detailPage(HttpRequest<?> request, Authentication auth, Wave wave,
                                            Map<String, String> form, Map<String, String> errors, String notice) {
        Locale locale = pages.locale(request);
        String lang = locale.getLanguage();
        List<LoadedQuestionnaire> used = waves.questionnaireVersionIds(wave.id()).stream()
                .map(v -> questionnaires.byId(v).orElseThrow()).toList();
        List<School> editable = scope.readableSchoolRecords(auth).stream().filter(s -> scope.canEdit(auth, s.id())).toList();
        boolean manage = scope.mayManageWaves(auth);
        List<WavePages.Option> schoolOptions = editable.stream().map(s -> new WavePages.Option(String.valueOf(s.id()),
                s.label(), String.valueOf(s.id()).equals(form.get("schoolId")))).toList();
        List<WavePages.Option> questionnaireOptions = used.stream().map(q -> new WavePages.Option(q.key(),
                q.questionnaire().title().in(lang), q.key().equals(form.get("questionnaire")))).toList();

        Map<Long, School> editableById = editable.stream().collect(Collectors.toMap(School::id, s -> s));
        Map<Long, LoadedQuestionnaire> byVersion = used.stream()
                .collect(Collectors.toMap(LoadedQuestionnaire::versionId, q -> q));
        Map<Long, Map<String, List<AccessCode>>> grouped = new TreeMap<>();
        for (AccessCode c : waves.codes(wave.id())) {
            if (!editableById.containsKey(c.schoolId())) {
                continue;
            }
            grouped.computeIfAbsent(c.schoolId(), k -> new TreeMap<>())
                    .computeIfAbsent(c.groupLabel() + "\u0000" + c.questionnaireVersionId(), k -> new ArrayList<>()).add(c);
        }
        List<WavePages.SchoolCodes> codes = new ArrayList<>();
        for (School s : editable) {
            Map<String, List<AccessCode>> groups = grouped.get(s.id());
            if (groups == null) {
                continue;
            }
            List<WavePages.CodeGroup> out = new ArrayList<>();
            for (List<AccessCode> list : groups.values()) {
                AccessCode first = list.getFirst();
                LoadedQuestionnaire q = byVersion.get(first.questionnaireVersionId());
                Integer expected = list.stream().map(AccessCode::expectedSize).filter(e -> e != null)
                        .max(Comparator.naturalOrder()).orElse(null);
                out.add(new WavePages.CodeGroup(first.groupLabel(), q == null ? "" : q.questionnaire().title().in(lang),
                        q == null ? "" : q.questionnaire().respondent().name(), expected == null ? "—" : expected.toString(),
                        list.stream().map(c -> new WavePages.CodeRow(c.code(), AccessCodeGenerator.display(c.code()),
                                publicUrl.link(request, c.code()), c.uses(), c.maxUses())).toList()));
            }
            codes.add(new WavePages.SchoolCodes(s.id(), s.name(), out));
        }
        return new WavePages.DetailPage(pages.chrome(request, auth), row(wave, locale),
                used.stream().map(q -> q.questionnaire().title().in(lang)).toList(), manage,
                manage && monitoring.canReschedule(auth, wave.id()),
                form.getOrDefault("closesAt", input(wave.closesAt())), schoolOptions, questionnaireOptions, form, errors,
                notice, codes, smallGroups.minGroupSize());
    }

    private HttpResponse<?> detailWithErrors(HttpRequest<?> request, Authentication auth, Wave wave,
                                             Map<String, String> form, List<FieldError> errors) {
        return page("staff/wave", detailPage(request, auth, wave, form, pages.errors(errors, pages.locale(request)), ""),
                HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Post("/{id}/close")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> close(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Wave wave = monitoring.requireReschedule(auth, id);
        Instant now = Instant.now();
        if (!now.isAfter(wave.opensAt())) {
            return detailWithErrors(request, auth, wave, Map.of("mode", "shared"),
                    List.of(FieldError.of("close", "not-open-yet")));
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
        Map<String, List<String>> form = StaffPageSupport.form(request);
        String value = StaffPageSupport.field(form, "closesAt");
        List<FieldError> errors = new ArrayList<>();
        Instant closes = parseLocal(value, "closesAt", errors);
        if (errors.isEmpty() && closes == null) {
            errors.add(FieldError.of("closesAt", "required-field"));
        }
        if (errors.isEmpty() && !closes.isAfter(Instant.now())) {
            errors.add(FieldError.of("closesAt", "in-future"));
        }
        if (errors.isEmpty()) {
            try {
                waves.reschedule(id, closes);
            } catch (ProblemException e) {
                if (e.code() != ErrorCode.VALIDATION_FAILED) {
                    throw e;
                }
                errors.addAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            return detailWithErrors(request, auth, wave, Map.of("mode", "shared", "closesAt", clip(value)), errors);
        }
        return HttpResponse.seeOther(URI.create("/staff/waves/" + id + "?notice=extended"));
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
            errors.add(FieldError.of("schoolId", "required-field"));
        }
        if (schoolId != null) {
            scope.requireEdit(auth, schoolId); // 403: not a school of this user
        }
        String mode = "single".equals(StaffPageSupport.field(form, "mode")) ? "single" : "shared";
        boolean single = mode.equals("single");
        Integer count = single ? number(StaffPageSupport.field(form, "count"), -1) : Integer.valueOf(1);
        Integer maxUses = single ? Integer.valueOf(1) : number(StaffPageSupport.field(form, "maxUses"), -1);
        Integer expected = number(StaffPageSupport.field(form, "expectedSize"), null);
        String questionnaire = StaffPageSupport.field(form, "questionnaire");
        String group = StaffPageSupport.field(form, "groupLabel");
        try {
            waves.generateCodes(id, schoolId, questionnaire, group, count, maxUses, expected);
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED) {
                throw e;
            }
            List<FieldError> all = new ArrayList<>(errors);
            all.addAll(e.fieldErrors());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("schoolId", clip(schoolValue));
            values.put("questionnaire", questionnaire.length() > 100 ? "" : questionnaire);
            values.put("groupLabel", group.length() > 50 ? "" : group);
            values.put("mode", mode);
            values.put("count", clip(StaffPageSupport.field(form, "count")));
            values.put("maxUses", clip(StaffPageSupport.field(form, "maxUses")));
            values.put("expectedSize", clip(StaffPageSupport.field(form, "expectedSize")));
            return detailWithErrors(request, auth, wave, values, all);
        }
        return HttpResponse.seeOther(URI.create("/staff/waves/" + id + "?notice=generated#codes-" + schoolId));
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
        Map<Long, LoadedQuestionnaire> byVersion = new LinkedHashMap<>();
        List<InvitationSheets.Block> blocks = new ArrayList<>();
        List<AccessCode> codes = waves.codes(id).stream().filter(c -> c.schoolId() == schoolId).toList();
        for (AccessCode c : codes) {
            LoadedQuestionnaire q = byVersion.computeIfAbsent(c.questionnaireVersionId(),
                    v -> questionnaires.byId(v).orElseThrow());
            Respondent respondent = q.questionnaire().respondent();
            String usage = c.maxUses() == 1 ? pages.text("invitation.single", locale)
                    : pages.text("invitation.shared", locale, c.maxUses());
            blocks.add(new InvitationSheets.Block(pages.text("invitation.heading." + respondent.name(), locale),
                    school.name(), sheets.group(respondent, c.groupLabel(), locale),
                    q.questionnaire().title().in(lang) + " · " + wave.name(), c.code(), publicUrl.link(request, c.code()),
                    usage));
        }
        byte[] pdf = sheets.render(pages.text("invitation.title", locale, wave.name(), school.name()), blocks, locale);
        audit.record(AuditLog.Action.PDF_DOWNLOADED, "wave " + id + ", school " + schoolId, "invitation sheets, "
                + blocks.size() + " codes, " + lang);
        String file = "invitations-wave" + id + "-school" + schoolId + "-" + lang + ".pdf";
        return HttpResponse.ok(pdf).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store");
    }

    // ---- monitoring ----

    @Get("/{id}/monitoring")
    HttpResponse<?> monitoring(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        Locale locale = pages.locale(request);
        Wave wave = monitoring.require(auth, id);
        WaveMonitoring.Monitoring m = monitoring.monitoring(auth, wave, locale.getLanguage());
        return page("staff/monitoring", new WavePages.MonitoringPage(pages.chrome(request, auth), row(wave, locale), m,
                DateTimeFormatter.ofPattern("HH:mm:ss").format(m.generatedAt().atZone(zone))), HttpStatus.OK);
    }
}
