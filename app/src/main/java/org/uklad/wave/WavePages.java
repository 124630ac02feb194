package org.uklad.wave;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages;
import org.uklad.account.StaffPages.Option;

/** View models of the staff wave pages, one record per page. */
final class WavePages {

    private WavePages() {
    }

    record WaveRow(long id, String name, String kind, String state, String opens, String closes) {}

    /** The list of waves with the form to create one (for those who may). */
    @Introspected
    record ListPage(StaffPages.Chrome chrome, List<WaveRow> waves, boolean canManage, List<Option> kinds,
                    List<Option> questionnaires, Map<String, String> form, Map<String, String> errors) {}

    record CodeRow(String code, String display, String link, int uses, int maxUses) {}

    record CodeGroup(String label, String questionnaire, String respondent, String expected, List<CodeRow> codes) {}

    record SchoolCodes(long schoolId, String name, List<CodeGroup> groups) {}

    /**
     * One wave: schedule, close / extend, code generation and the codes of the user's schools;
     * {@code minGroupSize} is the fewest people a group of codes may have.
     */
    @Introspected
    record DetailPage(StaffPages.Chrome chrome, WaveRow wave, List<String> questionnaireTitles, boolean canManage,
                      boolean canReschedule, String closesInput, List<Option> schools, List<Option> questionnaires,
                      Map<String, String> form, Map<String, String> errors, String notice,
                      List<SchoolCodes> codes, int minGroupSize) {}

    /** Live response counts; the script refreshes the same table from the JSON API. */
    @Introspected
    record MonitoringPage(StaffPages.Chrome chrome, WaveRow wave, WaveMonitoring.Monitoring monitoring,
                          String generatedAt) {}
}
