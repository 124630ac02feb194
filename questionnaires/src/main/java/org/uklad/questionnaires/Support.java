package org.uklad.questionnaires;

import java.util.List;

/**
 * A message a respondent sees right after giving one of certain answers (e.g. a helpline after
 * "they hurt me"). It is shown by the page only; nothing about it is stored with the response.
 *
 * @param anyOf the answers that show it, as strings like {@link ShowIf#anyOf()}: option values, or
 *              scale values written as numbers; a file's {@code atOrAbove} is resolved to this list
 * @param text  the message
 */
public record Support(List<String> anyOf, LocalizedText text) {

    public Support {
        anyOf = List.copyOf(anyOf);
    }

    /** Whether an answer (one value of a single or likert item, or one chosen option) shows the message. */
    public boolean shownAfter(String answer) {
        return anyOf.contains(answer);
    }
}
