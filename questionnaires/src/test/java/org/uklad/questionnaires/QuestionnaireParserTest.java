package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;
import static org.uklad.questionnaires.TestSupport.parse;
import static org.uklad.questionnaires.TestSupport.problems;
import static org.uklad.questionnaires.TestSupport.withItems;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuestionnaireParserTest {

    static final String LIKERT = """
            - id: a1
              type: likert
              text: {ru: "Вопрос", en: "Question"}
              scale: s4
              construct: lvl
            """;

    @Test
    void parsesAGoodFile() {
        Questionnaire q = parse(withItems(LIKERT + """
                - id: a2
                  type: likert
                  text: {ru: "Вопрос 2", en: "Question 2"}
                  help: {ru: "Подсказка", en: "Hint"}
                  scale: s4
                  construct: lvl
                  reverse: true
                  required: true
                - id: c1
                  type: single
                  text: {ru: "Выбор", en: "Choice"}
                  options:
                    - {value: "yes", ru: "Да", en: "Yes"}
                    - {value: no, ru: "Нет", en: "No"}
                    - {value: na, ru: "Не скажу", en: "Prefer not to say", exclusive: true}
                - id: c2
                  type: multiple
                  text: {ru: "Несколько", en: "Several"}
                  showIf: {item: c1, anyOf: ["yes"]}
                  options:
                    - {value: x, ru: "Икс", en: "X"}
                    - {value: y, ru: "Игрек", en: "Y"}
                - id: n1
                  type: number
                  text: {ru: "Число", en: "Number"}
                  min: 0
                  max: 10
                - id: t1
                  type: text
                  text: {ru: "Текст", en: "Text"}
                  maxLength: 500
                  showIf: {item: a1, anyOf: [1, 2]}
                """));
        assertEquals("t", q.key());
        assertEquals(Respondent.STUDENT, q.respondent());
        assertNull(q.minutes());
        assertEquals(List.of("a1", "a2", "c1", "c2", "n1", "t1"), q.items().stream().map(Item::id).toList());
        Item a1 = q.item("a1").orElseThrow();
        Item a2 = q.item("a2").orElseThrow();
        assertEquals(ItemType.LIKERT, a1.type());
        assertFalse(a1.reverse());
        assertFalse(a1.required(), "required defaults to false");
        assertTrue(a2.reverse());
        assertTrue(a2.required());
        assertEquals(new LocalizedText("Подсказка", "Hint"), a2.help());
        Item c1 = q.item("c1").orElseThrow();
        assertEquals(List.of("yes", "no", "na"), c1.options().stream().map(ChoiceOption::value).toList(),
                "'no' stays a string, not a YAML 1.1 boolean");
        assertTrue(c1.options().get(2).exclusive());
        assertEquals(new ShowIf("c1", List.of("yes")), q.item("c2").orElseThrow().showIf());
        assertEquals(List.of("1", "2"), q.item("t1").orElseThrow().showIf().anyOf());
        assertEquals(0, q.item("n1").orElseThrow().min());
        assertEquals(10, q.item("n1").orElseThrow().max());
        assertEquals(500, q.item("t1").orElseThrow().maxLength());
        assertEquals(Set.of("s4"), q.scales().keySet(), "only the scales the items use");
        assertEquals(Set.of("lvl"), q.constructs().keySet(), "only the constructs the items use");
        assertEquals(4, q.scaleOf(a1).max());
    }

    @Test
    void localDefinitionsComeBeforeTheCatalogue() {
        String yaml = """
                key: t
                title: {ru: "Тест", en: "Test"}
                intro: {ru: "Анонимно.", en: "Anonymous."}
                respondent: parent
                minutes: 5
                scales:
                  s4:
                    points:
                      - {value: 0, ru: "ноль", en: "zero"}
                      - {value: 1, ru: "один", en: "one"}
                    favourable: [1]
                constructs:
                  own:
                    title: {ru: "Своё", en: "Own"}
                    domain: management
                    index: level
                sections:
                  - id: s
                    title: {ru: "Раздел", en: "Section"}
                    items:
                      - id: a1
                        type: likert
                        text: {ru: "Вопрос", en: "Question"}
                        scale: s4
                        construct: own
                """;
        Questionnaire q = parse(yaml);
        assertEquals(0, q.scales().get("s4").min());
        assertEquals(Domain.MANAGEMENT, q.constructs().get("own").domain());
        assertEquals(5, q.minutes());
        assertEquals(new LocalizedText("Раздел", "Section"), q.sections().getFirst().title());
    }

    @Test
    void duplicateItemId() {
        assertProblem(problems(withItems(LIKERT + LIKERT)), 13, "duplicate item id (first at line 8)");
    }

    @Test
    void idSyntax() {
        var p = problems(withItems(LIKERT.replace("id: a1", "id: A-1")));
        assertProblem(p, 8, "invalid item id");
        assertEquals("item A-1", p.getFirst().where());
    }

    @Test
    void unknownConstructAndScale() {
        var p = problems(withItems(LIKERT.replace("construct: lvl", "construct: nope").replace("scale: s4", "scale: s9")));
        assertProblem(p, 11, "unknown response scale 's9'");
        assertProblem(p, 12, "unknown construct 'nope'");
    }

    @Test
    void missingTexts() {
        assertProblem(problems(withItems(LIKERT.replace("text: {ru: \"Вопрос\", en: \"Question\"}", "text: {ru: \"Вопрос\"}"))),
                10, "missing en text");
        assertProblem(problems(withItems(LIKERT.replace("text: {ru: \"Вопрос\", en: \"Question\"}", "text: {ru: \"\", en: \"Q\"}"))),
                10, "empty ru text");
        assertProblem(problems(withItems(LIKERT.replace("  text: {ru: \"Вопрос\", en: \"Question\"}\n", ""))),
                8, "missing 'text'");
        assertProblem(problems(TestSupport.HEADER.replace("title: {ru: \"Тест\", en: \"Test\"}", "title: {en: \"Test\"}")
                + "      " + LIKERT.strip().replace("\n", "\n      ")), 2, "missing ru text");
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А"}
                    - {value: b, ru: "Б", en: "B"}
                """)), 12, "missing en text of option 'a'");
    }

    @Test
    void reverseKeyOnNonLikertOrWithoutConstruct() {
        assertProblem(problems(withItems("""
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  min: 1
                  max: 3
                  reverse: true
                """)), 13, "reverse key on a non-likert item");
        assertProblem(problems(withItems(LIKERT.replace("  construct: lvl\n", "  reverse: true\n"))),
                12, "reverse key on an item without a construct");
    }

    @Test
    void scaleChecks() {
        String yaml = """
                key: t
                title: {ru: "Т", en: "T"}
                intro: {ru: "И", en: "I"}
                respondent: teacher
                scales:
                  down:
                    points:
                      - {value: 2, ru: "два", en: "two"}
                      - {value: 1, ru: "один", en: "one"}
                    favourable: [2]
                  single:
                    points:
                      - {value: 1, ru: "один", en: "one"}
                    favourable: [1]
                  fav:
                    points:
                      - {value: 1, ru: "один", en: "one"}
                      - {value: 2, ru: "два", en: "two"}
                    favourable: [5]
                  look:
                    display: stars
                    points:
                      - {value: 1, ru: "один", en: "one"}
                      - {value: 2, ru: "два", en: "two"}
                    favourable: [2]
                sections:
                  - id: s
                    items:
                      - id: a
                        type: likert
                        text: {ru: "В", en: "Q"}
                        scale: down
                """;
        var p = problems(yaml);
        assertProblem(p, 9, "strictly increasing");
        assertProblem(p, 12, "at least 2 points");
        assertProblem(p, 19, "favourable value 5 is not a point of the scale");
        assertProblem(p, 21, "unknown display 'stars'");
        assertTrue(p.stream().noneMatch(x -> x.message().contains("unknown response scale")),
                "a declared but broken scale is not also reported as unknown");
    }

    @Test
    void optionsChecks() {
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                """)), 9, "a single item needs 'options'");
        assertProblem(problems(withItems("""
                - id: c
                  type: multiple
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А", en: "A"}
                    - {value: a, ru: "Б", en: "B"}
                """)), 13, "option value 'a' is listed twice");
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А", en: "A"}
                """)), 11, "at least 2 options");
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: "a b", ru: "А", en: "A"}
                    - {value: b, ru: "Б", en: "B"}
                """)), 12, "invalid option value 'a b'");
        assertProblem(problems(withItems(LIKERT + """
                  options:
                    - {value: a, ru: "А", en: "A"}
                    - {value: b, ru: "Б", en: "B"}
                """)), 13, "'options' are only for single and multiple items");
    }

    @Test
    void numberChecks() {
        assertProblem(problems(withItems("""
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  min: 5
                  max: 1
                """)), 11, "min (5) is greater than max (1)");
        var p = problems(withItems("""
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  max: 1
                """));
        assertProblem(p, 9, "a number item needs 'min'");
        assertProblem(problems(withItems("""
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  min: one
                  max: 3
                """)), 11, "must be a whole number");
    }

    @Test
    void textChecks() {
        String base = """
                - id: t
                  type: text
                  text: {ru: "Т", en: "T"}
                """;
        assertProblem(problems(withItems(base)), 9, "a text item needs 'maxLength'");
        assertProblem(problems(withItems(base + "  maxLength: 0\n")), 11, "maxLength must be between 1 and 10000");
        assertProblem(problems(withItems(base + "  maxLength: 10001\n")), 11, "maxLength must be between 1 and 10000");
        assertTrue(problems(withItems(base + "  maxLength: 10000\n")).isEmpty());
        assertProblem(problems(withItems(LIKERT + "  maxLength: 10\n")), 13, "'maxLength' is only for text items");
    }

    @Test
    void showIfChecks() {
        String choice = """
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А", en: "A"}
                    - {value: b, ru: "Б", en: "B"}
                """;
        String later = """
                - id: later
                  type: text
                  text: {ru: "Т", en: "T"}
                  maxLength: 10
                """;
        assertProblem(problems(withItems(LIKERT + "  showIf: {item: ghost, anyOf: [a]}\n")), 13,
                "showIf names unknown item 'ghost'");
        assertProblem(problems(withItems(LIKERT + "  showIf: {item: c, anyOf: [a]}\n" + choice)), 13,
                "showIf must name an earlier item");
        assertProblem(problems(withItems(LIKERT + "  showIf: {item: a1, anyOf: [1]}\n")), 13,
                "showIf must name an earlier item");
        assertProblem(problems(withItems(choice + later + "  showIf:\n    item: c\n    anyOf: [a, z]\n")), 20,
                "showIf value 'z' is not an option of item 'c'");
        assertProblem(problems(withItems(LIKERT + later + "  showIf: {item: a1, anyOf: [5]}\n")), 17,
                "showIf value '5' is not a point of the scale of item 'a1'");
        assertProblem(problems(withItems(later.replace("later", "first") + later + "  showIf: {item: first, anyOf: [x]}\n")),
                16, "showIf target 'first' is a text item");
    }

    @Test
    void gapChecks() {
        String now = """
                - id: g1
                  type: likert
                  text: {ru: "Сейчас", en: "Now"}
                  scale: s4
                  construct: gapc
                  gapPair: p1
                  gapSide: now
                """;
        String ideal = now.replace("g1", "g2").replace("now", "ideal").replace("Сейчас", "Идеал").replace("Now", "Ideal");
        assertTrue(problems(withItems(now + ideal)).isEmpty());
        assertProblem(problems(withItems(now.replace("  gapSide: now\n", "") + ideal)), 13, "gapPair without gapSide");
        assertProblem(problems(withItems(now)), 13, "gap pair 'p1' lacks its 'ideal' twin");
        assertProblem(problems(withItems(now + ideal + ideal.replace("g2", "g3"))), 20,
                "exactly one 'now' and one 'ideal'");
        assertProblem(problems(withItems(now.replace("gapc", "lvl") + ideal.replace("gapc", "lvl"))), 13,
                "gapPair on an item whose construct 'lvl' is not of index gap");
        assertProblem(problems(withItems(now.replace("  gapPair: p1\n  gapSide: now\n", ""))), 12,
                "needs gapPair and gapSide");
        assertProblem(problems(withItems(now + ideal.replace("scale: s4", "scale: s3"))), 18,
                "must use the same scale");
    }

    @Test
    void constructDefinitionChecks() {
        String yaml = """
                key: t
                title: {ru: "Т", en: "T"}
                intro: {ru: "И", en: "I"}
                respondent: student
                constructs:
                  c1:
                    title: {ru: "К", en: "C"}
                    domain: finance
                    index: level
                  c2:
                    title: {ru: "К", en: "C"}
                    domain: culture
                    index: average
                  c3:
                    title: {ru: "К", en: "C"}
                    domain: culture
                    index: context
                sections:
                  - id: s
                    items:
                      - id: a
                        type: likert
                        text: {ru: "В", en: "Q"}
                        scale: s4
                """;
        var p = problems(yaml);
        assertProblem(p, 8, "unknown domain 'finance'");
        assertProblem(p, 13, "unknown index 'average'");
        assertProblem(p, 17, "index 'context' goes with domain 'context'");
    }

    @Test
    void constructAndItemTypeMustFit() {
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  construct: lvl
                  options:
                    - {value: a, ru: "А", en: "A"}
                    - {value: b, ru: "Б", en: "B"}
                """)), 11, "is scored from likert items");
        String context = """
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  construct: ctx
                  options:
                    - {value: 1, ru: "А", en: "A"}
                    - {value: 2, ru: "Б", en: "B"}
                    - {value: na, ru: "Не скажу", en: "Prefer not to say", exclusive: true}
                """;
        assertTrue(problems(withItems(context)).isEmpty());
        assertProblem(problems(withItems(context.replace("value: 2", "value: two"))), 12, "whole-number code");
        assertProblem(problems(withItems(context.replace("value: 2", "value: 0"))), 12, "codes of a context item must increase");
        assertProblem(problems(withItems(context.replace(", exclusive: true", ""))), 12, "prefer not to say");
        assertProblem(problems(withItems(LIKERT.replace("construct: lvl", "construct: ctx"))), 12,
                "coded from single-choice items only");
    }

    @Test
    void unknownKeysAreRejected() {
        var p = problems(withItems(LIKERT + "  revers: true\n"));
        assertProblem(p, 13, "unknown key 'revers'");
        assertEquals("item a1", p.getFirst().where());
        assertProblem(problems("respondant: student\n" + withItems(LIKERT)), 1, "unknown key 'respondant'");
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А", en: "A", exclusiv: true}
                    - {value: b, ru: "Б", en: "B"}
                """)), 12, "unknown key 'exclusiv'");
        assertProblem(problems(withItems(LIKERT + "  scale: s3\n")), 13, "duplicate key 'scale'");
    }

    @Test
    void noItems() {
        assertProblem(problems(TestSupport.HEADER.replace("    items:\n", "    items: []\n")), 7, "at least one item");
        assertProblem(problems(TestSupport.HEADER.replace("sections:\n  - id: s\n    items:\n", "sections: []\n")), 5,
                "the questionnaire has no items");
    }

    @Test
    void otherTopLevelChecks() {
        String yaml = withItems(LIKERT).replace("key: t", "key: Bad_Key").replace("respondent: student", "respondent: pupil")
                .replace("respondent: pupil", "respondent: pupil\nminutes: 0");
        var p = problems(yaml);
        assertProblem(p, 1, "invalid key 'Bad_Key'");
        assertProblem(p, 4, "unknown respondent 'pupil'");
        assertProblem(p, 5, "minutes must be between 1 and 240");
        assertProblem(problems(withItems(LIKERT).replace("type: likert", "type: slider")), 9, "unknown type 'slider'");
        assertProblem(problems(withItems(LIKERT + "  required: yes\n")), 13, "must be true or false");
    }

    @Test
    void yamlSyntaxErrorHasItsLine() {
        var p = problems(withItems(LIKERT + "  text: [unclosed\n"));
        assertEquals(1, p.size());
        assertTrue(p.getFirst().message().startsWith("not valid YAML"), p.toString());
        assertTrue(p.getFirst().line() >= 13, p.toString());
        assertProblem(problems(""), 0, "the file is empty");
    }

    @Test
    void collectsEveryProblemAtOnce() {
        var p = problems(withItems(LIKERT.replace("scale: s4", "scale: s9") + """
                - id: a1
                  type: text
                  text: {ru: "Т", en: "T"}
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  min: 3
                  max: 1
                """));
        assertProblem(p, 11, "unknown response scale");
        assertProblem(p, 13, "duplicate item id");
        assertProblem(p, 14, "needs 'maxLength'");
        assertProblem(p, 19, "greater than max");
        for (int i = 1; i < p.size(); i++) {
            assertTrue(p.get(i - 1).line() <= p.get(i).line(), "sorted by line");
        }
    }

    @Test
    void problemFormatAndException() {
        Problem p = new Problem("students.yaml", 42, "item dem3", "reverse key on a non-scale item");
        assertEquals("students.yaml:42: item dem3: reverse key on a non-scale item", p.toString());
        assertEquals("f.yaml: oops", new Problem("f.yaml", 0, "", "oops").toString());
        var e = assertThrows(QuestionnaireException.class,
                () -> QuestionnaireParser.parse(new SourceFile("t.yaml", withItems(LIKERT + LIKERT)), TestSupport.catalogue()));
        assertTrue(e.getMessage().contains("t.yaml:13: item a1: duplicate item id"), e.getMessage());
        assertEquals(1, e.problems().size());
    }
}
