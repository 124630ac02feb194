package org.uklad.questionnaires;

/** The kinds of question an instrument can ask. */
public enum ItemType {
    /** A rating on a named response scale; the only type that may carry a construct key and reverse keying. */
    LIKERT,
    /** Exactly one of a list of options. */
    SINGLE,
    /** Any subset of a list of options. */
    MULTIPLE,
    /** A whole number within an inclusive range. */
    NUMBER,
    /** Free text up to a maximum length. */
    TEXT
}
