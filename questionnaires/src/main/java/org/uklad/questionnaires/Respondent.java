package org.uklad.questionnaires;

/** Who answers a questionnaire. */
public enum Respondent { STUDENT, PARENT, TEACHER }
