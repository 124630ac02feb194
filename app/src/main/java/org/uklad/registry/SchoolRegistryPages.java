package org.uklad.registry;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/** View models of the registry pages, one record per page; numbers arrive as strings. */
final class SchoolRegistryPages {

    private SchoolRegistryPages() {
    }

    /** @param identification the proposed category and the decision (coordinators only, else empty) */
    record SchoolRow(long id, String name, String municipality, String category, String identification) {}

    /** The school list with its filters; the form to register a school for coordinators only. */
    @Introspected
    record SchoolsPage(Chrome chrome, boolean manage, List<SchoolRow> schools, List<Option> municipalities,
                       List<Option> categories, Map<String, String> form, Map<String, String> errors, String notice) {}

    /** One school's edit form (coordinators). */
    @Introspected
    record SchoolPage(Chrome chrome, long id, List<Option> categories, Map<String, String> form,
                      Map<String, String> errors) {}

    record MunicipalityRow(String name, String schools, String link) {}

    @Introspected
    record MunicipalitiesPage(Chrome chrome, List<MunicipalityRow> municipalities, List<Option> choices,
                              Map<String, String> form, Map<String, String> errors, String notice) {}

    record CategoryRow(String code, String label, String meaning, String schools, String link) {}

    @Introspected
    record CategoriesPage(Chrome chrome, List<CategoryRow> categories) {}

    record PartnershipRow(long id, String mentor, String supported) {}

    @Introspected
    record PartnershipsPage(Chrome chrome, List<PartnershipRow> partnerships, List<Option> mentors,
                            List<Option> supported, Map<String, String> errors, String notice) {}
}
