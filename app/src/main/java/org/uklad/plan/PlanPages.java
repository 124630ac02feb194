package org.uklad.plan;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import java.util.Map;
import org.uklad.account.StaffPages.Chrome;
import org.uklad.account.StaffPages.Option;

/** View models of the plan pages, one record per page; every figure arrives as text in the page's language. */
final class PlanPages {

    private PlanPages() {
    }

    /** A status as shown: symbol and word, and its name for styles and tests. */
    record StatusView(String code, String symbol, String word) {}

    /** One municipality's or school's fact under an indicator. */
    record PartView(String place, String fact, StatusView status, List<String> behind) {}

    /** One indicator's row: plan, fact, status and what is behind the fact. */
    record LineView(long id, String name, String unit, String level, String source, String plan, String due,
                    String note, String fact, StatusView status, List<String> behind, List<PartView> parts) {}

    /** The plan page: the table, the form to enter a fact, the form to add an indicator, the standard set. */
    @Introspected
    record PlanPage(Chrome chrome, String today, List<LineView> lines, List<Option> enteredIndicators,
                    List<Option> municipalities, List<Option> schools, Map<String, String> factForm,
                    Map<String, String> factErrors, IndicatorForm indicatorForm, String notice) {}

    /** The indicator form (new on the plan page, or one indicator's edit page). */
    record IndicatorForm(List<Option> units, List<Option> levels, List<Option> sources, Map<String, String> values,
                         Map<String, String> errors) {}

    /** One indicator's edit page. */
    @Introspected
    record IndicatorPage(Chrome chrome, long id, IndicatorForm form) {}
}
