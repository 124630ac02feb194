package org.uklad.questionnaires;

/** The columns of the problem matrix (seed 003), plus family context which is not a climate domain. */
public enum Domain { MANAGEMENT, TEACHING, CULTURE, CONTEXT }
