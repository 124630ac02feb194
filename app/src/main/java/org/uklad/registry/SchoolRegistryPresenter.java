package org.uklad.registry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.uklad.account.SchoolScope;
import org.uklad.account.StaffPageSupport;
import org.uklad.account.StaffPages.Option;
import org.uklad.identification.IdentificationPresenter;
import org.uklad.school.Partnership;
import org.uklad.school.School;
import org.uklad.school.SchoolCategory;
import org.uklad.school.Schools;

/**
 * Builds the view models of the registry pages ({@link SchoolRegistryPages}): the school list as
 * far as the user may read it, with its filters, the municipalities and categories with their
 * school counts and links to the filtered list, the partnerships.
 */
@Singleton
class SchoolRegistryPresenter {

    private final StaffPageSupport pages;
    private final Schools schools;
    private final SchoolScope scope;
    private final IdentificationPresenter identification;

    SchoolRegistryPresenter(StaffPageSupport pages, Schools schools, SchoolScope scope,
                            IdentificationPresenter identification) {
        this.pages = pages;
        this.schools = schools;
        this.scope = scope;
        this.identification = identification;
    }

    private List<Option> categoryOptions(Locale locale, @Nullable String selected) {
        return Arrays.stream(SchoolCategory.values()).map(c -> new Option(c.name(),
                pages.text("school.category." + c.name(), locale), c.name().equals(selected))).toList();
    }

    SchoolRegistryPages.SchoolsPage schoolsPage(HttpRequest<?> request, Authentication auth, @Nullable String municipality,
                                                @Nullable String category, Map<String, String> form,
                                                Map<String, String> errors, String notice) {
        Locale locale = pages.locale(request);
        String m = municipality == null ? "" : municipality.strip();
        String c = category == null ? "" : category.strip();
        // a psychologist sees the assigned schools only; the filters never widen what one may read
        List<School> visible = scope.readableSchoolRecords(auth);
        // the proposals are the coordinator's work: a psychologist's list shows the registry's category only
        Map<Long, String> identified = scope.mayIdentify(auth) ? identification.categoryLines(locale) : Map.of();
        List<SchoolRegistryPages.SchoolRow> rows = visible.stream()
                .filter(s -> m.isEmpty() || s.municipality().equals(m))
                .filter(s -> c.isEmpty() || s.category().name().equals(c))
                .map(s -> new SchoolRegistryPages.SchoolRow(s.id(), s.name(), s.municipality(),
                        pages.text("school.category." + s.category().name(), locale),
                        identified.getOrDefault(s.id(), "")))
                .toList();
        List<Option> municipalities = visible.stream().map(School::municipality).distinct().sorted()
                .map(name -> new Option(name, name, name.equals(m))).toList();
        return new SchoolRegistryPages.SchoolsPage(pages.chrome(request, auth), scope.isCoordinator(auth), rows,
                municipalities, categoryOptions(locale, c), form, errors, notice);
    }

    SchoolRegistryPages.SchoolPage schoolPage(HttpRequest<?> request, Authentication auth, long id,
                                              Map<String, String> form, Map<String, String> errors) {
        return new SchoolRegistryPages.SchoolPage(pages.chrome(request, auth), id,
                categoryOptions(pages.locale(request), form.get("category")), form, errors);
    }

    private static String schoolsLink(String param, String value) {
        return "/staff/schools?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    SchoolRegistryPages.MunicipalitiesPage municipalitiesPage(HttpRequest<?> request, Authentication auth,
                                                              Map<String, String> form, Map<String, String> errors,
                                                              String notice) {
        List<Schools.Municipality> all = schools.municipalities();
        return new SchoolRegistryPages.MunicipalitiesPage(pages.chrome(request, auth),
                all.stream().map(m -> new SchoolRegistryPages.MunicipalityRow(m.name(), String.valueOf(m.schools()),
                        schoolsLink("municipality", m.name()))).toList(),
                all.stream().map(m -> new Option(m.name(), m.name(), m.name().equals(form.get("from")))).toList(),
                form, errors, notice);
    }

    SchoolRegistryPages.CategoriesPage categoriesPage(HttpRequest<?> request, Authentication auth) {
        Locale locale = pages.locale(request);
        List<SchoolRegistryPages.CategoryRow> rows = schools.categoryCounts().entrySet().stream()
                .map(e -> new SchoolRegistryPages.CategoryRow(e.getKey().name(),
                        pages.text("school.category." + e.getKey().name(), locale),
                        pages.text("registry.category.meaning." + e.getKey().name(), locale), String.valueOf(e.getValue()),
                        schoolsLink("category", e.getKey().name())))
                .toList();
        return new SchoolRegistryPages.CategoriesPage(pages.chrome(request, auth), rows);
    }

    SchoolRegistryPages.PartnershipsPage partnershipsPage(HttpRequest<?> request, Authentication auth, String mentor,
                                                          String supported, Map<String, String> errors, String notice) {
        List<School> all = schools.all();
        Map<Long, String> labels = all.stream().collect(Collectors.toMap(School::id, School::label));
        List<SchoolRegistryPages.PartnershipRow> rows = schools.partnerships().stream()
                .sorted(Comparator.comparing(Partnership::id))
                .map(p -> new SchoolRegistryPages.PartnershipRow(p.id(), labels.get(p.mentorSchoolId()),
                        labels.get(p.supportedSchoolId()))).toList();
        return new SchoolRegistryPages.PartnershipsPage(pages.chrome(request, auth), rows, schoolOptions(all, mentor),
                schoolOptions(all, supported), errors, notice);
    }

    private static List<Option> schoolOptions(List<School> all, String selected) {
        return all.stream().map(s -> new Option(String.valueOf(s.id()), s.label(),
                String.valueOf(s.id()).equals(selected))).toList();
    }
}
