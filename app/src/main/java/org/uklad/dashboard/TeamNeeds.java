package org.uklad.dashboard;

import io.micronaut.core.annotation.Introspected;
import java.util.List;

/**
 * The dashboard's "team training needs" section ({@link TeamNeedsPresenter}): the answer in plain
 * words first ("the team most needs training in …"), then each area of the teachers' needs
 * questionnaire, the greatest need first, with its figures folded beneath. Every figure is already
 * formatted; an area under the minimum group size carries no number at all.
 *
 * @param answer the director's answer in one sentence (or why there is none: fewer than k teachers)
 * @param rule   how the need is read from the answers and where its levels are cut
 * @param needs  the areas, greatest need first; those withheld last
 */
@Introspected
public record TeamNeeds(String answer, String rule, List<Need> needs) {

    public TeamNeeds {
        needs = List.copyOf(needs);
    }

    /**
     * One area.
     *
     * @param area       its name ("Работа с родителями")
     * @param suppressed fewer teachers than the threshold: no figure, only {@code level} saying so
     * @param need       the share of answers that are not favourable, "58%" ("" when suppressed)
     * @param css        class of the level ({@code need-great}); the symbol and word carry the meaning
     * @param level      the level as a symbol and a word ("●●● большая потребность")
     * @param readiness  the share of favourable answers ("42%"), as the area's card shows it
     * @param mean       the mean score on the scale's points ("2,41 (scale 1–4)")
     * @param n          the teachers with a score
     */
    public record Need(String area, boolean suppressed, String need, String css, String level, String readiness,
                       String mean, String n) {}
}
