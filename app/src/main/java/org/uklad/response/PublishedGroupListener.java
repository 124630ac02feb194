package org.uklad.response;

import java.util.List;

/**
 * Told of every block of responses {@link ResponseRelease} publishes, inside the publishing
 * transaction, right after the block is written: what it does commits or rolls back with the block.
 * Lets a higher layer keep figures of the published responses up to date (indices keep each
 * school's statistics) without reading the responses again.
 *
 * <p>While listeners are present, the publishing transaction tells the database that its new
 * responses are accounted for ({@code uklad.responses_accounted}, migration V24): a listener that
 * keeps state must then add the block to it, or drop the state.
 */
public interface PublishedGroupListener {

    /**
     * A published block of one school's responses to one questionnaire version in a wave.
     *
     * @param likertAnswers each response's {@link LikertAnswers} (in the block's random order); an
     *                      element is {@code null} for a response whose answers do not pack
     */
    record PublishedGroup(long waveId, long schoolId, long versionId, List<byte[]> likertAnswers) {}

    /** Called in the publishing transaction; an exception rolls the publication back (it is retried later). */
    void published(PublishedGroup group);
}
