package org.uklad.statements;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * The view model of the safety fragment ({@code views/staff/safety.html :: safety(model)}): every
 * figure formatted in the page's language, suppressed items carrying no number. Built by
 * {@link SafetyPresenter}.
 *
 * @param attention      the school needs attention (some item at or over the threshold)
 * @param verdict        the overall mark in words with its symbol ("‼ …" or "√ …"), or null when
 *                       nothing can be shown
 * @param rule           the threshold stated in words
 * @param none           no questionnaire of the wave has safety items
 * @param suppressedText "fewer than k answers"
 * @param questionnaires one block per questionnaire with safety items
 */
@Introspected
public record SafetyView(boolean attention, @Nullable String verdict, String rule, boolean none, String suppressedText,
                         List<Block> questionnaires) {

    /** One questionnaire ("Students · questionnaire for grades 5–11"). */
    public record Block(String key, String title, boolean suppressed, List<HurtRow> hurt, List<WhereRow> where) {}

    /**
     * A "how often were you hurt" item.
     *
     * @param hurt     "Hurt (“Once or twice” or more): 23 % — 7 of 30"
     * @param flagged  the same at the flag level, or null for an item without a flag
     * @param mark     "‼ needs attention" / "√ below the threshold" / "no flag: …"
     * @param markClass css class of the mark ({@code safety-attention}, {@code safety-below}, {@code safety-noflag})
     */
    public record HurtRow(String id, String text, boolean suppressed, String n, String hurt, @Nullable String flagged,
                          String mark, String markClass) {}

    /** A "where did it happen" item and its places, most chosen first. */
    public record WhereRow(String id, String text, boolean suppressed, String n, List<Place> places) {}

    /**
     * One place.
     *
     * @param text  "At break: 40 % (4)"
     * @param width the bar's width in percent, as an SVG attribute ("40%")
     */
    public record Place(String label, String text, String width) {}
}
