package org.uklad.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uklad.indices.ConstructComparison;
import org.uklad.indices.ScaleTrust;
import org.uklad.indices.SchoolIndex;
import org.uklad.indices.Text;
import org.uklad.indices.Verdict;
import org.uklad.questionnaires.Domain;
import org.uklad.questionnaires.Respondent;

/**
 * The rule of the top of the dashboard and of the PDF's findings: trusted scales only, clear
 * differences only, ranked by |Hedges' g|, three problems and two strengths.
 */
class HeadlinesTest {

    static SchoolIndex shown(Double alpha) {
        return new SchoolIndex(1L, false, 20L, 20L, 3.0, 0.5, 2.8, 3.2, 3.0,
                new SchoolIndex.Score100(60.0, 55.0, 65.0), 70.0, alpha, null, null, null, null, null, null);
    }

    static ConstructComparison versus(String construct, Verdict verdict, double g) {
        return new ConstructComparison(1, "q", Respondent.STUDENT, construct, new Text(construct, construct),
                Domain.CULTURE, verdict, 20L, 20L, 60.0, 50.0, g > 0 ? 10.0 : -10.0, 1.0, 19.0, 0.001, 0.002, 0.004,
                g, g - 0.3, g + 0.3);
    }

    static Headlines.Candidate<String> candidate(String name, Verdict verdict, double g, Double alpha) {
        return new Headlines.Candidate<>(name, shown(alpha), shown(0.8), versus(name, verdict, g));
    }

    @Test
    void ranksClearDifferencesByTheSizeOfTheEffect() {
        List<Headlines.Candidate<String>> all = new ArrayList<>();
        all.add(candidate("low-small", Verdict.LOWER, -0.3, 0.8));
        all.add(candidate("low-large", Verdict.LOWER, -1.2, 0.8));
        all.add(candidate("low-middle", Verdict.LOWER, -0.7, 0.8));
        all.add(candidate("low-smallest", Verdict.LOWER, -0.25, 0.8));
        all.add(candidate("high-small", Verdict.HIGHER, 0.4, 0.8));
        all.add(candidate("high-large", Verdict.HIGHER, 0.9, 0.8));
        all.add(candidate("high-middle", Verdict.HIGHER, 0.6, 0.8));
        all.add(candidate("same", Verdict.NO_CLEAR_DIFFERENCE, 0.1, 0.8));
        Headlines.Result<String> r = Headlines.of(all);
        assertThat(r.problems()).extracting(Headlines.Headline::item).containsExactly("low-large", "low-middle", "low-small");
        assertThat(r.strengths()).extracting(Headlines.Headline::item).containsExactly("high-large", "high-middle");
        assertThat(r.moreClear()).isEqualTo(2); // low-smallest and high-small
        assertThat(r.unclear()).isEqualTo(1);
        assertThat(r.untrusted()).isEmpty();
        assertThat(r.nothingClear()).isFalse();
    }

    @Test
    void anUnreliableScaleIsNeverAProblemOrAStrength() {
        List<Headlines.Candidate<String>> all = new ArrayList<>();
        all.add(candidate("negative-alpha", Verdict.LOWER, -2.0, -0.64));
        all.add(candidate("low-alpha", Verdict.HIGHER, 1.5, 0.59));
        all.add(candidate("no-alpha", Verdict.LOWER, -1.0, null));
        all.add(new Headlines.Candidate<>("reference-unreliable", shown(0.9), shown(0.3),
                versus("reference-unreliable", Verdict.LOWER, -1.1)));
        all.add(candidate("trusted", Verdict.LOWER, -0.5, 0.6));
        Headlines.Result<String> r = Headlines.of(all);
        assertThat(r.problems()).extracting(Headlines.Headline::item).containsExactly("trusted");
        assertThat(r.strengths()).isEmpty();
        assertThat(r.untrusted()).containsExactly("negative-alpha", "low-alpha", "no-alpha", "reference-unreliable");
        assertThat(ScaleTrust.of(shown(0.6))).isEqualTo(ScaleTrust.TRUSTED);
        assertThat(ScaleTrust.of(shown(0.5999))).isEqualTo(ScaleTrust.LOW_ALPHA);
        assertThat(ScaleTrust.of(shown(null))).isEqualTo(ScaleTrust.NO_ALPHA);
    }

    @Test
    void tooFewAnswersOrNoComparisonIsLeftOutAndNothingClearIsSaid() {
        List<Headlines.Candidate<String>> all = new ArrayList<>();
        all.add(new Headlines.Candidate<>("no-comparison", shown(0.8), shown(0.8), null));
        all.add(candidate("too-few", Verdict.TOO_FEW_ANSWERS, 0, 0.8));
        all.add(candidate("same", Verdict.NO_CLEAR_DIFFERENCE, -0.15, 0.8));
        Headlines.Result<String> r = Headlines.of(all);
        assertThat(r.nothingClear()).isTrue();
        assertThat(r.unclear()).isEqualTo(1);
        assertThat(r.untrusted()).isEmpty();
    }
}
