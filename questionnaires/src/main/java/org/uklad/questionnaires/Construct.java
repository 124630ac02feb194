package org.uklad.questionnaires;

/**
 * A measured property of a school's way of life (e.g. teacher demandingness).
 *
 * @param id         stable identifier used by items and by stored indices
 * @param title      name shown to staff
 * @param domain     column of the problem matrix
 * @param index      how the construct's items become an index
 * @param definition one or two sentences for the codebook and method notes (may be null)
 */
public record Construct(String id, LocalizedText title, Domain domain, IndexKind index, LocalizedText definition) {}
