package org.uklad.questionnaires;

import java.util.List;

/**
 * One timed block of a focus-group guide.
 *
 * @param id        stable identifier, unique in the guide
 * @param kind      opening, theme or closing
 * @param construct for THEME blocks the construct id it explores (from the catalogue), else null
 * @param title     heading
 * @param minutes   planned minutes
 * @param questions the main questions, in order
 */
public record GuideBlock(String id, Kind kind, String construct, LocalizedText title, int minutes,
                         List<GuideQuestion> questions) {

    public enum Kind { OPENING, THEME, CLOSING }

    public GuideBlock {
        questions = List.copyOf(questions);
    }
}
