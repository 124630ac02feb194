package org.uklad.questionnaires;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated instrument.
 *
 * @param key        stable identifier across versions (e.g. {@code students-5-11})
 * @param title      title shown to respondents and staff
 * @param intro      consent / introduction text shown before the first question
 * @param respondent who answers it
 * @param minutes    estimated minutes to complete (shown in the intro), may be null
 * @param scales     every response scale its items use (resolved from the file and the shared catalogue)
 * @param constructs every construct its items name (resolved from the file and the shared catalogue)
 * @param sections   the questions in order
 */
public record Questionnaire(
        String key,
        LocalizedText title,
        LocalizedText intro,
        Respondent respondent,
        Integer minutes,
        Map<String, ResponseScale> scales,
        Map<String, Construct> constructs,
        List<Section> sections) {

    public Questionnaire {
        scales = ordered(scales);
        constructs = ordered(constructs);
        sections = List.copyOf(sections);
    }

    /**
     * An unmodifiable copy in the questionnaire's own order (Map.copyOf's order changes from one
     * run of the JVM to the next, so anything walking the constructs would too).
     */
    private static <V> Map<String, V> ordered(Map<String, V> map) {
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(copy);
    }

    /** All items in display order. */
    public List<Item> items() {
        return sections.stream().flatMap(s -> s.items().stream()).toList();
    }

    public Optional<Item> item(String id) {
        return items().stream().filter(i -> i.id().equals(id)).findFirst();
    }

    /** The scale of a likert item as the item is drawn: the item's own {@code display}, if any, overrides the scale's. */
    public ResponseScale scaleOf(Item item) {
        ResponseScale scale = scales.get(item.scale());
        return scale == null || item.display() == null ? scale : scale.withDisplay(item.display());
    }
}
