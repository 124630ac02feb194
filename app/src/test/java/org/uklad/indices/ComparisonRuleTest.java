package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uklad.analysis.ScoreDistribution;

/** The verdict rule and the problem-matrix rule, case by case, as documented. */
class ComparisonRuleTest {

    @Test
    void aDifferenceIsClearOnlyWithAnAdjustedPBelowFivePercentAndAnEffectOfAtLeastPointTwo() {
        assertThat(Verdict.of(-3.0, 0.01, -0.5)).isEqualTo(Verdict.LOWER);
        assertThat(Verdict.of(3.0, 0.049, 0.2)).isEqualTo(Verdict.HIGHER);
        assertThat(Verdict.of(3.0, 0.05, 0.9)).as("p not below .05").isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(Verdict.of(3.0, 0.001, 0.19)).as("a tiny effect").isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(Verdict.of(3.0, Double.NaN, 1.0)).as("undefined p").isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(Verdict.of(3.0, 0.001, Double.NaN)).as("undefined g").isEqualTo(Verdict.NO_CLEAR_DIFFERENCE);
        assertThat(Verdict.LOWER.messageKey()).isEqualTo("findings.comparison.lower");
        assertThat(Verdict.TOO_FEW_ANSWERS.messageKey()).isEqualTo("findings.comparison.too-few-answers");
    }

    @Test
    void theMatrixMarksProblemsFirstThenStrengths() {
        assertThat(Comparisons.mark(false, true, Verdict.LOWER, Verdict.LOWER)).isEqualTo(ProblemMatrix.Mark.TOO_FEW_ANSWERS);
        assertThat(Comparisons.mark(true, true, Verdict.LOWER, null)).isEqualTo(ProblemMatrix.Mark.PROBLEM);
        assertThat(Comparisons.mark(true, true, null, Verdict.LOWER)).isEqualTo(ProblemMatrix.Mark.PROBLEM);
        assertThat(Comparisons.mark(true, true, Verdict.HIGHER, Verdict.LOWER)).as("below the median wins")
                .isEqualTo(ProblemMatrix.Mark.PROBLEM);
        assertThat(Comparisons.mark(true, true, Verdict.HIGHER, Verdict.NO_CLEAR_DIFFERENCE))
                .isEqualTo(ProblemMatrix.Mark.STRENGTH);
        assertThat(Comparisons.mark(true, true, Verdict.TOO_FEW_ANSWERS, Verdict.HIGHER)).isEqualTo(ProblemMatrix.Mark.STRENGTH);
        assertThat(Comparisons.mark(true, true, Verdict.NO_CLEAR_DIFFERENCE, null)).isEqualTo(ProblemMatrix.Mark.TYPICAL);
        assertThat(Comparisons.mark(true, true, null, null)).isEqualTo(ProblemMatrix.Mark.TYPICAL);
        assertThat(Comparisons.mark(true, false, Verdict.LOWER, Verdict.LOWER)).as("an untrusted scale is no problem")
                .isEqualTo(ProblemMatrix.Mark.UNRELIABLE);
        assertThat(Comparisons.mark(true, false, Verdict.HIGHER, null)).as("nor a strength")
                .isEqualTo(ProblemMatrix.Mark.UNRELIABLE);
        assertThat(Comparisons.priority(ProblemMatrix.Mark.UNRELIABLE, Verdict.LOWER, -1.0, null, null))
                .as("after the typical ones").isGreaterThan(Comparisons.priority(ProblemMatrix.Mark.TYPICAL, null, null, null, null))
                .isLessThan(Comparisons.priority(ProblemMatrix.Mark.TOO_FEW_ANSWERS, null, null, null, null));
    }

    @Test
    void theRestOfTheWaveIsThePoolWithoutTheSchool() {
        ScoreDistribution all = ScoreDistribution.of(new double[] {0, 50, 50, 100, 100, 100});
        ScoreDistribution mine = ScoreDistribution.of(new double[] {50, 100});
        ScoreDistribution rest = Comparisons.minus(all, mine);
        assertThat(rest.expand()).containsExactly(0, 50, 100, 100);
    }
}
