package org.uklad.questionnaires;

import java.util.List;

/**
 * One question of an instrument.
 *
 * @param id        stable identifier, unique in the questionnaire ([a-z][a-z0-9_]*); column name in exports
 * @param type      kind of question
 * @param text      question text
 * @param help      optional hint under the question (may be null)
 * @param required  whether a response without it is rejected (when shown)
 * @param scale     response scale id for LIKERT items, else null
 * @param construct construct id this item measures, or null
 * @param reverse   reverse-keyed (scored as min + max - x); only on LIKERT items with a construct
 * @param options   options for SINGLE and MULTIPLE, else empty
 * @param min       inclusive lower bound for NUMBER, else null
 * @param max       inclusive upper bound for NUMBER, else null
 * @param maxLength maximum characters for TEXT, else null
 * @param showIf    condition on an earlier answer, or null
 * @param gapPair   for GAP constructs: the pair id shared by a NOW item and its IDEAL twin, else null
 * @param gapSide   for GAP constructs: which side of the pair, else null
 * @param display   for LIKERT items: {@code "buttons"} or {@code "faces"} instead of the scale's display, or
 *                  null to draw it as the scale says ({@link Questionnaire#scaleOf(Item)} applies it)
 * @param support   message shown after certain answers, or null
 * @param report    how the reports read the item beyond its distribution (the safety section), or null
 */
public record Item(
        String id,
        ItemType type,
        LocalizedText text,
        LocalizedText help,
        boolean required,
        String scale,
        String construct,
        boolean reverse,
        List<ChoiceOption> options,
        Integer min,
        Integer max,
        Integer maxLength,
        ShowIf showIf,
        String gapPair,
        GapSide gapSide,
        String display,
        Support support,
        ReportMark report) {

    public Item {
        options = options == null ? List.of() : List.copyOf(options);
    }

    public boolean hasOption(String value) {
        return options.stream().anyMatch(o -> o.value().equals(value));
    }
}
