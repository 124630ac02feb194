package org.uklad.questionnaires;

/**
 * One option of a single- or multiple-choice item.
 *
 * @param value   stored code (letters, digits, '_' and '-')
 * @param label   text shown to the respondent
 * @param exclusive true for options like "prefer not to say" that cannot be combined with others
 */
public record ChoiceOption(String value, LocalizedText label, boolean exclusive) {}
