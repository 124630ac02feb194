package org.uklad.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uklad.indices.LevelBand;
import org.uklad.indices.ProblemMatrix.Mark;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Instruments;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.RiskCatalogue;
import org.uklad.questionnaires.RiskFactor;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.questionnaires.RiskRule;
import org.uklad.questionnaires.SourceFile;
import org.uklad.risk.RiskEvaluation.ConstructFigure;
import org.uklad.risk.RiskEvaluation.Context;
import org.uklad.risk.RiskEvaluation.External;
import org.uklad.risk.RiskEvaluation.Figures;
import org.uklad.risk.RiskEvaluation.MatrixCell;

/** Each rule of the risk catalogue, each level and each "not enough data", on constructed figures (no database). */
class RiskEvaluationTest {

    /** One factor per source, thresholds as in the bundled catalogue. */
    static final String CATALOGUE = """
            version: 3
            factors:
              motivation:
                name: {ru: "Мотивация", en: "Motivation"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: construct, construct: engagement, respondent: student, rule: {when: below, high: 50, medium: 70}}
              matrix:
                name: {ru: "Матрица", en: "Matrix"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: matrix, respondent: teacher, constructs: [leadership, teacher_comfort, results_orientation], rule: {when: at_least, high: 2, medium: 1}}
              failure:
                name: {ru: "Неуспешность", en: "Failure"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: external, min_schools: 4, rule: {when: below, high: 25, medium: 50}}
              social:
                name: {ru: "Контекст", en: "Context"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: context, rule: {when: at_least, high: 40, medium: 25}}
              sen:
                name: {ru: "ОВЗ", en: "SEN"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: profile, fact: sen_share, rule: {when: at_least, high: 0.15, medium: 0.07}}
              climate:
                name: {ru: "Климат", en: "Climate"}
                meaning: {ru: "м", en: "m"}
                measured: true
                signals:
                  - {source: construct, construct: comfort, respondent: student, rule: {when: below, high: 50, medium: 70}}
                  - {source: profile, fact: staff_trained, rule: {when: below, high: 0.5, medium: 0.8}}
              subject:
                name: {ru: "Предмет", en: "Subject"}
                meaning: {ru: "м", en: "m"}
                measured: false
                why: {ru: "нельзя", en: "cannot"}
            """;

    static final RiskCatalogue RULES = parse(CATALOGUE);

    static RiskCatalogue parse(String text) {
        try {
            return RiskCatalogue.parse(new SourceFile("test-risks.yaml", text), Instruments.bundledCatalogue());
        } catch (org.uklad.questionnaires.QuestionnaireException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Words that say which key was asked: the evaluation, not the wording, is under test here. */
    static final RiskEvaluation.Words WORDS = new RiskEvaluation.Words() {
        @Override
        public Text of(String key, Object... args) {
            return new Text(key + Arrays.toString(args), key);
        }

        @Override
        public Text construct(String construct, Respondent respondent) {
            return new Text(construct, construct);
        }
    };

    static ConstructFigure shown(Respondent r, String construct, double percent) {
        return new ConstructFigure(r, "form", construct, new Text(construct, construct), percent, 30L, 55.0, 50.0, 60.0);
    }

    static ConstructFigure suppressed(Respondent r, String construct) {
        return new ConstructFigure(r, "form", construct, new Text(construct, construct), null, null, null, null, null);
    }

    static Figures figures(List<ConstructFigure> constructs, List<MatrixCell> matrix, External external, Context context,
                           Map<String, Double> facts) {
        return new Figures(constructs, matrix, external, context, facts);
    }

    static Figures empty() {
        return figures(List.of(), List.of(), null, null, Map.of());
    }

    static RiskProfile.Factor factor(Figures f, String id) {
        return RiskEvaluation.evaluate(RULES, f, WORDS).stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void percentFavourableGivesEachLevelAtTheDashboardsBands() {
        assertThat(level(49.9)).isEqualTo(RiskLevel.HIGH);
        assertThat(level(50)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(level(69.9)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(level(70)).isEqualTo(RiskLevel.LOW);
        // the bundled catalogue reads percent favourable at the dashboard's bands: a low band is high risk
        RiskCatalogue.bundled().factors().values().stream().flatMap(f -> f.signals().stream())
                .filter(s -> s.source() == RiskFactor.Source.CONSTRUCT).forEach(s -> {
                    assertThat(s.rule().when()).isEqualTo(RiskRule.When.BELOW);
                    assertThat(s.rule().high()).isEqualTo(LevelBand.MEDIUM_FROM);
                    assertThat(s.rule().medium()).isEqualTo(LevelBand.HIGH_FROM);
                });
        RiskProfile.Factor f = factor(figures(List.of(shown(Respondent.STUDENT, "engagement", 42)), List.of(), null, null,
                Map.of()), "motivation");
        RiskProfile.Evidence e = f.evidence().getFirst();
        assertThat(e.value()).isEqualTo(42.0);
        assertThat(e.n()).isEqualTo(30L);
        assertThat(e.lower()).isEqualTo(50.0);
        assertThat(e.upper()).isEqualTo(60.0);
        assertThat(e.rule().ru()).isEqualTo("risk.rule.construct.below[50.0, 70.0, 0]");
    }

    private static RiskLevel level(double percent) {
        return factor(figures(List.of(shown(Respondent.STUDENT, "engagement", percent)), List.of(), null, null, Map.of()),
                "motivation").level();
    }

    @Test
    void aGroupUnderTheMinimumSizeOrAConstructNotAskedIsNotEnoughDataWithNoFigure() {
        RiskProfile.Factor f = factor(figures(List.of(suppressed(Respondent.STUDENT, "engagement")), List.of(), null, null,
                Map.of()), "motivation");
        assertThat(f.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        RiskProfile.Evidence e = f.evidence().getFirst();
        assertThat(Arrays.asList(e.value(), e.n(), e.mean(), e.lower(), e.upper())).containsOnlyNulls();
        assertThat(factor(empty(), "motivation").level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        // the same construct rated by parents is not the students' figure
        assertThat(factor(figures(List.of(shown(Respondent.PARENT, "engagement", 10)), List.of(), null, null, Map.of()),
                "motivation").level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
    }

    @Test
    void twoFormsOfOneGroupGiveTwoFiguresAndTheHigherLevel() {
        RiskProfile.Factor f = factor(figures(List.of(shown(Respondent.STUDENT, "engagement", 80),
                shown(Respondent.STUDENT, "engagement", 60), suppressed(Respondent.STUDENT, "engagement")), List.of(),
                null, null, Map.of()), "motivation");
        assertThat(f.evidence()).extracting(RiskProfile.Evidence::level)
                .containsExactly(RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.NOT_ENOUGH_DATA);
        assertThat(f.level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void aSignalOfOneFormReadsThatFormOnly() {
        RiskCatalogue one = parse(CATALOGUE.replace("construct: engagement, respondent: student,",
                "construct: engagement, respondent: student, questionnaire: students-5-11,"));
        ConstructFigure young = new ConstructFigure(Respondent.STUDENT, "students-2-4", "engagement", new Text("e", "e"),
                10.0, 20L, 30.0, 25.0, 35.0);
        ConstructFigure old = new ConstructFigure(Respondent.STUDENT, "students-5-11", "engagement", new Text("e", "e"),
                75.0, 20L, 70.0, 65.0, 75.0);
        RiskProfile.Factor f = RiskEvaluation.evaluate(one, figures(List.of(young, old), List.of(), null, null, Map.of()), WORDS)
                .getFirst();
        assertThat(f.level()).isEqualTo(RiskLevel.LOW);
        assertThat(f.evidence()).hasSize(1);
        assertThat(RiskEvaluation.evaluate(one, figures(List.of(young), List.of(), null, null, Map.of()), WORDS).getFirst()
                .level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
    }

    @Test
    void problemMarksCountEachConstructOnce() {
        assertThat(matrix(Mark.PROBLEM, Mark.PROBLEM, Mark.TYPICAL).level()).isEqualTo(RiskLevel.HIGH);
        assertThat(matrix(Mark.PROBLEM, Mark.STRENGTH, Mark.TYPICAL).level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(matrix(Mark.TYPICAL, Mark.STRENGTH, Mark.TOO_FEW_ANSWERS).level()).isEqualTo(RiskLevel.LOW);
        RiskProfile.Factor none = matrix(Mark.TOO_FEW_ANSWERS, Mark.UNRELIABLE, Mark.TOO_FEW_ANSWERS);
        assertThat(none.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(none.evidence().getFirst().value()).isNull();
        // one construct marked twice (two forms) is one problem; a construct outside the signal counts not
        List<MatrixCell> cells = List.of(new MatrixCell(Respondent.TEACHER, "leadership", Mark.PROBLEM),
                new MatrixCell(Respondent.TEACHER, "leadership", Mark.PROBLEM),
                new MatrixCell(Respondent.TEACHER, "shared_values", Mark.PROBLEM),
                new MatrixCell(Respondent.STUDENT, "teacher_comfort", Mark.PROBLEM));
        RiskProfile.Factor f = factor(figures(List.of(), cells, null, null, Map.of()), "matrix");
        assertThat(f.level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(f.evidence().getFirst().value()).isEqualTo(1.0);
        assertThat(f.evidence().getFirst().n()).isEqualTo(1L);
    }

    private static RiskProfile.Factor matrix(Mark leadership, Mark comfort, Mark results) {
        return factor(figures(List.of(), List.of(new MatrixCell(Respondent.TEACHER, "leadership", leadership),
                new MatrixCell(Respondent.TEACHER, "teacher_comfort", comfort),
                new MatrixCell(Respondent.TEACHER, "results_orientation", results)), null, null, Map.of()), "matrix");
    }

    @Test
    void theExternalResultIsPlacedAmongTheWavesSchools() {
        List<Double> wave = List.of(3.1, 3.4, 3.6, 3.9, 4.0, 4.2, 4.4, 4.8, 3.5);   // nine schools: 8 others each
        assertThat(external(3.1, wave)).isEqualTo(RiskLevel.HIGH);       // 0 of 8 lower: 0 %
        assertThat(external(3.4, wave)).isEqualTo(RiskLevel.HIGH);       // 1 of 8: 12.5 %
        assertThat(external(3.5, wave)).isEqualTo(RiskLevel.MEDIUM);     // 2 of 8: 25 %
        assertThat(external(3.6, wave)).isEqualTo(RiskLevel.MEDIUM);     // 3 of 8: 37.5 %
        assertThat(external(3.9, wave)).isEqualTo(RiskLevel.LOW);        // 4 of 8: 50 %
        assertThat(RiskEvaluation.percentLower(3.9, wave)).isEqualTo(50.0);
        assertThat(external(4.8, wave)).isEqualTo(RiskLevel.LOW);
        // ties count half
        assertThat(RiskEvaluation.percentLower(4.0, List.of(4.0, 4.0, 3.0))).isEqualTo(75.0);
        // too few schools, or no result of the school: not enough data
        assertThat(external(3.1, List.of(3.1, 3.4, 3.6))).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(factor(empty(), "failure").level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
    }

    private static RiskLevel external(double value, List<Double> wave) {
        return factor(figures(List.of(), List.of(), new External(value, "ОГЭ", wave), null, Map.of()), "failure").level();
    }

    @Test
    void theFamilyContextGivesEachLevelAndNothingWhenSuppressed() {
        assertThat(context(0.40)).isEqualTo(RiskLevel.HIGH);
        assertThat(context(0.25)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(context(0.2499)).isEqualTo(RiskLevel.LOW);
        RiskProfile.Factor suppressed = factor(figures(List.of(), List.of(), null, new Context(null, null), Map.of()), "social");
        assertThat(suppressed.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(suppressed.evidence().getFirst().n()).isNull();
        assertThat(factor(empty(), "social").level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(factor(figures(List.of(), List.of(), null, new Context(0.5, 12L), Map.of()), "social").evidence()
                .getFirst().value()).isEqualTo(50.0);
    }

    private static RiskLevel context(double share) {
        return factor(figures(List.of(), List.of(), null, new Context(share, 20L), Map.of()), "social").level();
    }

    @Test
    void profileFactsGiveEachLevelAndAMissingKeyIsNotEnoughData() {
        assertThat(fact("sen", "sen_share", 0.15)).isEqualTo(RiskLevel.HIGH);
        assertThat(fact("sen", "sen_share", 0.07)).isEqualTo(RiskLevel.MEDIUM);
        assertThat(fact("sen", "sen_share", 0.01)).isEqualTo(RiskLevel.LOW);
        assertThat(fact("sen", "other_language_share", 0.9)).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(factor(empty(), "sen").level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
    }

    private static RiskLevel fact(String factor, String key, double value) {
        return factor(figures(List.of(), List.of(), null, null, Map.of(key, value)), factor).level();
    }

    @Test
    void aFactorTakesTheHighestLevelOfItsSignalsWithData() {
        List<ConstructFigure> comfort = new ArrayList<>(List.of(shown(Respondent.STUDENT, "comfort", 75)));
        assertThat(factor(figures(comfort, List.of(), null, null, Map.of("staff_trained", 0.4)), "climate").level())
                .isEqualTo(RiskLevel.HIGH);
        assertThat(factor(figures(comfort, List.of(), null, null, Map.of("staff_trained", 0.9)), "climate").level())
                .isEqualTo(RiskLevel.LOW);
        // the fact missing: the construct alone decides
        assertThat(factor(figures(comfort, List.of(), null, null, Map.of()), "climate").level()).isEqualTo(RiskLevel.LOW);
        assertThat(factor(figures(List.of(suppressed(Respondent.STUDENT, "comfort")), List.of(), null, null,
                Map.of("staff_trained", 0.6)), "climate").level()).isEqualTo(RiskLevel.MEDIUM);
    }

    @Test
    void aFactorTheInstrumentsCannotMeasureSaysWhy() {
        RiskProfile.Factor f = factor(empty(), "subject");
        assertThat(f.measured()).isFalse();
        assertThat(f.level()).isEqualTo(RiskLevel.NOT_ENOUGH_DATA);
        assertThat(f.why().ru()).isEqualTo("нельзя");
        assertThat(f.evidence()).isEmpty();
        assertThat(RiskEvaluation.evaluate(RULES, empty(), WORDS)).hasSize(7);
    }
}
