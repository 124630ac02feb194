package org.uklad.questionnaires;

import java.util.List;

/**
 * A main question of a focus-group block with its follow-up probes.
 *
 * @param id     stable identifier, unique in the guide (notes and codes refer to it)
 * @param text   the question as the moderator asks it
 * @param probes follow-up prompts used when the discussion needs deepening (may be empty)
 */
public record GuideQuestion(String id, LocalizedText text, List<LocalizedText> probes) {

    public GuideQuestion {
        probes = probes == null ? List.of() : List.copyOf(probes);
    }
}
