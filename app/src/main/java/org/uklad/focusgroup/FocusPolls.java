package org.uklad.focusgroup;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.Poll;
import org.uklad.focusgroup.Focus.Session;
import org.uklad.focusgroup.FocusRepositories.PollRepository;
import org.uklad.focusgroup.FocusRepositories.StoredPoll;
import org.uklad.system.FieldError;
import org.uklad.system.FieldCode;

/**
 * Quick polls of a session: a question on a card of 2–10 points about one code, stored as how many
 * participants chose each point, never one row per person; the votes cannot exceed the session's
 * participants. For the editors of the session's school ({@link FocusSessions#editable}).
 */
@Singleton
public class FocusPolls {

    private final PollRepository polls;
    private final FocusSessions sessions;
    private final FocusCoding coding;

    FocusPolls(PollRepository polls, FocusSessions sessions, FocusCoding coding) {
        this.polls = polls;
        this.sessions = sessions;
        this.coding = coding;
    }

    public Poll addPoll(Authentication auth, long sessionId, NewPoll in) {
        Session s = sessions.editable(auth, sessionId);
        List<FieldError> errors = new ArrayList<>();
        String theme = FocusText.clean(in.theme());
        if (theme.isEmpty()) {
            errors.add(FieldError.of("theme", FieldCode.REQUIRED));
        } else if (!coding.codes().contains(theme)) {
            errors.add(FieldError.of("theme", FieldCode.UNKNOWN_REFERENCE, theme.length() > 40 ? "" : theme));
        }
        String question = FocusText.clean(in.question());
        FocusText.check(errors, "question", question, 1, Focus.POLL_QUESTION_MAX);
        List<Integer> counts = in.counts();
        if (counts.size() < 2 || counts.size() > 10) {
            errors.add(FieldError.of("counts", FieldCode.RANGE, 2, 10));
        } else {
            int total = 0;
            for (int i = 0; i < counts.size(); i++) {
                Integer n = counts.get(i);
                if (n == null || n < 0 || n > 100) {
                    errors.add(FieldError.of("counts[" + i + "]", FieldCode.RANGE, 0, 100));
                } else {
                    total += n;
                }
            }
            if (total == 0) {
                errors.add(FieldError.of("counts", FieldCode.NO_VOTES));
            } else if (total > s.participantTotal()) {
                errors.add(FieldError.of("counts", FieldCode.MORE_VOTES_THAN_PARTICIPANTS, s.participantTotal()));
            }
        }
        FocusText.failOn(errors);
        long id = polls.save(new StoredPoll(null, sessionId, theme, question, counts.toArray(Integer[]::new))).id();
        return new Poll(id, sessionId, theme, question, List.copyOf(counts));
    }

    public List<Poll> polls(Authentication auth, long sessionId) {
        return polls(sessions.editable(auth, sessionId));
    }

    /** The polls of a session the caller already holds from {@link FocusSessions#editable}. */
    public List<Poll> polls(Session checked) {
        return pollsOf(List.of(checked.id()));
    }

    /** Polls of sessions by session, as recorded, without an access check (callers check). */
    List<Poll> pollsOf(Collection<Long> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        return polls.findBySessionIdInList(sessionIds, FocusRepositories.BY_SESSION_AS_RECORDED).stream()
                .map(r -> new Poll(r.id(), r.sessionId(), r.theme(), r.question(), List.of(r.counts())))
                .toList();
    }
}
