package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uklad.questionnaires.TestSupport.assertProblem;
import static org.uklad.questionnaires.TestSupport.parse;
import static org.uklad.questionnaires.TestSupport.problems;
import static org.uklad.questionnaires.TestSupport.withItems;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faces only where the smiling face is the favourable answer, and support messages after certain
 * answers. Catalogue scale {@code s3} is a faces scale (no · sometimes · yes, favourable yes).
 */
class FacesAndSupportTest {

    /** The parser test's likert item a1 on the faces scale; lines 8-12. */
    static final String FACE = QuestionnaireParserTest.LIKERT.replace("scale: s4", "scale: s3");

    @Test
    void aPositivelyKeyedItemMayUseFaces() {
        Questionnaire q = parse(withItems(FACE));
        Item a1 = q.item("a1").orElseThrow();
        assertNull(a1.display(), "no override: drawn as its scale says");
        assertEquals("faces", q.scaleOf(a1).display());
    }

    @Test
    void aReverseKeyedItemOnFacesIsRefusedWithItsLine() {
        List<Problem> p = problems(withItems(FACE.replace("Вопрос", "Другие дети меня обижают")
                + "  reverse: true\n"));
        assertProblem(p, 13, "faces only where the smiling face is the favourable answer: this item is reverse-keyed,"
                + " so its smiling face 'yes' is the unfavourable answer");
        assertEquals("item a1", p.getFirst().where());
        assertTrue(p.getFirst().toString().startsWith("t.yaml:13: item a1: faces only where"), p.getFirst().toString());
    }

    @Test
    void aVersionStoredBeforeTheRuleIsStillReadAsItWasAnswered() throws QuestionnaireException {
        String before = withItems(FACE + "  reverse: true\n");
        Questionnaire stored = QuestionnaireParser.parseStored(new SourceFile("t.yaml", before), TestSupport.catalogue());
        assertEquals("faces", stored.scaleOf(stored.item("a1").orElseThrow()).display());
        assertTrue(problems(before).stream().anyMatch(p -> p.message().startsWith("faces only where")),
                "a new file like it is refused");
        QuestionnaireException other = org.junit.jupiter.api.Assertions.assertThrows(QuestionnaireException.class,
                () -> QuestionnaireParser.parseStored(new SourceFile("t.yaml", withItems(FACE + FACE)),
                        TestSupport.catalogue()));
        assertProblem(other.problems(), 13, "duplicate item id");
    }

    @Test
    void anItemWithoutAConstructOnFacesIsRefused() {
        assertProblem(problems(withItems(FACE.replace("  construct: lvl\n", ""))), 11,
                "this item has no construct, so no answer is known to be favourable (add 'display: buttons')");
    }

    @Test
    void buttonsInsteadOfFacesKeepTheScaleAndItsScoring() {
        Questionnaire q = parse(withItems(FACE + "  reverse: true\n  display: buttons\n"
                + FACE.replace("a1", "f2").replace("  construct: lvl\n", "  display: buttons\n")));
        Item a1 = q.item("a1").orElseThrow();
        assertEquals("buttons", a1.display());
        assertEquals("buttons", q.scaleOf(a1).display(), "the page draws labelled buttons");
        assertEquals("s3", a1.scale(), "same scale, so the construct is still scored on one scale");
        assertEquals(q.scales().get("s3").points(), q.scaleOf(a1).points());
        assertEquals("faces", q.scales().get("s3").display(), "the shared scale itself is unchanged");
    }

    @Test
    void aFacesScaleMustSmileOnExactlyItsFavourablePoints() {
        String yaml = """
                key: t
                title: {ru: "Т", en: "T"}
                intro: {ru: "И", en: "I"}
                respondent: student
                scales:
                  low:
                    display: faces
                    points:
                      - {value: 1, ru: "никогда", en: "never"}
                      - {value: 2, ru: "иногда", en: "sometimes"}
                      - {value: 3, ru: "часто", en: "often"}
                    favourable: [1]
                  wide:
                    display: faces
                    points:
                      - {value: 1, ru: "нет", en: "no"}
                      - {value: 2, ru: "иногда", en: "sometimes"}
                      - {value: 3, ru: "да", en: "yes"}
                    favourable: [2, 3]
                  calm:
                    points:
                      - {value: 1, ru: "никогда", en: "never"}
                      - {value: 2, ru: "часто", en: "often"}
                    favourable: [1]
                sections:
                  - id: s
                    items:
                      - {id: a, type: likert, text: {ru: "В", en: "Q"}, scale: s4}
                      - {id: b, type: likert, text: {ru: "В", en: "Q"}, scale: calm, construct: lvl, display: faces}
                """;
        List<Problem> p = problems(yaml);
        assertProblem(p, 12, "faces only where the smiling face is the favourable answer: a faces scale smiles on its"
                + " upper half, so its favourable points must be exactly those; favourable: [1]");
        assertProblem(p, 19, "favourable: [2, 3]");
        assertProblem(p, 29, "faces only where the smiling face is the favourable answer: the smiling faces of scale"
                + " 'calm' are not its favourable points [1]");
    }

    @Test
    void facesOnlyForLikertAndOnlyKnownDisplays() {
        List<Problem> p = problems(withItems(FACE.replace("a1", "f0") + "  display: smileys\n" + """
                - id: n
                  type: number
                  text: {ru: "Ч", en: "N"}
                  min: 1
                  max: 3
                  display: faces
                """));
        assertProblem(p, 13, "unknown display 'smileys' (use buttons or faces)");
        assertProblem(p, 19, "'display' is only for likert items, not number");
    }

    /** A likert item on s4 with a support message from "three" up; lines 8-15. */
    static final String HURT = """
            - id: hurt
              type: likert
              text: {ru: "Меня обижают", en: "I am hurt"}
              scale: s4
              support:
                atOrAbove: 3
                text: {ru: "Расскажи взрослому", en: "Tell an adult"}
            """;

    @Test
    void supportAtOrAboveIsSpelledOutAsTheAnswersThatShowIt() {
        Questionnaire q = parse(withItems(HURT + """
                - id: bullied
                  type: single
                  text: {ru: "Как часто?", en: "How often?"}
                  options:
                    - {value: never, ru: "Ни разу", en: "Never"}
                    - {value: once, ru: "Раз", en: "Once"}
                    - {value: weekly, ru: "Каждую неделю", en: "Every week"}
                    - {value: prefer_not, ru: "Не хочу отвечать", en: "I prefer not to say", exclusive: true}
                  support:
                    atOrAbove: once
                    text: {ru: "Телефон доверия", en: "Helpline"}
                - id: where
                  type: multiple
                  text: {ru: "Где?", en: "Where?"}
                  options:
                    - {value: class, ru: "В классе", en: "In class"}
                    - {value: online, ru: "В интернете", en: "Online"}
                  support:
                    anyOf: [online]
                    text: {ru: "Сохрани переписку", en: "Keep the messages"}
                """));
        Support hurt = q.item("hurt").orElseThrow().support();
        assertEquals(List.of("3", "4"), hurt.anyOf());
        assertEquals(new LocalizedText("Расскажи взрослому", "Tell an adult"), hurt.text());
        assertTrue(hurt.shownAfter("3") && !hurt.shownAfter("2"));
        assertEquals(List.of("once", "weekly"), q.item("bullied").orElseThrow().support().anyOf(),
                "from the named option down, without 'prefer not to say'");
        assertEquals(List.of("online"), q.item("where").orElseThrow().support().anyOf());
        assertNull(q.item("bullied").orElseThrow().display());
    }

    @Test
    void supportValuesMustBeAnswersOfTheItem() {
        assertProblem(problems(withItems(HURT.replace("atOrAbove: 3", "atOrAbove: 7"))), 13,
                "support value '7' is not a point of the scale 's4' of this item");
        assertProblem(problems(withItems(HURT.replace("atOrAbove: 3", "anyOf: [3, often]"))), 13,
                "support value 'often' is not a point of the scale 's4' of this item");
        assertProblem(problems(withItems("""
                - id: c
                  type: single
                  text: {ru: "В", en: "Q"}
                  options:
                    - {value: a, ru: "А", en: "A"}
                    - {value: na, ru: "Не скажу", en: "Prefer not to say", exclusive: true}
                  support: {atOrAbove: na, text: {ru: "Т", en: "T"}}
                """)), 14, "support 'atOrAbove' names the exclusive option 'na'");
    }

    @Test
    void supportNeedsOneWayToNameItsAnswersAndBothLanguages() {
        assertProblem(problems(withItems(HURT.replace("    atOrAbove: 3\n", ""))), 12,
                "a support message needs either 'atOrAbove' (one value) or 'anyOf' (a list of values)");
        assertProblem(problems(withItems(HURT.replace("    atOrAbove: 3\n", "    atOrAbove: 3\n    anyOf: [4]\n"))), 12,
                "needs either 'atOrAbove'");
        assertProblem(problems(withItems(HURT.replace("{ru: \"Расскажи взрослому\", en: \"Tell an adult\"}",
                "{ru: \"Расскажи взрослому\"}"))), 14, "missing en text");
        assertProblem(problems(withItems(HURT.replace("    text: {ru: \"Расскажи взрослому\", en: \"Tell an adult\"}\n",
                ""))), 13, "missing 'text'");
        assertProblem(problems(withItems(HURT.replace("atOrAbove: 3", "atLeast: 3"))), 13, "unknown key 'atLeast'");
    }

    @Test
    void supportOnlyFollowsItemsWithAnswersToReactTo() {
        assertProblem(problems(withItems("""
                - id: t
                  type: text
                  text: {ru: "Т", en: "T"}
                  maxLength: 100
                  support: {anyOf: [x], text: {ru: "Т", en: "T"}}
                """)), 12, "a support message follows answers of likert, single or multiple items, not text");
    }
}
