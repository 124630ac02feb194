package org.uklad.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.Comparisons;
import org.uklad.indices.ConstructComparison;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.ScaleTrust;
import org.uklad.indices.Verdict;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * One comparison or problem-matrix cell as words and formatted numbers, the same on the dashboard
 * and in the PDF: the verdict's word, the difference with its 95% interval, Hedges' g with its
 * interval, the p-values. A "too few answers" comparison has words only.
 */
public final class ComparisonText {

    private ComparisonText() {
    }

    /**
     * @param title       construct name
     * @param respondent  the respondent group's name, in lower case (it follows the title in brackets)
     * @param verdict     the outcome
     * @param word        its plain-language word
     * @param numbers     false for "too few answers": every figure below is empty
     * @param score       this school's score
     * @param reference   the reference's score
     * @param difference  the signed difference
     * @param interval    its 95% interval
     * @param effect      Hedges' g
     * @param effectInterval its 95% interval
     * @param welchP      Welch p
     * @param mannWhitneyP Mann–Whitney p
     * @param adjustedP   BH-adjusted p
     */
    public record Row(String title, String respondent, Verdict verdict, String word, boolean numbers, String score,
                      String reference, String difference, String interval, String effect, String effectInterval,
                      String welchP, String mannWhitneyP, String adjustedP) {

        /** The construct with its respondent group, unless its name already names the group. */
        public String label() {
            return withGroup(title, respondent);
        }

        /** The css class of the word's cell ({@code verdict verdict-lower}); the word itself carries the meaning. */
        public String cssClass() {
            return "verdict verdict-" + verdict.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Row of(ConstructComparison c, Messages m, Locale locale, ReportFormat f) {
        boolean en = "en".equals(Messages.supported(locale).getLanguage());
        String title = en ? c.title().en() : c.title().ru();
        String role = m.get("report.role." + c.respondent().name().toLowerCase(Locale.ROOT), locale).toLowerCase(locale);
        String word = m.get(c.verdict().messageKey(), locale);
        if (c.verdict() == Verdict.TOO_FEW_ANSWERS || c.difference() == null) {
            return new Row(title, role, c.verdict(), word, false, "", "", "", "", "", "", "", "", "");
        }
        return new Row(title, role, c.verdict(), word, true, f.score(c.score()), f.score(c.referenceScore()),
                f.signedScore(c.difference()), interval(c.ciLower(), c.ciUpper(), f),
                c.hedgesG() == null ? "—" : f.coefficient(c.hedgesG()),
                c.hedgesGLower() == null || c.hedgesGUpper() == null ? "—"
                        : f.coefficientInterval(c.hedgesGLower(), c.hedgesGUpper()),
                p(c.welchP(), f), p(c.mannWhitneyP(), f), p(c.adjustedP(), f));
    }

    /** The word of a problem-matrix mark with its symbol, readable without colour (▲ strength, ● typical, ▼ problem, ◌ unreliable scale). */
    public static String mark(ProblemMatrix.Mark mark, Messages m, Locale locale) {
        return m.get("matrix.mark." + mark.name().toLowerCase(Locale.ROOT).replace('_', '-'), locale);
    }

    /**
     * Why a matrix cell has its mark: the verdicts against the partner and the wave's median, and
     * Hedges' g against the partner; "fewer than k answers" for an unmarked cell. A comparison that
     * does not exist (no partner, fewer than 3 schools for the median) is left out here: the matrix
     * says so once ({@link #matrixNotes}), not in every cell.
     */
    public static String markDetail(ProblemMatrix.Cell cell, Messages m, Locale locale, ReportFormat f) {
        if (cell.mark() == ProblemMatrix.Mark.TOO_FEW_ANSWERS) {
            return m.get(Verdict.TOO_FEW_ANSWERS.messageKey(), locale);
        }
        if (cell.mark() == ProblemMatrix.Mark.UNRELIABLE) {
            // the verdicts of an untrusted scale are not given: they are no reason for anything
            return cell.alpha() == null ? m.get("matrix.detail.no-alpha", locale)
                    : m.get("matrix.detail.alpha", locale, f.coefficient(cell.alpha()), f.coefficient(ScaleTrust.MIN_ALPHA));
        }
        List<String> parts = new ArrayList<>();
        if (cell.versusPartner() != null) {
            String partner = m.get("matrix.detail.partner", locale, m.get(cell.versusPartner().messageKey(), locale));
            if (cell.hedgesG() != null && cell.versusPartner() != Verdict.TOO_FEW_ANSWERS) {
                partner = partner + " (g = " + f.coefficient(cell.hedgesG()) + ")";
            }
            parts.add(partner);
        }
        if (cell.versusMedian() != null) {
            parts.add(m.get("matrix.detail.median", locale, m.get(cell.versusMedian().messageKey(), locale)));
        }
        return String.join("; ", parts);
    }

    /**
     * What the matrix says once instead of in every cell: the order of its lists, the rule for
     * unreliable scales (when there is one), that there is no
     * partner to compare with (none, or one the reader may not see), and for how many constructs
     * fewer than {@link Comparisons#MIN_SCHOOLS_FOR_MEDIAN} schools are shown for the median.
     */
    public static List<String> matrixNotes(ProblemMatrix matrix, Messages m, Locale locale, ReportFormat f) {
        List<String> notes = new ArrayList<>();
        notes.add(m.get("matrix.order", locale, f.count(ProblemMatrix.TOP)));
        if (matrix.unreliable() > 0) {
            notes.add(m.get("matrix.note.unreliable", locale, f.coefficient(ScaleTrust.MIN_ALPHA)));
        }
        if (!matrix.withPartner()) {
            notes.add(m.get("matrix.note.no-partner", locale));
        }
        long without = matrix.withoutMedian();
        if (without > 0) {
            String schools = f.count(Comparisons.MIN_SCHOOLS_FOR_MEDIAN);
            notes.add(without == matrix.marked() ? m.get("matrix.note.no-median", locale, schools)
                    : m.get("matrix.note.some-without-median", locale, f.count(without), f.count(matrix.marked()), schools));
        }
        return notes;
    }

    /** A folded cell in a few words: its mark's symbol, the construct and the respondent group. */
    public static String brief(ProblemMatrix.Cell cell, Messages m, Locale locale) {
        String symbol = mark(cell.mark(), m, locale).split(" ", 2)[0]; // "▼" of "▼ problem"
        return symbol + " " + label(cell, m, locale);
    }

    /** A matrix cell's construct with its respondent group, unless its name already names the group. */
    public static String label(ProblemMatrix.Cell cell, Messages m, Locale locale) {
        boolean en = "en".equals(Messages.supported(locale).getLanguage());
        return withGroup(en ? cell.title().en() : cell.title().ru(),
                m.get("report.role." + cell.respondent().name().toLowerCase(Locale.ROOT), locale).toLowerCase(locale));
    }

    /**
     * "Name (group)", or the name alone when it names the group already: a construct measured by two
     * forms carries its form ("… (учащиеся 2–4 кл.)"), and "(учащиеся 2–4 кл.) (учащиеся)" says it twice.
     */
    public static String withGroup(String title, String group) {
        return title.toLowerCase(Locale.ROOT).contains(group.toLowerCase(Locale.ROOT)) ? title : title + " (" + group + ")";
    }

    private static String interval(Double lower, Double upper, ReportFormat f) {
        return lower == null || upper == null ? "—" : f.signedScore(lower) + "…" + f.signedScore(upper);
    }

    private static String p(Double p, ReportFormat f) {
        return p == null ? "—" : f.pValue(p);
    }
}
