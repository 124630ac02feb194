package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;
import static org.uklad.questionnaires.TestSupport.parse;
import static org.uklad.questionnaires.TestSupport.problems;
import static org.uklad.questionnaires.TestSupport.withItems;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code report:} mark of the safety section: hurt items with their answers spelled out, where items. */
class ReportMarkTest {

    /** A single item "how often were you hurt" (lines 8-16) and "where" (lines 17-23). */
    static final String SAFETY = """
            - id: bullied
              type: single
              text: {ru: "Как часто?", en: "How often?"}
              options:
                - {value: never, ru: "Ни разу", en: "Never"}
                - {value: once, ru: "Раз", en: "Once"}
                - {value: weekly, ru: "Каждую неделю", en: "Every week"}
                - {value: prefer_not, ru: "Не хочу отвечать", en: "I prefer not to say", exclusive: true}
              report: {safety: hurt, hurtAtOrAbove: once, flagAtOrAbove: weekly}
            - id: where
              type: multiple
              text: {ru: "Где?", en: "Where?"}
              options:
                - {value: class, ru: "В классе", en: "In class"}
                - {value: online, ru: "В интернете", en: "Online"}
              report: {safety: where}
            """;

    @Test
    void hurtAndFlagAnswersAreSpelledOutWithoutExclusiveOptions() {
        Questionnaire q = parse(withItems(SAFETY + """
                - id: mean
                  type: likert
                  text: {ru: "Меня обижают", en: "I am hurt"}
                  scale: s4
                  report: {safety: hurt, hurtAtOrAbove: 3}
                """));
        ReportMark bullied = q.item("bullied").orElseThrow().report();
        assertEquals(ReportMark.Safety.HURT, bullied.safety());
        assertEquals(List.of("once", "weekly"), bullied.hurtAnswers());
        assertEquals(List.of("weekly"), bullied.flagAnswers());
        assertTrue(bullied.flags());
        assertEquals(new ReportMark(ReportMark.Safety.WHERE, List.of(), List.of()), q.item("where").orElseThrow().report());
        ReportMark mean = q.item("mean").orElseThrow().report();
        assertEquals(List.of("3", "4"), mean.hurtAnswers());
        assertFalse(mean.flags(), "no flagAtOrAbove: a share, no flag");
        assertNull(parse(withItems(QuestionnaireParserTest.LIKERT)).item("a1").orElseThrow().report());
    }

    @Test
    void marksAreCheckedAgainstTheItemWithTheirLines() {
        assertProblem(problems(withItems(SAFETY.replace("hurtAtOrAbove: once", "hurtAtOrAbove: sometimes"))), 16,
                "'hurtAtOrAbove' value 'sometimes' is not an option of this item");
        assertProblem(problems(withItems(SAFETY.replace("flagAtOrAbove: weekly", "flagAtOrAbove: prefer_not"))), 16,
                "'flagAtOrAbove' names the exclusive option 'prefer_not'");
        assertProblem(problems(withItems(SAFETY.replace("hurtAtOrAbove: once, flagAtOrAbove: weekly",
                "hurtAtOrAbove: weekly, flagAtOrAbove: once"))), 16, "'flagAtOrAbove' must not come before 'hurtAtOrAbove'");
        assertProblem(problems(withItems(SAFETY.replace("hurtAtOrAbove: once, flagAtOrAbove: weekly", "flagAtOrAbove: weekly"))),
                16, "'safety: hurt' needs 'hurtAtOrAbove'");
        assertProblem(problems(withItems(SAFETY.replace("{safety: where}", "{safety: where, hurtAtOrAbove: class}"))), 23,
                "'hurtAtOrAbove' is only for 'safety: hurt'");
        assertProblem(problems(withItems(SAFETY.replace("{safety: where}", "{safety: hurt, hurtAtOrAbove: class}"))), 23,
                "'safety: hurt' is for single or likert items (how often), not multiple");
        assertProblem(problems(withItems(SAFETY.replace("report: {safety: hurt,", "report: {safety: where,")
                .replace(", hurtAtOrAbove: once, flagAtOrAbove: weekly", ""))), 16,
                "'safety: where' is for multiple items (the places chosen), not single");
        assertProblem(problems(withItems(SAFETY.replace("{safety: where}", "{safety: danger}"))), 23,
                "unknown safety 'danger' (use one of: hurt, where)");
        assertProblem(problems(withItems(SAFETY.replace("{safety: where}", "{safety: where, level: 3}"))), 23,
                "unknown key 'level'");
    }

    @Test
    void theBundledStudentsFormsMarkTheirBullyingItems() throws QuestionnaireException {
        Questionnaire older = Instruments.bundledQuestionnaire("students-5-11");
        assertEquals(List.of("weekly"), older.item("bullied").orElseThrow().report().flagAnswers());
        assertEquals(ReportMark.Safety.WHERE, older.item("bullied_where").orElseThrow().report().safety());
        assertEquals(List.of("3", "4"), older.item("com12").orElseThrow().report().hurtAnswers());
        Questionnaire younger = Instruments.bundledQuestionnaire("students-2-4");
        assertEquals(List.of("3"), younger.item("com5").orElseThrow().report().flagAnswers());
    }
}
