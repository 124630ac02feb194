package org.uklad.questionnaires;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.stream.Collectors;

/** Helpers for the validator tests: a small catalogue and a questionnaire header. */
final class TestSupport {

    private TestSupport() {}

    static final String CATALOGUE = """
            constructs:
              lvl:
                title: {ru: "Уровень", en: "Level"}
                domain: teaching
                index: level
              lvl2:
                title: {ru: "Уровень 2", en: "Level 2"}
                domain: culture
                index: level
              agr:
                title: {ru: "Согласие", en: "Agreement"}
                domain: culture
                index: agreement
              gapc:
                title: {ru: "Разрыв", en: "Gap"}
                domain: culture
                index: gap
              ctx:
                title: {ru: "Контекст", en: "Context"}
                domain: context
                index: context
            scales:
              s4:
                points:
                  - {value: 1, ru: "один", en: "one"}
                  - {value: 2, ru: "два", en: "two"}
                  - {value: 3, ru: "три", en: "three"}
                  - {value: 4, ru: "четыре", en: "four"}
                favourable: [3, 4]
              s3:
                display: faces
                points:
                  - {value: 1, ru: "нет", en: "no"}
                  - {value: 2, ru: "иногда", en: "sometimes"}
                  - {value: 3, ru: "да", en: "yes"}
                favourable: [3]
            """;

    static Catalogue catalogue() {
        try {
            return Catalogue.parse(List.of(new SourceFile("test-catalogue.yaml", CATALOGUE)));
        } catch (QuestionnaireException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Seven header lines; the first item line is line {@value #FIRST_ITEM_LINE}. */
    static final String HEADER = """
            key: t
            title: {ru: "Тест", en: "Test"}
            intro: {ru: "Анонимно.", en: "Anonymous."}
            respondent: student
            sections:
              - id: s
                items:
            """;
    static final int FIRST_ITEM_LINE = 8;

    /** A questionnaire whose only section holds the given items (written at column 0). */
    static String withItems(String items) {
        return HEADER + items.lines().map(l -> "      " + l).collect(Collectors.joining("\n")) + "\n";
    }

    static List<Problem> problems(String yaml) {
        try {
            QuestionnaireParser.parse(new SourceFile("t.yaml", yaml), catalogue());
            return List.of();
        } catch (QuestionnaireException e) {
            assertFalse(e.problems().isEmpty(), "exception without problems");
            return e.problems();
        }
    }

    static Questionnaire parse(String yaml) {
        try {
            return QuestionnaireParser.parse(new SourceFile("t.yaml", yaml), catalogue());
        } catch (QuestionnaireException e) {
            throw new AssertionError("unexpected problems:\n" + e.getMessage(), e);
        }
    }

    /** Asserts a problem at the line whose message contains the fragment. */
    static void assertProblem(List<Problem> problems, int line, String fragment) {
        assertTrue(problems.stream().anyMatch(p -> p.line() == line && p.message().contains(fragment)),
                () -> "expected line " + line + " '" + fragment + "' among:\n"
                        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    }

    static void assertProblem(List<Problem> problems, String fragment) {
        if (problems.stream().noneMatch(p -> p.message().contains(fragment))) {
            fail("expected '" + fragment + "' among:\n"
                    + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        }
    }
}
