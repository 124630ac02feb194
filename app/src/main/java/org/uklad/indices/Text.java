package org.uklad.indices;

import io.micronaut.serde.annotation.Serdeable;
import org.uklad.questionnaires.LocalizedText;

/** A label in both languages of the product. */
@Serdeable
public record Text(String ru, String en) {

    static Text of(LocalizedText t) {
        return new Text(t.ru(), t.en());
    }
}
