package org.uklad.questionnaires;

import java.util.Objects;

/**
 * A questionnaire, catalogue or guide file: its name (used in problem messages, e.g.
 * {@code instruments/example.yaml}) and its UTF-8 text.
 */
public record SourceFile(String name, String text) {

    public SourceFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
