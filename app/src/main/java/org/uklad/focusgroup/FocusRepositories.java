package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.uklad.focusgroup.Focus.ExtraCode;
import org.uklad.focusgroup.Focus.Note;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.questionnaires.Respondent;

/**
 * The focus-group tables (migration V4) as stored rows and their repositories. The rows carry the
 * table's columns; the services hand out the records of {@link Focus}. Lists of sessions, excerpts
 * and polls are read for many sessions at once (a school's wave) to keep the summary to a few queries.
 */
final class FocusRepositories {

    private FocusRepositories() {
    }

    /** Newest session first, as every list of sessions shows them. */
    static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("heldOn"), Sort.Order.desc("id"));
    /** Participants by role, then grade. */
    static final Sort BY_ROLE_AND_GRADE = Sort.of(Sort.Order.asc("role"), Sort.Order.asc("grade"));
    /** Excerpts and polls grouped by session, each in the order recorded. */
    static final Sort BY_SESSION_AS_RECORDED = Sort.of(Sort.Order.asc("sessionId"), Sort.Order.asc("id"));

    @MappedEntity("focus_code")
    record StoredCode(@Id @GeneratedValue @Nullable Long id, String code, String labelRu, String labelEn) {
        ExtraCode extraCode() {
            return new ExtraCode(code, labelRu, labelEn);
        }
    }

    @MappedEntity("focus_session")
    record StoredSession(@Id @GeneratedValue @Nullable Long id, long schoolId, long waveId, Respondent audience,
                         LocalDate heldOn, String moderator, @Nullable String guideKey, @Nullable String guideHash,
                         @Nullable Long createdBy) {}

    @MappedEntity("focus_participants")
    record StoredParticipants(@Id @GeneratedValue @Nullable Long id, long sessionId, ParticipantRole role, int grade,
                              int count) {
        Participants participants() {
            return new Participants(role, grade, count);
        }
    }

    @MappedEntity("focus_note")
    record StoredNote(@Id @GeneratedValue @Nullable Long id, long sessionId, String questionId, String text) {
        Note note() {
            return new Note(questionId, text);
        }
    }

    @MappedEntity("focus_excerpt")
    record StoredExcerpt(@Id @GeneratedValue @Nullable Long id, long sessionId, @Nullable String questionId,
                         String text, String code, Sentiment sentiment, String[] tags, boolean representative) {}

    @MappedEntity("focus_poll")
    record StoredPoll(@Id @GeneratedValue @Nullable Long id, long sessionId, String theme, String question,
                      Integer[] counts) {}

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface CodeRepository extends GenericRepository<StoredCode, Long> {

        List<StoredCode> findAllOrderByCode();

        /** Adds a code unless it exists (a concurrent twin loses quietly); 1 when added, 0 when it existed. */
        @Query("INSERT INTO focus_code (code, label_ru, label_en) VALUES (:code, :labelRu, :labelEn) "
                + "ON CONFLICT (code) DO NOTHING")
        int addIfNew(String code, String labelRu, String labelEn);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface SessionRepository extends GenericRepository<StoredSession, Long> {

        StoredSession save(StoredSession session);

        Optional<StoredSession> findById(Long id);

        List<StoredSession> findBySchoolIdAndWaveId(long schoolId, long waveId, Sort sort);

        List<StoredSession> findBySchoolIdInList(Collection<Long> schoolIds, Sort sort);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ParticipantsRepository extends GenericRepository<StoredParticipants, Long> {

        List<StoredParticipants> saveAll(Iterable<StoredParticipants> participants);

        List<StoredParticipants> findBySessionIdInList(Collection<Long> sessionIds, Sort sort);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface NoteRepository extends GenericRepository<StoredNote, Long> {

        List<StoredNote> findBySessionIdOrderById(long sessionId);

        /** Writes the note of a question, replacing the one there. */
        @Query("""
                INSERT INTO focus_note (session_id, question_id, text) VALUES (:sessionId, :questionId, :text)
                ON CONFLICT (session_id, question_id) DO UPDATE SET text = EXCLUDED.text, updated_at = now()""")
        void put(long sessionId, String questionId, String text);

        void deleteBySessionIdAndQuestionId(long sessionId, String questionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ExcerptRepository extends GenericRepository<StoredExcerpt, Long> {

        StoredExcerpt save(StoredExcerpt excerpt);

        List<StoredExcerpt> findBySessionIdInList(Collection<Long> sessionIds, Sort sort);

        /** Recodes an excerpt of the session; 0 when the session has no such excerpt. */
        @Query("""
                UPDATE focus_excerpt SET question_id = :questionId, text = :text, code = :code, sentiment = :sentiment,
                    tags = :tags, representative = :representative
                WHERE id = :id AND session_id = :sessionId""")
        int recode(long id, long sessionId, @Nullable String questionId, String text, String code, String sentiment,
                   String[] tags, boolean representative);

        /** Removes an excerpt of the session; 0 when the session has no such excerpt. */
        int deleteByIdAndSessionId(Long id, long sessionId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface PollRepository extends GenericRepository<StoredPoll, Long> {

        StoredPoll save(StoredPoll poll);

        List<StoredPoll> findBySessionIdInList(Collection<Long> sessionIds, Sort sort);
    }
}
