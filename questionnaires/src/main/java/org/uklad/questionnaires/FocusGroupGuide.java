package org.uklad.questionnaires;

import java.util.List;
import java.util.Optional;

/**
 * A moderator's guide for a focus group (seed 000: demandingness, awareness of requirements,
 * comfort), as used by the focus-group feature.
 *
 * @param key        stable identifier, e.g. {@code focus-students}
 * @param title      title shown to staff
 * @param respondent who takes part
 * @param minutes    planned length of the session; equals the sum of the blocks' minutes
 * @param intro      what the moderator says first (purpose, anonymity, recording, ground rules)
 * @param blocks     opening block, theme blocks, closing block, in order
 */
public record FocusGroupGuide(
        String key,
        LocalizedText title,
        Respondent respondent,
        int minutes,
        LocalizedText intro,
        List<GuideBlock> blocks) {

    public FocusGroupGuide {
        blocks = List.copyOf(blocks);
    }

    /** The theme blocks, each keyed by the construct it explores. */
    public List<GuideBlock> themes() {
        return blocks.stream().filter(b -> b.kind() == GuideBlock.Kind.THEME).toList();
    }

    public Optional<GuideBlock> theme(String construct) {
        return themes().stream().filter(b -> construct.equals(b.construct())).findFirst();
    }
}
