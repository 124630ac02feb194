package org.uklad.questionnaires;

/** One point of a response scale: the stored value and its label. */
public record ScalePoint(int value, LocalizedText label) {}
