package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A construct's name carries its respondent group once: added when missing, never twice. */
class ComparisonTextTest {

    @Test
    void theGroupIsAddedOnlyWhenTheNameDoesNotNameItAlready() {
        assertThat(ComparisonText.withGroup("Комфортность условий", "учащиеся")).isEqualTo("Комфортность условий (учащиеся)");
        assertThat(ComparisonText.withGroup("Требовательность педагогов к учащимся (учащиеся 2–4 кл.)", "учащиеся"))
                .isEqualTo("Требовательность педагогов к учащимся (учащиеся 2–4 кл.)");
        assertThat(ComparisonText.withGroup("Teacher demandingness (students, grades 5–11)", "students"))
                .isEqualTo("Teacher demandingness (students, grades 5–11)");
        assertThat(ComparisonText.withGroup("School climate", "Parents")).isEqualTo("School climate (Parents)");
    }
}
