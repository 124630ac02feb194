package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuideParserTest {

    static final String GOOD = """
            key: g
            title: {ru: "Гид", en: "Guide"}
            respondent: parent
            minutes: 30
            intro: {ru: "Вступление", en: "Intro"}
            blocks:
              - id: opening
                kind: opening
                title: {ru: "Начало", en: "Start"}
                minutes: 5
                questions:
                  - id: q1
                    text: {ru: "Вопрос", en: "Question"}
              - id: t1
                kind: theme
                construct: lvl
                title: {ru: "Тема", en: "Theme"}
                minutes: 20
                questions:
                  - id: q2
                    text: {ru: "Вопрос", en: "Question"}
                    probes:
                      - {ru: "Уточнение", en: "Probe"}
              - id: closing
                kind: closing
                title: {ru: "Конец", en: "End"}
                minutes: 5
                questions:
                  - id: q3
                    text: {ru: "Вопрос", en: "Question"}
            """;

    static List<Problem> problems(String yaml) {
        return assertThrows(QuestionnaireException.class,
                () -> GuideParser.parse(new SourceFile("g.yaml", yaml), TestSupport.catalogue())).problems();
    }

    @Test
    void parsesAGoodGuide() throws QuestionnaireException {
        FocusGroupGuide g = GuideParser.parse(new SourceFile("g.yaml", GOOD), TestSupport.catalogue());
        assertEquals("g", g.key());
        assertEquals(Respondent.PARENT, g.respondent());
        assertEquals(3, g.blocks().size());
        assertEquals("lvl", g.themes().getFirst().construct());
        assertEquals(List.of(new LocalizedText("Уточнение", "Probe")), g.theme("lvl").orElseThrow().questions().getFirst().probes());
        assertTrue(g.blocks().getFirst().questions().getFirst().probes().isEmpty());
    }

    @Test
    void minutesMustSumToTheTotal() {
        assertProblem(problems(GOOD.replace("minutes: 20", "minutes: 25")), 4, "sum to 35, not 30");
    }

    @Test
    void themeConstructChecks() {
        assertProblem(problems(GOOD.replace("construct: lvl", "construct: nope")), 16, "unknown construct 'nope'");
        assertProblem(problems(GOOD.replace("construct: lvl", "construct: ctx")), 16, "context construct");
        assertProblem(problems(GOOD.replace("    construct: lvl\n", "")), 15, "needs the 'construct'");
        assertProblem(problems(GOOD.replace("    kind: opening\n", "    kind: opening\n    construct: lvl\n")), 9,
                "only theme blocks name a construct");
    }

    @Test
    void orderOfBlocks() {
        String noClosing = GOOD.replace("kind: closing", "kind: theme\n    construct: lvl2");
        assertProblem(problems(noClosing), 6, "ends with a closing block");
        String swapped = GOOD.replace("kind: opening", "kind: OPEN").replace("kind: closing", "kind: opening")
                .replace("kind: OPEN", "kind: closing");
        var p = problems(swapped);
        assertProblem(p, 8, "closing block must come last");
        assertProblem(p, 25, "opening block must come first");
    }

    @Test
    void idsTextsAndKeys() {
        assertProblem(problems(GOOD.replace("id: q3", "id: q1")), 29, "duplicate question id (first at line 12)");
        assertProblem(problems(GOOD.replace("id: t1", "id: opening")), 14, "duplicate block id");
        assertProblem(problems(GOOD.replace("{ru: \"Уточнение\", en: \"Probe\"}", "{ru: \"Уточнение\"}")), 23, "missing en text");
        assertProblem(problems(GOOD.replace("    probes:", "    probe:")), 22, "unknown key 'probe'");
        assertProblem(problems(GOOD.replace("    questions:\n      - id: q3\n        text: {ru: \"Вопрос\", en: \"Question\"}\n",
                "    questions: []\n")), 28, "at least one question");
    }
}
