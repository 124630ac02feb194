package org.uklad.overview;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages;

/** View models of the coordinator's wave overview pages. */
final class OverviewPage {

    private OverviewPage() {
    }

    /** The waves to choose from. */
    @Introspected
    record WaveList(StaffPages.Chrome chrome, List<WaveLink> waves) {}

    record WaveLink(long id, String name, String kind, String opens) {}

    /**
     * One wave.
     *
     * @param view     the overview, formatted
     * @param results  the external results entered so far
     * @param schools  the schools of the registry for the entry form
     * @param form     the form's values (re-shown after an error)
     * @param errors   field → message
     * @param notice   a confirmation to show, or null
     */
    @Introspected
    record Wave(StaffPages.Chrome chrome, OverviewView view, List<ResultRow> results, List<SchoolOption> schools,
                Map<String, String> form, Map<String, String> errors, @Nullable String notice) {}

    record ResultRow(String school, String value, String label, String updated) {}

    record SchoolOption(long id, String name, boolean selected) {}
}
