package org.uklad.report;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.ConstructComparison;
import org.uklad.indices.ScaleTrust;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Verdict;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * The one rule that picks what a director reads first, on the dashboard and in the PDF's findings
 * ({@link Findings}): the school's clearest problems and strengths against its reference (the
 * partner school, or the other schools of the wave pooled).
 *
 * <ol>
 *   <li><b>Trusted scales only</b> ({@link ScaleTrust}). A construct counts only when its scale
 *       holds together in the school and in the reference: Cronbach's alpha at least 0.6. A scale whose alpha is lower, or could not be computed
 *       (fewer complete cases than the threshold), is shown with a caveat and is never a problem,
 *       a strength or a finding.
 *   <li><b>Clear differences only</b>, by {@link Verdict}: BH-adjusted Welch p &lt; 0.05 and
 *       |Hedges' g| ≥ 0.2.
 *   <li><b>Ranked by effect size</b>, |g| largest first (ties in questionnaire order): the
 *       {@value #PROBLEMS} largest "lower" are the problems, the {@value #STRENGTHS} largest
 *       "higher" the strengths; the other clear differences are counted.
 * </ol>
 *
 * @see Verdict
 */
public final class Headlines {

    /** The lowest Cronbach's alpha at which a scale's figures are used in findings ({@link ScaleTrust}). */
    public static final double MIN_ALPHA = ScaleTrust.MIN_ALPHA;
    /** Problems named at the top. */
    public static final int PROBLEMS = 3;
    /** Strengths named at the top. */
    public static final int STRENGTHS = 2;

    private Headlines() {
    }

    /**
     * One construct as one respondent group rates it, set beside the reference.
     *
     * @param item      what the caller needs back (a row, a label)
     * @param school    the school's figures
     * @param reference the reference's figures (null when unknown: then only the school's scale counts)
     * @param versus    the comparison by {@link Verdict}, or null when there is none
     */
    public record Candidate<T>(T item, SchoolIndex school, @Nullable SchoolIndex reference,
                               @Nullable ConstructComparison versus) {}

    /** A named problem or strength. */
    public record Headline<T>(T item, ConstructComparison versus) {

        /** |Hedges' g|, the rank. */
        public double effect() {
            return versus.hedgesG() == null ? 0 : Math.abs(versus.hedgesG());
        }
    }

    /**
     * @param problems   at most {@value #PROBLEMS}, largest |g| first
     * @param strengths  at most {@value #STRENGTHS}, largest |g| first
     * @param moreClear  clear differences not named above
     * @param unclear    trusted constructs compared with no clear difference
     * @param untrusted  constructs left out because a scale is not trusted
     */
    public record Result<T>(List<Headline<T>> problems, List<Headline<T>> strengths, int moreClear, int unclear,
                            List<T> untrusted) {

        /** True when nothing clear was found among the trusted constructs. */
        public boolean nothingClear() {
            return problems.isEmpty() && strengths.isEmpty();
        }
    }

    /** The rule applied to every candidate, in questionnaire order. */
    public static <T> Result<T> of(List<Candidate<T>> candidates) {
        List<Headline<T>> lower = new ArrayList<>();
        List<Headline<T>> higher = new ArrayList<>();
        List<T> untrusted = new ArrayList<>();
        int unclear = 0;
        for (Candidate<T> c : candidates) {
            if (!Findings.comparable(c.school()) || c.versus() == null || c.versus().verdict() == Verdict.TOO_FEW_ANSWERS
                    || c.reference() != null && !Findings.comparable(c.reference())) {
                continue;
            }
            if (ScaleTrust.of(c.school()) != ScaleTrust.TRUSTED
                    || c.reference() != null && ScaleTrust.of(c.reference()) != ScaleTrust.TRUSTED) {
                untrusted.add(c.item());
            } else if (c.versus().verdict() == Verdict.LOWER) {
                lower.add(new Headline<>(c.item(), c.versus()));
            } else if (c.versus().verdict() == Verdict.HIGHER) {
                higher.add(new Headline<>(c.item(), c.versus()));
            } else {
                unclear++;
            }
        }
        Comparator<Headline<T>> largestFirst = Comparator.comparingDouble(h -> -h.effect());
        lower.sort(largestFirst); // stable: ties keep questionnaire order
        higher.sort(largestFirst);
        List<Headline<T>> problems = List.copyOf(lower.subList(0, Math.min(PROBLEMS, lower.size())));
        List<Headline<T>> strengths = List.copyOf(higher.subList(0, Math.min(STRENGTHS, higher.size())));
        int more = lower.size() + higher.size() - problems.size() - strengths.size();
        return new Result<>(problems, strengths, more, unclear, List.copyOf(untrusted));
    }

    /**
     * The plain sentence of a headline, the same on the dashboard and in the PDF: "Учащиеся этой
     * школы оценивают показатель «…» ниже, чем в школе-партнёре (48,0 против 63,5 из 100)."
     *
     * @param role      the respondent group, capitalised ("Учащиеся")
     * @param title     the construct's name ({@link org.uklad.indices.ConstructLabels#level})
     * @param reference "в школе-партнёре" / "в среднем по всем школам волны"
     */
    public static String sentence(Headline<?> h, String role, String title, String reference, Messages m,
                                  Locale locale, ReportFormat f) {
        ConstructComparison v = h.versus();
        return m.get(v.verdict() == Verdict.HIGHER ? "report.finding.higher" : "report.finding.lower", locale,
                role, title, reference, f.score(v.score()), f.score(v.referenceScore()));
    }
}
