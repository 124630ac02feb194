package org.uklad.questionnaires;

import java.util.Objects;

/**
 * A user-visible text in both languages of the product. Russian is the primary language; English
 * is always present too (the validator rejects a file where either is missing).
 */
public record LocalizedText(String ru, String en) {

    public LocalizedText {
        Objects.requireNonNull(ru, "ru");
        Objects.requireNonNull(en, "en");
    }

    /** The text for a language tag ("ru", "en", "en-GB"...); anything not English falls back to Russian. */
    public String in(String language) {
        return language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? en : ru;
    }
}
