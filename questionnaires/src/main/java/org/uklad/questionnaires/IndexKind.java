package org.uklad.questionnaires;

/**
 * How a construct becomes an index: a mean level, the agreement among a school's respondents
 * (rWG(J), ICC), the gap between paired "as it is now" / "as it should be" ratings, or a family
 * context index that describes circumstances, not climate.
 */
public enum IndexKind { LEVEL, AGREEMENT, GAP, CONTEXT }
