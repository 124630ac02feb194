package org.uklad.respondent;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.Section;

/**
 * How a questionnaire is laid out for its respondent: a long form a section at a time (steps), a
 * hint repeated under consecutive questions said once per block (the stem of a matrix), and the
 * read-aloud buttons for the youngest pupils. Only the layout: the answers and their checks are the
 * same whether a form is paged or not.
 */
final class FormSteps {

    /** A form with more questions than this is shown a section at a time (a phone shows ~15 comfortably). */
    static final int ONE_PAGE_AT_MOST = 15;
    /** The form field (the name of the Next and Back buttons) that asks for another step instead of sending. */
    static final String STEP = "step";

    private FormSteps() {
    }

    /**
     * Where a respondent is in a form: step {@code current} of {@code count} (1-based); a form short
     * enough for one page is one step and not {@code paged}.
     */
    public record Steps(boolean paged, int current, int count) {
        public boolean first() {
            return current == 1;
        }

        public boolean last() {
            return current == count;
        }

        public int next() {
            return Math.min(current + 1, count);
        }

        public int back() {
            return Math.max(current - 1, 1);
        }
    }

    /**
     * Consecutive questions drawn alike under one stem, or a single question ({@code stem} null).
     * {@code stemId} is the id of the stem's element.
     */
    public record Block(@Nullable String stem, @Nullable String stemId, List<SurveyPages.ItemView> items) {}

    static boolean paged(Questionnaire q) {
        return q.items().size() > ONE_PAGE_AT_MOST;
    }

    /** The steps of {@code q} with {@code wanted} clamped to them: one step per section when paged. */
    static Steps steps(Questionnaire q, int wanted) {
        if (!paged(q)) {
            return new Steps(false, 1, 1);
        }
        int count = q.sections().size();
        return new Steps(true, Math.clamp(wanted, 1, count), count);
    }

    /** The step that shows item {@code itemId} (1 when the form is not paged or the id is unknown). */
    static int stepOf(Questionnaire q, String itemId) {
        if (!paged(q)) {
            return 1;
        }
        for (int s = 0; s < q.sections().size(); s++) {
            if (q.sections().get(s).items().stream().anyMatch(i -> i.id().equals(itemId))) {
                return s + 1;
            }
        }
        return 1;
    }

    /** A step asked for in a form field, or empty when the form was sent to be stored. */
    static Optional<Integer> requested(@Nullable String value) {
        if (value == null || !value.matches("\\d{1,3}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value));
    }

    /**
     * The blocks of a section: a run of at least two likert questions on the same scale with the same
     * hint (e.g. "How important is this to you in your work?" under each value) becomes one block whose
     * stem is that hint, said once; every other question stands alone with its own hint.
     */
    static List<Block> blocks(Questionnaire q, Section section, String lang,
                              BiFunction<Item, String, SurveyPages.ItemView> view) {
        List<Block> out = new ArrayList<>();
        List<Item> items = section.items();
        int i = 0;
        while (i < items.size()) {
            int end = i + 1;
            while (end < items.size() && sameStem(items.get(i), items.get(end), lang)) {
                end++;
            }
            if (end - i >= 2) {
                String stemId = "stem-" + items.get(i).id();
                List<SurveyPages.ItemView> rows = new ArrayList<>();
                for (Item item : items.subList(i, end)) {
                    rows.add(view.apply(item, stemId));
                }
                out.add(new Block(items.get(i).help().in(lang), stemId, rows));
            } else {
                out.add(new Block(null, null, List.of(view.apply(items.get(i), null))));
            }
            i = end;
        }
        return out;
    }

    private static boolean sameStem(Item a, Item b, String lang) {
        return a.type() == ItemType.LIKERT && b.type() == ItemType.LIKERT && a.help() != null && b.help() != null
                && a.help().in(lang).equals(b.help().in(lang)) && Objects.equals(a.scale(), b.scale())
                && Objects.equals(a.display(), b.display()) && a.support() == null && b.support() == null
                && a.showIf() == null && b.showIf() == null;
    }

    /**
     * Whether the form offers a "listen" button per question: the pupils' forms drawn with faces are
     * the ones for grades 2–4, who may not yet read fluently.
     */
    static boolean readAloud(Questionnaire q) {
        return q.respondent() == Respondent.STUDENT && q.items().stream()
                .anyMatch(i -> i.type() == ItemType.LIKERT && "faces".equals(q.scaleOf(i).display()));
    }
}
