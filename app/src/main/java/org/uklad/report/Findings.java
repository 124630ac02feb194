package org.uklad.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Verdict;
import org.uklad.questionnaires.IndexKind;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;

/**
 * Three to five plain-language findings for the overview page, from fixed rules that the method
 * notes state too. Words stay modest: "higher", "lower", "no clear difference".
 *
 * <ol>
 *   <li><b>School vs reference</b> (partner school, or, without one, the other schools of the wave
 *       pooled): for each level or agreement construct where both sides are shown, the words of
 *       {@link Verdict} — the one rule of the dashboard, the staff API and this PDF: a difference is
 *       clear only when the Welch p-value, adjusted by Benjamini–Hochberg over the constructs of the
 *       comparison, is below 0.05 and |Hedges' g| is at least 0.2; otherwise "no clear difference",
 *       even if the means differ. Clear differences are listed largest first, the largest of each
 *       respondent group before the rest, three at most (the others are counted in one sentence,
 *       and shown in the table); the constructs without one are summed up in one sentence.
 *   <li><b>Shared values</b>: the school's rWG(J), with its band (LeBreton &amp; Senter, 2008):
 *       ≥ 0.71 strong agreement, 0.51–0.70 moderate, 0.31–0.50 weak, below that none.
 *   <li><b>Real vs ideal</b>: the pair with the largest shown gap (ideal − now), when it is positive.
 *   <li>When nothing could be compared, one sentence says so, naming the threshold.
 * </ol>
 * At most five findings are kept: the clear differences, agreement and gap first, then the
 * sentences summing up the rest.
 */
public final class Findings {

    static final int MAX = 5;
    static final int MAX_DIFFERENCES = 3;

    private Findings() {
    }

    static List<String> of(SchoolSummary s, Messages m, Locale locale, ReportFormat f) {
        List<String> out = new ArrayList<>();
        String ref = m.get("report.reference." + s.reference().name().toLowerCase(Locale.ROOT) + ".in", locale);
        record Difference(SchoolSummary.Row row, double diff) {}
        List<Difference> clear = new ArrayList<>();
        int unclear = 0;
        for (SchoolSummary.Row row : s.constructs()) {
            if (!SchoolSummaryPdf.isLevel(row) || !comparable(row.school()) || !comparable(row.reference())
                    || row.versus() == null || row.versus().verdict() == Verdict.TOO_FEW_ANSWERS) {
                continue;
            }
            if (row.versus().verdict().clear()) {
                clear.add(new Difference(row, row.versus().difference()));
            } else {
                unclear++;
            }
        }
        clear.sort(Comparator.comparingDouble((Difference d) -> -Math.abs(d.diff())));
        // the largest difference of each respondent group first, then the next largest, three at most
        List<Difference> chosen = new ArrayList<>();
        for (Difference d : clear) {
            if (chosen.stream().noneMatch(c -> c.row().role() == d.row().role())) {
                chosen.add(d);
            }
        }
        for (Difference d : clear) {
            if (!chosen.contains(d)) {
                chosen.add(d);
            }
        }
        chosen = chosen.subList(0, Math.min(MAX_DIFFERENCES, chosen.size()));
        for (Difference d : chosen) {
            SchoolIndex.Score100 a = d.row().school().score100();
            SchoolIndex.Score100 b = d.row().reference().score100();
            out.add(m.get(d.diff() > 0 ? "report.finding.higher" : "report.finding.lower", locale,
                    m.get("report.role." + role(d.row()), locale), title(d.row(), locale), ref,
                    f.score(a.mean()), f.score(b.mean())));
        }
        for (SchoolSummary.Row row : s.constructs()) {
            if (row.index().indexKind() == IndexKind.AGREEMENT && !row.school().suppressed() && row.school().rwgJ() != null) {
                double r = row.school().rwgJ();
                out.add(m.get("report.finding.agreement", locale, title(row, locale),
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
        if (clear.size() > chosen.size()) {
            out.add(m.get("report.finding.more-clear", locale, f.count(clear.size() - chosen.size())));
        }
        if (unclear > 0) {
            out.add(clear.isEmpty() ? m.get("report.finding.none-clear", locale, ref, f.count(unclear))
                    : m.get("report.finding.rest-unclear", locale, ref, f.count(unclear)));
        }
        if (out.isEmpty()) {
            out.add(m.get("report.finding.nothing", locale, f.count(s.minGroupSize())));
        }
        return out.size() > MAX ? List.copyOf(out.subList(0, MAX)) : out;
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

    static String title(SchoolSummary.Row row, Locale locale) {
        return Messages.supported(locale).getLanguage().equals("en") ? row.index().title().en() : row.index().title().ru();
    }

    static String pairText(SchoolSummary.Row row, String pair, Locale locale) {
        var t = row.pairTexts().get(pair);
        if (t == null) {
            return pair;
        }
        return Messages.supported(locale).getLanguage().equals("en") ? t.en() : t.ru();
    }
}
