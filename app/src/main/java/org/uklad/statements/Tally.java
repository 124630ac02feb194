package org.uklad.statements;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.ResponseScale;
import org.uklad.questionnaires.ScalePoint;

/**
 * The counted answers of one school to one questionnaire version in a wave: per item how many gave
 * each answer (values as the showIf conditions write them: scale points and numbers as digits,
 * options as their values) and, for multiple-choice items, how many answered at all.
 */
record Tally(LoadedQuestionnaire version, int respondents, Map<String, Map<String, Long>> answers,
             Map<String, Long> answered) {

    static Tally of(LoadedQuestionnaire version, int respondents, List<StatementStore.Count> counts,
                    List<StatementStore.Choice> choices) {
        Map<String, Map<String, Long>> answers = new HashMap<>();
        Map<String, Long> answered = new HashMap<>();
        for (StatementStore.Count c : counts) {
            String value = c.intValue() != null ? c.intValue().toString() : c.textValue();
            if (value == null) {
                answered.merge(c.itemId(), c.count(), Long::sum);
            } else {
                answers.computeIfAbsent(c.itemId(), k -> new HashMap<>()).merge(value, c.count(), Long::sum);
            }
        }
        for (StatementStore.Choice c : choices) {
            answers.computeIfAbsent(c.itemId(), k -> new HashMap<>()).merge(c.value(), c.count(), Long::sum);
        }
        return new Tally(version, respondents, answers, answered);
    }

    /** How many gave this answer (chose this option). */
    long count(Item item, String value) {
        return answers.getOrDefault(item.id(), Map.of()).getOrDefault(value, 0L);
    }

    /**
     * How many answered the item with one of its own answers: a multiple item counted once per
     * respondent; a value that is not one of the item's answers (never stored by validation) is
     * left out, so the percentages of the answers shown add up.
     */
    long answered(Item item) {
        return switch (item.type()) {
            case MULTIPLE -> answered.getOrDefault(item.id(), 0L);
            case SINGLE -> item.options().stream().mapToLong(o -> count(item, o.value())).sum();
            case LIKERT -> scale(item).points().stream().mapToLong(p -> count(item, Integer.toString(p.value()))).sum();
            case NUMBER -> answers.getOrDefault(item.id(), Map.of()).entrySet().stream()
                    .filter(e -> inRange(item, Integer.parseInt(e.getKey()))).mapToLong(Map.Entry::getValue).sum();
            case TEXT -> 0;
        };
    }

    /** How many gave one of the item's exclusive options ("prefer not to say"); for a multiple item it is chosen alone. */
    long declined(Item item) {
        return item.options().stream().filter(o -> o.exclusive()).mapToLong(o -> count(item, o.value())).sum();
    }

    ResponseScale scale(Item item) {
        return version.questionnaire().scaleOf(item);
    }

    static boolean inRange(Item item, int value) {
        return item.type() == ItemType.NUMBER && value >= item.min() && value <= item.max();
    }

    /** The label of an answer value of a single or likert item, or the value itself. */
    org.uklad.questionnaires.LocalizedText label(Item item, String value) {
        if (item.type() == ItemType.LIKERT) {
            for (ScalePoint p : scale(item).points()) {
                if (Integer.toString(p.value()).equals(value)) {
                    return p.label();
                }
            }
        }
        return item.options().stream().filter(o -> o.value().equals(value)).findFirst().map(o -> o.label())
                .orElse(new org.uklad.questionnaires.LocalizedText(value, value));
    }
}
