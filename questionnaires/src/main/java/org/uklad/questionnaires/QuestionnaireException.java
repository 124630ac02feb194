package org.uklad.questionnaires;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a questionnaire, catalogue or guide file has problems; carries all of them. */
public class QuestionnaireException extends Exception {

    private final List<Problem> problems;

    public QuestionnaireException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file and line order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "invalid file";
        }
        return problems.size() + (problems.size() == 1 ? " problem:\n" : " problems:\n")
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
