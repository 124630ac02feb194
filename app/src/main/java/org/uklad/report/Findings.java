package org.uklad.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.ConstructLabels;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Verdict;
import org.uklad.questionnaires.IndexKind;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * The plain-language findings of the PDF summary, from fixed rules that the method notes state too.
 * Words stay modest: "higher", "lower", "no clear difference".
 *
 * <ol>
 *   <li><b>Problems and strengths</b> against the reference (partner school, or, without one, the
 *       other schools of the wave pooled): the rule of {@link Headlines}, the same the dashboard
 *       puts at its top: level constructs whose scales are trusted (alpha ≥ 0.6 on both sides),
 *       clear by {@link Verdict} (BH-adjusted Welch p &lt; 0.05 and |Hedges' g| ≥ 0.2), the three
 *       largest "lower" by |g| and the two largest "higher"; the other clear differences are
 *       counted in one sentence, the constructs without one summed up in another, and the
 *       constructs left out for an untrusted scale named.
 *   <li><b>Shared values</b>: the school's rWG(J), with its band (LeBreton &amp; Senter, 2008):
 *       ≥ 0.71 strong agreement, 0.51–0.70 moderate, 0.31–0.50 weak, below that none.
 *   <li><b>Real vs ideal</b>: the pair with the largest shown gap (ideal − now), when it is positive.
 *   <li>When nothing could be compared, one sentence says so, naming the threshold.
 * </ol>
 * At most {@value #MAX} findings are kept, in this order: problems, strengths, agreement, gap, the
 * untrusted scales, then the sentences summing up the rest.
 */
public final class Findings {

    static final int MAX = 8;

    private Findings() {
    }

    static List<String> of(SchoolSummary s, Messages m, Locale locale, ReportFormat f) {
        List<String> out = new ArrayList<>();
        String ref = m.get("report.reference." + s.reference().name().toLowerCase(Locale.ROOT) + ".in", locale);
        List<Headlines.Candidate<SchoolSummary.Row>> candidates = new ArrayList<>();
        for (SchoolSummary.Row row : s.constructs()) {
            if (SchoolSummaryPdf.isLevel(row)) {
                candidates.add(new Headlines.Candidate<>(row, row.school(), row.reference(), row.versus()));
            }
        }
        Headlines.Result<SchoolSummary.Row> headlines = Headlines.of(candidates);
        for (Headlines.Headline<SchoolSummary.Row> h : concat(headlines.problems(), headlines.strengths())) {
            out.add(Headlines.sentence(h, m.get("report.role." + role(h.item()), locale), levelTitle(h.item(), m, locale), ref,
                    m, locale, f));
        }
        for (SchoolSummary.Row row : s.constructs()) {
            if (row.index().indexKind() == IndexKind.AGREEMENT && !row.school().suppressed() && row.school().rwgJ() != null) {
                double r = row.school().rwgJ();
                out.add(m.get("report.finding.agreement", locale,
                        ConstructLabels.local(row.names().agreement(), locale),
                        m.get("report.agreement.band." + band(r), locale), f.coefficient(r)));
            }
        }
        for (SchoolSummary.Row row : s.constructs()) {
            if (row.index().indexKind() == IndexKind.GAP && !row.school().suppressed() && row.school().gap() != null) {
                row.school().gap().pairs().stream()
                        .filter(p -> !p.suppressed() && p.mean() != null && p.mean() > 0)
                        .max(Comparator.comparingDouble(SchoolIndex.PairGap::mean))
                        .ifPresent(p -> out.add(m.get("report.finding.gap", locale,
                                pairText(row, p.pair(), locale), f.coefficient(p.mean()),
                                f.count(row.index().scale().min()), f.count(row.index().scale().max()))));
            }
        }
        if (!headlines.untrusted().isEmpty()) {
            out.add(m.get("report.finding.untrusted", locale, String.join("; ", headlines.untrusted().stream()
                    .map(row -> levelTitle(row, m, locale) + " (" + m.get("report.role." + role(row), locale).toLowerCase(locale) + ")")
                    .toList()), f.coefficient(Headlines.MIN_ALPHA)));
        }
        if (headlines.moreClear() > 0) {
            out.add(m.get("report.finding.more-clear", locale, f.count(headlines.moreClear())));
        }
        if (headlines.unclear() > 0) {
            out.add(headlines.nothingClear() && headlines.moreClear() == 0
                    ? m.get("report.finding.none-clear", locale, ref, f.count(headlines.unclear()))
                    : m.get("report.finding.rest-unclear", locale, ref, f.count(headlines.unclear())));
        }
        if (out.isEmpty()) {
            out.add(m.get("report.finding.nothing", locale, f.count(s.minGroupSize())));
        }
        return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Shown (not suppressed) with a 0–100 score and both bounds of its interval. */
    public static boolean comparable(SchoolIndex s) {
        return !s.suppressed() && s.score100() != null && s.score100().mean() != null
                && s.score100().ciLower() != null && s.score100().ciUpper() != null;
    }

    /** The band of an rWG(J) value (LeBreton &amp; Senter, 2008). */
    public static String band(double rwg) {
        return rwg >= 0.71 ? "strong" : rwg >= 0.51 ? "moderate" : rwg >= 0.31 ? "weak" : "none";
    }

    static String role(SchoolSummary.Row row) {
        return row.role().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The construct's level name, level and agreement told apart ({@link ConstructLabels}); the PDF
     * names the respondent group beside it.
     */
    static String levelTitle(SchoolSummary.Row row, Messages m, Locale locale) {
        return ConstructLabels.local(row.names().level(), locale);
    }

    static String pairText(SchoolSummary.Row row, String pair, Locale locale) {
        var t = row.pairTexts().get(pair);
        if (t == null) {
            return pair;
        }
        return Messages.supported(locale).getLanguage().equals("en") ? t.en() : t.ru();
    }
}
