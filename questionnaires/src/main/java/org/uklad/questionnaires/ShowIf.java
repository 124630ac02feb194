package org.uklad.questionnaires;

import java.util.List;

/**
 * Shows an item only when an earlier single-choice, multiple-choice or Likert item was answered
 * with one of the given values (as strings: option codes, or scale values written as numbers).
 */
public record ShowIf(String item, List<String> anyOf) {

    public ShowIf {
        anyOf = List.copyOf(anyOf);
    }
}
