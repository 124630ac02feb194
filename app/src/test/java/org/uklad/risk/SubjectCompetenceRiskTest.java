package org.uklad.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.RiskCatalogue;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.risk.RiskEvaluation.ConstructFigure;
import org.uklad.risk.RiskEvaluation.Figures;

/**
 * The bundled catalogue's "weak subject and methodological competence" (issue #22): measured from
 * the six readiness scales of the teachers' needs questionnaire and the profile's share of staff
 * trained, each level reached by a figure on the right side of its threshold, nothing from a group
 * under the minimum size and nothing from the other teachers' form.
 */
class SubjectCompetenceRiskTest {

    static final String FACTOR = "weak_subject_competence";
    static final List<String> AREAS = List.of("readiness_assessment", "readiness_low_motivation",
            "readiness_differentiation", "readiness_classroom_management", "readiness_data_use", "readiness_parents");

    static ConstructFigure needs(String construct, Double percent) {
        return new ConstructFigure(Respondent.TEACHER, "teachers-needs", construct, new Text(construct, construct), percent,
                percent == null ? null : 12L, percent == null ? null : 60.0, null, null);
    }

    /** Every area at {@code percent} favourable, the last at {@code last}. */
    static List<ConstructFigure> areas(double percent, Double last) {
        List<ConstructFigure> out = new ArrayList<>();
        for (String a : AREAS) {
            out.add(needs(a, a.equals(AREAS.getLast()) ? last : Double.valueOf(percent)));
        }
        return out;
    }

    static RiskProfile.Factor evaluate(List<ConstructFigure> constructs, Map<String, Double> facts) {
        return RiskEvaluation.evaluate(RiskCatalogue.bundled(), new Figures(constructs, List.of(), null, null, facts),
                RiskEvaluationTest.WORDS).stream().filter(f -> f.id().equals(FACTOR)).findFirst().orElseThrow();
    }

    @Test
    void theFactorIsMeasuredFromTheSixReadinessScalesAndTheProfile() {
        RiskProfile.Factor f = evaluate(areas(80, 80.0), Map.of("staff_trained_share", 0.9));
        assertThat(f.measured()).isTrue();
        assertThat(f.level()).isEqualTo(RiskLevel.LOW);
        assertThat(f.evidence()).hasSize(7);
        assertThat(f.evidence().stream().filter(e -> e.fact() == null).flatMap(e -> e.constructs().stream()))
                .containsExactlyElementsOf(AREAS);
        assertThat(f.evidence()).allSatisfy(e -> assertThat(e.level()).isEqualTo(RiskLevel.LOW));
    }

    @Test
    void oneAreaOfLowReadinessRaisesTheLevel() {
        // readiness below 70 % favourable is medium risk, below 50 % high: the dashboard's bands
        assertThat(evaluate(areas(80, 69.9), Map.of()).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(evaluate(areas(80, 70.0), Map.of()).level()).isEqualTo(RiskLevel.LOW);
        assertThat(evaluate(areas(80, 49.9), Map.of()).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(evaluate(areas(80, 50.0), Map.of()).level()).isEqualTo(RiskLevel.MEDIUM);
        // the profile alone: fewer than half of the staff trained this year
        assertThat(evaluate(areas(80, 80.0), Map.of("staff_trained_share", 0.4)).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(evaluate(areas(80, 80.0), Map.of("staff_trained_share", 0.6)).level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void aGroupUnderTheMinimumSizeOrAnotherFormGivesNoLevel() {
        RiskProfile.Factor withheld = evaluate(AREAS.stream().map(a -> needs(a, null)).toList(), Map.of());
        assertThat(withheld.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(withheld.evidence()).allSatisfy(e -> {
            assertThat(e.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
            assertThat(e.value()).isNull();
            assertThat(e.n()).isNull();
        });
        // the same construct from another teachers' form is not what the factor rests on
        List<ConstructFigure> elsewhere = AREAS.stream().map(a -> new ConstructFigure(Respondent.TEACHER, "teachers", a,
                new Text(a, a), 10.0, 12L, 20.0, null, null)).toList();
        assertThat(evaluate(elsewhere, Map.of()).level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        // a low area among withheld ones still counts
        assertThat(evaluate(AREAS.stream().map(a -> needs(a, a.equals(AREAS.getLast()) ? 30.0 : null)).toList(), Map.of())
                .level()).isEqualTo(RiskLevel.HIGH);
    }
}
