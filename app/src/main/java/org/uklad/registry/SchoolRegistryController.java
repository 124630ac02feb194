package org.uklad.registry;

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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The coordinator's registry pages: schools (list with filters, register, edit), municipalities
 * (with school counts, rename), the fixed categories and the partnerships. A psychologist sees the
 * list of the schools assigned to them, read-only; a director none of it (403).
 */
@Controller("/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class SchoolRegistryController {

    private static final Set<String> NOTICES = Set.of("created", "updated", "renamed", "paired", "removed");

    private final StaffPageSupport pages;
    private final Schools schools;
    private final SchoolScope scope;

    SchoolRegistryController(StaffPageSupport pages, Schools schools, SchoolScope scope) {
        this.pages = pages;
        this.schools = schools;
        this.scope = scope;
    }


    private static String notice(@Nullable String notice) {
        return notice != null && NOTICES.contains(notice) ? notice : "";
    }

    /** A form value shown back: over-long input is not echoed (it is wrong anyway). */
    private static String echo(String value, int max) {
        return value.length() > max ? "" : value;
    }

    private List<SchoolRegistryPages.Option> categoryOptions(Locale locale, String selected) {
        return Arrays.stream(SchoolCategory.values()).map(c -> new SchoolRegistryPages.Option(c.name(),
                pages.text("school.category." + c.name(), locale), c.name().equals(selected))).toList();
    }

    /** Blank → {@code null} (the service says "required"); an unknown value is a field error here. */
    @Nullable
    private static SchoolCategory category(String value, List<FieldError> errors) {
        if (value.isBlank()) {
            return null;
        }
        for (SchoolCategory c : SchoolCategory.values()) {
            if (c.name().equals(value)) {
                return c;
            }
        }
        errors.add(FieldError.of("category", "unknown-reference", echo(value, 20)));
        return null;
    }

    /**
     * Runs a change; a refusal the user can mend (bad fields, a duplicate) comes back as form
     * errors, with the parse errors found before it first. With parse errors the change runs only
     * when {@code checkAll} says it cannot store anything then (an unknown category reaches the
     * service as null, which it always refuses), so every field's mistake is named at once.
     */
    private static List<FieldError> attempt(List<FieldError> parseErrors, boolean checkAll, Runnable change) {
        List<FieldError> all = new ArrayList<>(parseErrors);
        try {
            if (parseErrors.isEmpty() || checkAll) {
                change.run();
            } else {
                throw new ProblemException(ErrorCode.VALIDATION_FAILED, parseErrors);
            }
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.VALIDATION_FAILED && e.code() != ErrorCode.ALREADY_EXISTS) {
                throw e;
            }
            all.addAll(e.fieldErrors());
            if (all.isEmpty()) {
                all.add(FieldError.of("form", "duplicate"));
            }
        }
        return all;
    }

    // ---- schools ----

    @Get("/schools{?municipality,category,notice}")
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> schools(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String municipality,
                            @QueryValue @Nullable String category, @QueryValue @Nullable String notice) {
        Map<String, String> form = Map.of("name", "", "municipality", municipality == null ? "" : echo(municipality, 200),
                "category", "");
        return page("staff/registry/schools", schoolsPage(request, auth, municipality, category, form, Map.of(),
                notice(notice)), HttpStatus.OK);
    }

    private SchoolRegistryPages.SchoolsPage schoolsPage(HttpRequest<?> request, Authentication auth, @Nullable String municipality,
                                                  @Nullable String category, Map<String, String> form,
                                                  Map<String, String> errors, String notice) {
        Locale locale = pages.locale(request);
        String m = municipality == null ? "" : municipality.strip();
        String c = category == null ? "" : category.strip();
        // a psychologist sees the assigned schools only; the filters never widen what one may read
        List<School> visible = scope.readableSchoolRecords(auth);
        List<SchoolRegistryPages.SchoolRow> rows = visible.stream()
                .filter(s -> m.isEmpty() || s.municipality().equals(m))
                .filter(s -> c.isEmpty() || s.category().name().equals(c))
                .map(s -> new SchoolRegistryPages.SchoolRow(s.id(), s.name(), s.municipality(),
                        pages.text("school.category." + s.category().name(), locale)))
                .toList();
        List<SchoolRegistryPages.Option> municipalities = visible.stream().map(School::municipality).distinct().sorted()
                .map(name -> new SchoolRegistryPages.Option(name, name, name.equals(m))).toList();
        var chrome = pages.chrome(request, auth);
        return new SchoolRegistryPages.SchoolsPage(chrome, chrome.admin(), rows, municipalities,
                categoryOptions(locale, c), form, errors, notice);
    }

    /** The school form as posted: the category parsed, mistakes in it noted for the form. */
    private record SchoolInput(String name, String municipality, String categoryValue, @Nullable SchoolCategory category,
                               List<FieldError> parse) {

        static SchoolInput of(HttpRequest<?> request) {
            Map<String, List<String>> raw = StaffPageSupport.form(request);
            String categoryValue = StaffPageSupport.field(raw, "category");
            List<FieldError> parse = new ArrayList<>();
            return new SchoolInput(StaffPageSupport.field(raw, "name"), StaffPageSupport.field(raw, "municipality"),
                    categoryValue, SchoolRegistryController.category(categoryValue, parse), parse);
        }

        Map<String, String> echoed() {
            return schoolForm(name, municipality, categoryValue);
        }
    }

    @Post("/schools")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> register(HttpRequest<?> request, Authentication auth) {
        SchoolInput in = SchoolInput.of(request);
        School[] saved = new School[1];
        List<FieldError> errors = attempt(in.parse(), true,
                () -> saved[0] = schools.register(in.name(), in.municipality(), in.category()));
        if (!errors.isEmpty()) {
            return page("staff/registry/schools", schoolsPage(request, auth, null, null, in.echoed(),
                    pages.errors(errors, pages.locale(request)), ""), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/schools?notice=created#school-" + saved[0].id()));
    }

    private static Map<String, String> schoolForm(String name, String municipality, String category) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", echo(name, Schools.MAX_NAME));
        form.put("municipality", echo(municipality, Schools.MAX_MUNICIPALITY));
        form.put("category", echo(category, 20));
        return form;
    }

    @Get("/schools/{id}")
    HttpResponse<?> school(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        School s = schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return page("staff/registry/school", schoolPage(request, auth, id,
                schoolForm(s.name(), s.municipality(), s.category().name()), Map.of()), HttpStatus.OK);
    }

    private SchoolRegistryPages.SchoolPage schoolPage(HttpRequest<?> request, Authentication auth, long id,
                                                Map<String, String> form, Map<String, String> errors) {
        return new SchoolRegistryPages.SchoolPage(pages.chrome(request, auth), id,
                categoryOptions(pages.locale(request), form.get("category")), form, errors);
    }

    @Post("/schools/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        SchoolInput in = SchoolInput.of(request);
        List<FieldError> errors = attempt(in.parse(), true,
                () -> schools.update(id, in.name(), in.municipality(), in.category()));
        if (!errors.isEmpty()) {
            return page("staff/registry/school", schoolPage(request, auth, id, in.echoed(),
                    pages.errors(errors, pages.locale(request))), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/schools?notice=updated#school-" + id));
    }

    // ---- municipalities and categories ----

    private static String schoolsLink(String param, String value) {
        return "/staff/schools?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Get("/municipalities{?notice}")
    HttpResponse<?> municipalities(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        return page("staff/registry/municipalities", municipalitiesPage(request, auth, Map.of("from", "", "to", ""),
                Map.of(), notice(notice)), HttpStatus.OK);
    }

    private SchoolRegistryPages.MunicipalitiesPage municipalitiesPage(HttpRequest<?> request, Authentication auth,
                                                                Map<String, String> form, Map<String, String> errors,
                                                                String notice) {
        List<Schools.Municipality> all = schools.municipalities();
        return new SchoolRegistryPages.MunicipalitiesPage(pages.chrome(request, auth),
                all.stream().map(m -> new SchoolRegistryPages.MunicipalityRow(m.name(), String.valueOf(m.schools()),
                        schoolsLink("municipality", m.name()))).toList(),
                all.stream().map(m -> new SchoolRegistryPages.Option(m.name(), m.name(), m.name().equals(form.get("from")))).toList(),
                form, errors, notice);
    }

    @Post("/municipalities/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rename(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        String from = StaffPageSupport.field(raw, "from");
        String to = StaffPageSupport.field(raw, "to");
        List<FieldError> parse = new ArrayList<>();
        if (schools.municipalities().stream().noneMatch(m -> m.name().equals(from.strip()))) {
            parse.add(FieldError.of("from", "required-field"));
        }
        List<FieldError> errors = attempt(parse, false, () -> schools.renameMunicipality(from, to));
        if (!errors.isEmpty()) {
            Map<String, String> form = Map.of("from", echo(from, Schools.MAX_MUNICIPALITY), "to", echo(to, Schools.MAX_MUNICIPALITY));
            return page("staff/registry/municipalities", municipalitiesPage(request, auth, form,
                    pages.errors(errors, pages.locale(request)), ""), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/municipalities?notice=renamed"));
    }

    @Get("/categories")
    HttpResponse<?> categories(HttpRequest<?> request, Authentication auth) {
        Locale locale = pages.locale(request);
        List<SchoolRegistryPages.CategoryRow> rows = schools.categoryCounts().entrySet().stream()
                .map(e -> new SchoolRegistryPages.CategoryRow(e.getKey().name(), pages.text("school.category." + e.getKey().name(), locale),
                        pages.text("registry.category.meaning." + e.getKey().name(), locale), String.valueOf(e.getValue()),
                        schoolsLink("category", e.getKey().name())))
                .toList();
        return page("staff/registry/categories", new SchoolRegistryPages.CategoriesPage(pages.chrome(request, auth), rows),
                HttpStatus.OK);
    }

    // ---- partnerships ----

    @Get("/partnerships{?notice}")
    HttpResponse<?> partnerships(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        return page("staff/registry/partnerships", partnershipsPage(request, auth, "", "", Map.of(), notice(notice)),
                HttpStatus.OK);
    }

    private SchoolRegistryPages.PartnershipsPage partnershipsPage(HttpRequest<?> request, Authentication auth, String mentor,
                                                            String supported, Map<String, String> errors, String notice) {
        List<School> all = schools.all();
        Map<Long, String> labels = all.stream().collect(Collectors.toMap(School::id, School::label));
        List<SchoolRegistryPages.PartnershipRow> rows = schools.partnerships().stream()
                .sorted(java.util.Comparator.comparing(Partnership::id))
                .map(p -> new SchoolRegistryPages.PartnershipRow(p.id(), labels.get(p.mentorSchoolId()),
                        labels.get(p.supportedSchoolId()))).toList();
        return new SchoolRegistryPages.PartnershipsPage(pages.chrome(request, auth), rows, schoolOptions(all, mentor),
                schoolOptions(all, supported), errors, notice);
    }

    private static List<SchoolRegistryPages.Option> schoolOptions(List<School> all, String selected) {
        return all.stream().map(s -> new SchoolRegistryPages.Option(String.valueOf(s.id()), s.label(),
                String.valueOf(s.id()).equals(selected))).toList();
    }

    @Nullable
    private static Long id(String value, String field, List<FieldError> errors) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, "required-field"));
            return null;
        }
    }

    @Post("/partnerships")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> pair(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        String mentorValue = StaffPageSupport.field(raw, "mentorSchoolId");
        String supportedValue = StaffPageSupport.field(raw, "supportedSchoolId");
        List<FieldError> parse = new ArrayList<>();
        Long mentor = id(mentorValue, "mentorSchoolId", parse);
        Long supported = id(supportedValue, "supportedSchoolId", parse);
        List<FieldError> errors = attempt(parse, false, () -> schools.pair(mentor, supported));
        if (!errors.isEmpty()) {
            return page("staff/registry/partnerships", partnershipsPage(request, auth, echo(mentorValue, 20),
                    echo(supportedValue, 20), pages.errors(errors, pages.locale(request)), ""), HttpStatus.UNPROCESSABLE_ENTITY);
        }
        return HttpResponse.seeOther(URI.create("/staff/partnerships?notice=paired"));
    }

    @Post("/partnerships/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> unpair(@PathVariable long id) {
        schools.unpair(id);
        return HttpResponse.seeOther(URI.create("/staff/partnerships?notice=removed"));
    }
}
