package org.uklad.registry;

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
import io.micronaut.views.ModelAndView;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uklad.account.StaffForms;
import org.uklad.account.StaffPageSupport;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;
import org.uklad.system.ErrorCode;
import org.uklad.system.FieldCode;
import org.uklad.system.FieldError;
import org.uklad.system.ProblemException;

/**
 * The coordinator's registry pages: schools (list with filters, register, edit), municipalities
 * (with school counts, rename), the fixed categories and the partnerships. A psychologist sees the
 * list of the schools assigned to them, read-only; a director none of it (403). The pages are built
 * by {@link SchoolRegistryPresenter}; a refused form comes back through {@link StaffForms}, a name
 * already taken included.
 */
@Controller("/staff")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured("ADMIN")
class SchoolRegistryController {

    private static final Set<String> NOTICES = Set.of("created", "updated", "renamed", "paired", "removed");

    private final StaffForms forms;
    private final SchoolRegistryPresenter presenter;
    private final Schools schools;

    SchoolRegistryController(StaffForms forms, SchoolRegistryPresenter presenter, Schools schools) {
        this.forms = forms;
        this.presenter = presenter;
        this.schools = schools;
    }

    private static String notice(@Nullable String notice) {
        return notice != null && NOTICES.contains(notice) ? notice : "";
    }

    private static HttpResponse<?> redirect(String location) {
        return HttpResponse.seeOther(URI.create(location));
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
        errors.add(FieldError.of("category", FieldCode.UNKNOWN_REFERENCE, echo(value, 20)));
        return null;
    }

    // ---- schools ----

    @Get("/schools{?municipality,category,notice}")
    @Secured({"ADMIN", "PSYCHOLOGIST"})
    HttpResponse<?> schools(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String municipality,
                            @QueryValue @Nullable String category, @QueryValue @Nullable String notice) {
        Map<String, String> form = Map.of("name", "", "municipality", municipality == null ? "" : echo(municipality, 200),
                "category", "");
        return page("staff/registry/schools", presenter.schoolsPage(request, auth, municipality, category, form, Map.of(),
                notice(notice)), HttpStatus.OK);
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

    private static Map<String, String> schoolForm(String name, String municipality, String category) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", echo(name, Schools.MAX_NAME));
        form.put("municipality", echo(municipality, Schools.MAX_MUNICIPALITY));
        form.put("category", echo(category, 20));
        return form;
    }

    // an unknown category reaches the service as missing, which it refuses: every field's mistake is named at once
    @Post("/schools")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> register(HttpRequest<?> request, Authentication auth) {
        SchoolInput in = SchoolInput.of(request);
        return forms.submit(request, in.parse(), true,
                () -> redirect("/staff/schools?notice=created#school-"
                        + schools.register(in.name(), in.municipality(), in.category()).id()),
                refused -> new ModelAndView<>("staff/registry/schools", presenter.schoolsPage(request, auth, null, null,
                        in.echoed(), refused.shown(), "")));
    }

    @Get("/schools/{id}")
    HttpResponse<?> school(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        School s = schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        return page("staff/registry/school", presenter.schoolPage(request, auth, id,
                schoolForm(s.name(), s.municipality(), s.category().name()), Map.of()), HttpStatus.OK);
    }

    @Post("/schools/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> update(HttpRequest<?> request, Authentication auth, @PathVariable long id) {
        schools.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
        SchoolInput in = SchoolInput.of(request);
        return forms.submit(request, in.parse(), true, () -> {
            schools.update(id, in.name(), in.municipality(), in.category());
            return redirect("/staff/schools?notice=updated#school-" + id);
        }, refused -> new ModelAndView<>("staff/registry/school", presenter.schoolPage(request, auth, id, in.echoed(),
                refused.shown())));
    }

    // ---- municipalities and categories ----

    @Get("/municipalities{?notice}")
    HttpResponse<?> municipalities(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        return page("staff/registry/municipalities", presenter.municipalitiesPage(request, auth,
                Map.of("from", "", "to", ""), Map.of(), notice(notice)), HttpStatus.OK);
    }

    @Post("/municipalities/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> rename(HttpRequest<?> request, Authentication auth) {
        Map<String, List<String>> raw = StaffPageSupport.form(request);
        String from = StaffPageSupport.field(raw, "from");
        String to = StaffPageSupport.field(raw, "to");
        List<FieldError> parse = new ArrayList<>();
        if (schools.municipalities().stream().noneMatch(m -> m.name().equals(from.strip()))) {
            parse.add(FieldError.of("from", FieldCode.REQUIRED));
        }
        return forms.submit(request, parse, false, () -> {
            schools.renameMunicipality(from, to);
            return redirect("/staff/municipalities?notice=renamed");
        }, refused -> new ModelAndView<>("staff/registry/municipalities", presenter.municipalitiesPage(request, auth,
                Map.of("from", echo(from, Schools.MAX_MUNICIPALITY), "to", echo(to, Schools.MAX_MUNICIPALITY)),
                refused.shown(), "")));
    }

    @Get("/categories")
    HttpResponse<?> categories(HttpRequest<?> request, Authentication auth) {
        return page("staff/registry/categories", presenter.categoriesPage(request, auth), HttpStatus.OK);
    }

    // ---- partnerships ----

    @Get("/partnerships{?notice}")
    HttpResponse<?> partnerships(HttpRequest<?> request, Authentication auth, @QueryValue @Nullable String notice) {
        return page("staff/registry/partnerships", presenter.partnershipsPage(request, auth, "", "", Map.of(),
                notice(notice)), HttpStatus.OK);
    }

    @Nullable
    private static Long id(String value, String field, List<FieldError> errors) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            errors.add(FieldError.of(field, FieldCode.REQUIRED));
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
        return forms.submit(request, parse, false, () -> {
            schools.pair(mentor, supported);
            return redirect("/staff/partnerships?notice=paired");
        }, refused -> new ModelAndView<>("staff/registry/partnerships", presenter.partnershipsPage(request, auth,
                echo(mentorValue, 20), echo(supportedValue, 20), refused.shown(), "")));
    }

    @Post("/partnerships/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> unpair(@PathVariable long id) {
        schools.unpair(id);
        return redirect("/staff/partnerships?notice=removed");
    }
}
