package org.uklad.focusgroup;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.uklad.account.DemoStaff;
import org.uklad.focusgroup.Focus.NewExcerpt;
import org.uklad.focusgroup.Focus.NewPoll;
import org.uklad.focusgroup.Focus.NewSession;
import org.uklad.focusgroup.Focus.Participants;
import org.uklad.focusgroup.Focus.ParticipantRole;
import org.uklad.focusgroup.Focus.Sentiment;
import org.uklad.questionnaires.Respondent;
import org.uklad.wave.DemoSeed;

/**
 * The demo's focus group: parents of the first supported school in the open wave, recorded by the
 * demo psychologist with the parents' guide, notes, coded statements (demandingness, awareness of
 * requirements, comfort; some representative) and a poll, so the focus-group pages, the summary,
 * the triangulation with the survey and the PDF's section show something. Off outside the
 * {@code dev} environment.
 */
@Singleton
@Requires(property = "uklad.demo.enabled", value = "true")
class DemoFocusGroup implements ApplicationEventListener<DemoSeed.Seeded> {

    private static final List<NewExcerpt> STATEMENTS = List.of(
            excerpt("p_dem1", "Требуют много, но не всегда понятно, что именно нужно сделать.", "teacher_demandingness", Sentiment.MIXED, true),
            excerpt("p_dem2", "Учителя спрашивают строго, и ребёнок стал больше готовиться.", "teacher_demandingness", Sentiment.POSITIVE, false),
            excerpt("p_aw1", "О требованиях узнаём из электронного дневника, объяснений мало.", "awareness_of_requirements", Sentiment.NEGATIVE, true),
            excerpt("p_aw2", "Критерии оценок по разным предметам разные, ребёнок путается.", "awareness_of_requirements", Sentiment.NEGATIVE, false),
            excerpt("p_com1", "Ребёнку в классе спокойно, конфликтов почти нет.", "comfort", Sentiment.POSITIVE, true),
            excerpt("p_com2", "На переменах бывает шумно и тесно.", "comfort", Sentiment.NEGATIVE, false));

    private final FocusSessions sessions;
    private final FocusCoding coding;
    private final FocusPolls polls;
    private final DemoStaff staff;

    DemoFocusGroup(FocusSessions sessions, FocusCoding coding, FocusPolls polls, DemoStaff staff) {
        this.sessions = sessions;
        this.coding = coding;
        this.polls = polls;
        this.staff = staff;
    }

    private static NewExcerpt excerpt(String question, String text, String code, Sentiment sentiment, boolean representative) {
        return new NewExcerpt(question, text, code, sentiment, List.of(), representative);
    }

    @Override
    public void onApplicationEvent(DemoSeed.Seeded event) {
        Authentication psychologist = staff.psychologist();
        Focus.Session session = sessions.create(psychologist, new NewSession(event.firstSupported().id(), event.interimWaveId(),
                Respondent.PARENT, LocalDate.now().minusDays(3), "Психолог (демо)", "focus-parents",
                List.of(new Participants(ParticipantRole.PARENT, 3, 3), new Participants(ParticipantRole.PARENT, 7, 4))));
        sessions.saveNotes(psychologist, session.id(), Map.of(
                "p_dem1", "Родители в целом довольны школой, но просят больше ясности в требованиях.",
                "p_close1", "Договорились обсудить критерии оценивания на родительском собрании."));
        STATEMENTS.forEach(e -> coding.addExcerpt(psychologist, session.id(), e));
        polls.addPoll(psychologist, session.id(), new NewPoll("comfort", "Ребёнку комфортно в школе?", List.of(0, 1, 2, 3, 1)));
    }
}
