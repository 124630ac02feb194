package org.uklad.response;

import java.util.List;

/** One validated answer as it is stored: exactly one of the three values is set. */
record StoredAnswer(String itemId, Integer intValue, String textValue, List<String> choices) {

    static StoredAnswer ofInt(String itemId, int value) {
        return new StoredAnswer(itemId, value, null, null);
    }

    static StoredAnswer ofText(String itemId, String value) {
        return new StoredAnswer(itemId, null, value, null);
    }

    static StoredAnswer ofChoices(String itemId, List<String> values) {
        return new StoredAnswer(itemId, null, null, List.copyOf(values));
    }

    /** The values a showIf condition compares with. */
    List<String> comparableValues() {
        if (intValue != null) {
            return List.of(String.valueOf(intValue));
        }
        if (textValue != null) {
            return List.of(textValue);
        }
        return choices;
    }

    /** A stable text form for the payload fingerprint. */
    String canonical() {
        if (intValue != null) {
            return itemId + "=i:" + intValue;
        }
        if (textValue != null) {
            return itemId + "=t:" + textValue.length() + ":" + textValue;
        }
        return itemId + "=c:" + String.join(",", choices.stream().sorted().toList());
    }
}
