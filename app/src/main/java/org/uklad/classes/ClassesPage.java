package org.uklad.classes;

import io.micronaut.core.annotation.Introspected;
import java.util.List;
import org.uklad.account.StaffPages;

/**
 * The view model of a school's results per class, formatted in the page's language; a withheld
 * score carries no number. Built by {@link ClassesPresenter}.
 *
 * @param lead           what the page shows and the rules for small classes, with k
 * @param questionnaires one block per questionnaire of the wave
 */
@Introspected
public record ClassesPage(StaffPages.Chrome chrome, long waveId, long schoolId, String waveName, String schoolName,
                          String lead, List<Block> questionnaires) {

    /**
     * One questionnaire: the classes as column heads and one row per construct.
     *
     * @param empty   no class reaches k: the text saying so, else empty
     * @param classes column heads: the class label (or "other classes") and its responses
     */
    public record Block(String key, String title, String empty, List<Head> classes, List<Line> constructs) {}

    /** A column: the class and "n = 30". */
    public record Head(String label, String responses) {}

    /** A construct: its name, one cell per class, and ICC(1) ("—" when not computed). */
    public record Line(String title, List<Cell> cells, String icc) {}

    /**
     * One class's score: "62.5" with its interval and n, or {@code suppressed} with the reason.
     *
     * @param text     the score on 0–100, or the suppression text
     * @param detail   "95% CI 55.1–69.9 · n = 12", or empty
     */
    public record Cell(String text, String detail, boolean suppressed) {}
}
