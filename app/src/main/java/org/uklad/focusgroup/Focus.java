package org.uklad.focusgroup;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.List;
import org.uklad.questionnaires.Respondent;

/** The stored records of the focus-group feature and the inputs that create them. */
public final class Focus {

    private Focus() {
    }

    /** The maximum length of a coded excerpt, in characters. */
    public static final int EXCERPT_MAX = 2000;
    /** The maximum length of a note on one guide question, in characters. */
    public static final int NOTE_MAX = 5000;
    public static final int MODERATOR_MAX = 200;
    public static final int POLL_QUESTION_MAX = 500;
    public static final int TAG_MAX = 40;
    public static final int TAGS_MAX = 10;

    public enum Sentiment { POSITIVE, NEGATIVE, MIXED }

    /** Who took part, counted by role (and grade); never a name. */
    public enum ParticipantRole { STUDENT, PARENT, TEACHER, STAFF }

    /** @param grade 1–11, or 0 when a grade does not apply (teachers, staff) */
    @Serdeable
    public record Participants(ParticipantRole role, int grade, int count) {}

    @Serdeable
    public record Session(long id, long schoolId, long waveId, Respondent audience, LocalDate heldOn,
                          String moderator, @Nullable String guideKey, @Nullable String guideHash,
                          List<Participants> participants) {

        public int participantTotal() {
            return participants.stream().mapToInt(Participants::count).sum();
        }
    }

    @Serdeable
    public record Note(String questionId, String text) {}

    @Serdeable
    public record Excerpt(long id, long sessionId, @Nullable String questionId, String text, String code,
                          Sentiment sentiment, List<String> tags, boolean representative) {}

    /** @param counts how many chose each point of the card: counts[0] = point 1 */
    @Serdeable
    public record Poll(long id, long sessionId, String theme, String question, List<Integer> counts) {

        public int total() {
            return counts.stream().mapToInt(Integer::intValue).sum();
        }

        /** The mean point, or null when nobody answered. */
        public @Nullable Double mean() {
            int n = total();
            if (n == 0) {
                return null;
            }
            double sum = 0;
            for (int i = 0; i < counts.size(); i++) {
                sum += (i + 1) * (double) counts.get(i);
            }
            return sum / n;
        }
    }

    /** An extra code of the project (beside the catalogue's constructs). */
    @Serdeable
    public record ExtraCode(String code, String labelRu, String labelEn) {}

    /** What a new session is made of (already typed; {@link FocusSessions} checks the values). */
    public record NewSession(@Nullable Long schoolId, @Nullable Long waveId, @Nullable Respondent audience,
                             @Nullable LocalDate heldOn, @Nullable String moderator, @Nullable String guideKey,
                             List<Participants> participants) {}

    public record NewExcerpt(@Nullable String questionId, @Nullable String text, @Nullable String code,
                             @Nullable Sentiment sentiment, List<String> tags, boolean representative) {}

    public record NewPoll(@Nullable String theme, @Nullable String question, List<Integer> counts) {}
}
