package org.uklad.statements;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.uklad.analysis.SuppressionPolicy;
import org.uklad.indices.Text;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ReportMark;

/**
 * Reads the safety items of counted answers ({@link Tally}) into {@link SafetyFigures}. "Prefer
 * not to say" (an exclusive option) is neither hurt nor unhurt, so it is left out of n: the
 * percentages are of those who said.
 */
final class SafetyReading {

    private SafetyReading() {}

    static SafetyFigures of(List<Tally> tallies, Function<LoadedQuestionnaire, Map<String, ReportMark>> marksOf,
                            SuppressionPolicy policy) {
        List<SafetyFigures.Questionnaire> out = new ArrayList<>();
        for (Tally t : tallies) {
            Map<String, ReportMark> marks = marksOf.apply(t.version());
            if (marks.isEmpty()) {
                continue;
            }
            boolean suppressed = !policy.allows(t.respondents());
            List<SafetyFigures.Hurt> hurt = new ArrayList<>();
            List<SafetyFigures.Where> where = new ArrayList<>();
            for (Item item : t.version().questionnaire().items()) {
                ReportMark mark = marks.get(item.id());
                if (mark == null) {
                    continue;
                }
                long n = suppressed ? 0 : t.answered(item) - t.declined(item);
                boolean shown = policy.allows(n);
                if (mark.safety() == ReportMark.Safety.HURT) {
                    hurt.add(hurt(t, item, mark, shown ? n : -1));
                } else {
                    where.add(where(t, item, shown ? n : -1));
                }
            }
            // the items with a flag level (how often) first: the director reads them first
            hurt.sort(java.util.Comparator.comparing(h -> h.flagFrom() == null));
            LoadedQuestionnaire q = t.version();
            out.add(new SafetyFigures.Questionnaire(q.key(), Statements.text(q.questionnaire().title()),
                    q.questionnaire().respondent().name(), suppressed, hurt, where));
        }
        boolean attention = out.stream().flatMap(q -> q.hurt().stream()).anyMatch(SafetyFigures.Hurt::attention);
        return new SafetyFigures(policy.minGroupSize(), SafetyFigures.ATTENTION_PERCENT, attention, out);
    }

    /** A hurt item; {@code n} is -1 when under k (nothing but the item's wording is given). */
    private static SafetyFigures.Hurt hurt(Tally t, Item item, ReportMark mark, long n) {
        Text text = Statements.text(item.text());
        Text hurtFrom = Statements.text(t.label(item, mark.hurtAnswers().getFirst()));
        Text flagFrom = mark.flags() ? Statements.text(t.label(item, mark.flagAnswers().getFirst())) : null;
        if (n < 0) {
            return new SafetyFigures.Hurt(item.id(), text, true, null, null, null, hurtFrom, null, null, flagFrom, false);
        }
        long hurt = mark.hurtAnswers().stream().mapToLong(v -> t.count(item, v)).sum();
        Long flagged = mark.flags() ? mark.flagAnswers().stream().mapToLong(v -> t.count(item, v)).sum() : null;
        Double flaggedPercent = flagged == null ? null : Statements.percent(flagged, n);
        return new SafetyFigures.Hurt(item.id(), text, false, (int) n, hurt, Statements.percent(hurt, n), hurtFrom,
                flagged, flaggedPercent, flagFrom,
                flaggedPercent != null && flaggedPercent >= SafetyFigures.ATTENTION_PERCENT);
    }

    private static SafetyFigures.Where where(Tally t, Item item, long n) {
        Text text = Statements.text(item.text());
        if (n < 0) {
            return new SafetyFigures.Where(item.id(), text, true, null, List.of());
        }
        List<SafetyFigures.Place> places = new ArrayList<>();
        for (ChoiceOption o : item.options()) {
            if (!o.exclusive()) {
                long c = t.count(item, o.value());
                places.add(new SafetyFigures.Place(o.value(), Statements.text(o.label()), c, Statements.percent(c, n)));
            }
        }
        return new SafetyFigures.Where(item.id(), text, false, (int) n, places);
    }
}
