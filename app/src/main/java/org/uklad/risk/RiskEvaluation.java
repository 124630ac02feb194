package org.uklad.risk;

import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uklad.indices.ProblemMatrix;
import org.uklad.indices.Text;
import org.uklad.questionnaires.Respondent;
import org.uklad.questionnaires.RiskCatalogue;
import org.uklad.questionnaires.RiskFactor;
import org.uklad.questionnaires.RiskLevel;
import org.uklad.questionnaires.RiskRule;

/**
 * The rules of the risk catalogue applied to one school's figures: no database, no framework, so
 * each rule and each "not enough data" is tested on constructed figures. A signal gives its level
 * by its rule from its figure; a figure that is missing or withheld (a group under the minimum size,
 * a suppressed context index, a fact not in the profile, too few schools with a result) gives
 * NOT_ENOUGH_DATA and no value. A factor's level is the highest level of its signals' figures.
 */
final class RiskEvaluation {

    private RiskEvaluation() {}

    /** The words of the evidence, in both languages (messages in the app, anything in a test). */
    interface Words {
        /** A message in both languages; numbers among the arguments are formatted per language. */
        Text of(String key, Object... args);

        /** A construct's name as a respondent group rates it ("Комфортность условий (родители)"). */
        Text construct(String construct, Respondent respondent);
    }

    /**
     * A school's figures in a wave.
     *
     * @param constructs every construct of every form of the wave as the school's groups rate it
     * @param matrix     the school's problem-matrix cells
     * @param external   its external result among the wave's, or null when the school has none
     * @param context    its family context, or null when the wave has none for it
     * @param facts      its profile facts (a missing key is "not enough data")
     */
    record Figures(List<ConstructFigure> constructs, List<MatrixCell> matrix, @Nullable External external,
                   @Nullable Context context, Map<String, Double> facts) {}

    /**
     * One construct of one form: {@code percentFavourable} null when the group is under the minimum size.
     *
     * @param questionnaire the form's questionnaire key
     * @param name  the construct's name with its group, as the dashboard names it
     * @param mean  mean on 0–100, with its 95% interval {@code lower}…{@code upper}
     */
    record ConstructFigure(Respondent respondent, String questionnaire, String construct, Text name, @Nullable Double percentFavourable,
                           @Nullable Long n, @Nullable Double mean, @Nullable Double lower, @Nullable Double upper) {}

    /** One problem-matrix cell. */
    record MatrixCell(Respondent respondent, String construct, ProblemMatrix.Mark mark) {}

    /**
     * The school's external result and every result of the wave (its own among them).
     *
     * @param label what the number is
     */
    record External(double value, String label, List<Double> wave) {}

    /**
     * The family context: the share (0–1) of the school's families in the bottom third of the
     * index; null when suppressed.
     */
    record Context(@Nullable Double bottomThirdShare, @Nullable Long families) {}

    /** Every factor of the catalogue, in catalogue order. */
    static List<RiskProfile.Factor> evaluate(RiskCatalogue catalogue, Figures figures, Words words) {
        List<RiskProfile.Factor> out = new ArrayList<>();
        for (RiskFactor factor : catalogue.factors().values()) {
            Text name = text(factor.name());
            Text meaning = text(factor.meaning());
            if (!factor.measured()) {
                out.add(new RiskProfile.Factor(factor.id(), name, meaning, false, RiskLevel.NOT_ENOUGH_DATA,
                        text(factor.why()), List.of()));
                continue;
            }
            List<RiskProfile.Evidence> evidence = new ArrayList<>();
            for (RiskFactor.Signal s : factor.signals()) {
                evidence.addAll(signal(s, figures, words));
            }
            RiskLevel level = evidence.stream().map(RiskProfile.Evidence::level)
                    .reduce(RiskLevel.NOT_ENOUGH_DATA, RiskLevel::higher);
            out.add(new RiskProfile.Factor(factor.id(), name, meaning, true, level, null, evidence));
        }
        return out;
    }

    static List<RiskProfile.Evidence> signal(RiskFactor.Signal s, Figures figures, Words words) {
        RiskRule rule = s.rule();
        Text ruleText = words.of("risk.rule." + s.source().name().toLowerCase(Locale.ROOT) + "."
                + rule.when().name().toLowerCase(Locale.ROOT), rule.high(), rule.medium(), s.minSchools());
        return switch (s.source()) {
            case CONSTRUCT -> construct(s, figures, words, ruleText);
            case MATRIX -> List.of(matrix(s, figures, words, ruleText));
            case EXTERNAL -> List.of(external(s, figures, words, ruleText));
            case CONTEXT -> List.of(context(s, figures, words, ruleText));
            case PROFILE -> List.of(profile(s, figures, words, ruleText));
        };
    }

    private static List<RiskProfile.Evidence> construct(RiskFactor.Signal s, Figures figures, Words words, Text ruleText) {
        String id = s.constructs().getFirst();
        List<RiskProfile.Evidence> out = new ArrayList<>();
        for (ConstructFigure c : figures.constructs()) {
            if (c.respondent() != s.respondent() || !c.construct().equals(id)
                    || (s.questionnaire() != null && !s.questionnaire().equals(c.questionnaire()))) {
                continue;
            }
            if (c.percentFavourable() == null) {
                // under the minimum size: no figure at all, not even n
                out.add(new RiskProfile.Evidence(s.source(), c.name(), c.respondent(), s.constructs(), null,
                        RiskLevel.NOT_ENOUGH_DATA, null, null, null, null, null, ruleText));
            } else {
                out.add(new RiskProfile.Evidence(s.source(), c.name(), c.respondent(), s.constructs(), null,
                        s.rule().levelOf(c.percentFavourable()), c.percentFavourable(), c.n(), c.mean(), c.lower(),
                        c.upper(), ruleText));
            }
        }
        if (out.isEmpty()) {
            // the wave asks no form of this group about the construct
            out.add(new RiskProfile.Evidence(s.source(), words.construct(id, s.respondent()), s.respondent(),
                    s.constructs(), null, RiskLevel.NOT_ENOUGH_DATA, null, null, null, null, null, ruleText));
        }
        return out;
    }

    private static RiskProfile.Evidence matrix(RiskFactor.Signal s, Figures figures, Words words, Text ruleText) {
        Set<String> compared = new LinkedHashSet<>();
        Set<String> problems = new LinkedHashSet<>();
        for (MatrixCell c : figures.matrix()) {
            if (c.respondent() != s.respondent() || !s.constructs().contains(c.construct())) {
                continue;
            }
            if (c.mark() == ProblemMatrix.Mark.PROBLEM || c.mark() == ProblemMatrix.Mark.STRENGTH
                    || c.mark() == ProblemMatrix.Mark.TYPICAL) {
                compared.add(c.construct());
            }
            if (c.mark() == ProblemMatrix.Mark.PROBLEM) {
                problems.add(c.construct());
            }
        }
        Text subject = words.of("risk.subject.matrix." + s.respondent().name().toLowerCase(Locale.ROOT),
                s.constructs().size());
        if (compared.isEmpty()) {
            return new RiskProfile.Evidence(s.source(), subject, s.respondent(), s.constructs(), null,
                    RiskLevel.NOT_ENOUGH_DATA, null, null, null, null, null, ruleText);
        }
        return new RiskProfile.Evidence(s.source(), subject, s.respondent(), s.constructs(), null,
                s.rule().levelOf(problems.size()), (double) problems.size(), (long) compared.size(), null, null, null,
                ruleText);
    }

    private static RiskProfile.Evidence external(RiskFactor.Signal s, Figures figures, Words words, Text ruleText) {
        External e = figures.external();
        if (e == null || e.wave().size() < s.minSchools()) {
            return new RiskProfile.Evidence(s.source(), e == null ? words.of("risk.subject.external.none")
                    : words.of("risk.subject.external", e.label(), e.value()), null, List.of(), null,
                    RiskLevel.NOT_ENOUGH_DATA, null, e == null ? null : (long) e.wave().size(), null, null, null, ruleText);
        }
        double position = percentLower(e.value(), e.wave());
        return new RiskProfile.Evidence(s.source(), words.of("risk.subject.external", e.label(), e.value()), null,
                List.of(), null, s.rule().levelOf(position), position, (long) e.wave().size(), null, null, null, ruleText);
    }

    /**
     * The percent of the wave's other schools whose result is lower: 0 for the lowest school, 100
     * for the highest; a tie counts half, so equal schools stand in the middle of each other.
     */
    static double percentLower(double value, List<Double> wave) {
        double lower = 0;
        boolean selfSkipped = false;
        for (double x : wave) {
            if (x == value && !selfSkipped) {
                selfSkipped = true;
            } else if (x < value) {
                lower += 1;
            } else if (x == value) {
                lower += 0.5;
            }
        }
        return 100.0 * lower / (wave.size() - 1);
    }

    private static RiskProfile.Evidence context(RiskFactor.Signal s, Figures figures, Words words, Text ruleText) {
        Context c = figures.context();
        Text subject = words.of("risk.subject.context");
        if (c == null || c.bottomThirdShare() == null) {
            return new RiskProfile.Evidence(s.source(), subject, Respondent.PARENT, List.of(), null,
                    RiskLevel.NOT_ENOUGH_DATA, null, null, null, null, null, ruleText);
        }
        double percent = 100 * c.bottomThirdShare();
        return new RiskProfile.Evidence(s.source(), subject, Respondent.PARENT, List.of(), null,
                s.rule().levelOf(percent), percent, c.families(), null, null, null, ruleText);
    }

    private static RiskProfile.Evidence profile(RiskFactor.Signal s, Figures figures, Words words, Text ruleText) {
        Double value = figures.facts().get(s.fact());
        Text subject = words.of("risk.fact." + s.fact());
        if (value == null || value.isNaN()) {
            return new RiskProfile.Evidence(s.source(), subject, null, List.of(), s.fact(), RiskLevel.NOT_ENOUGH_DATA,
                    null, null, null, null, null, ruleText);
        }
        Double students = figures.facts().get("students");
        return new RiskProfile.Evidence(s.source(), subject, null, List.of(), s.fact(), s.rule().levelOf(value), value,
                students == null ? null : Math.round(students), null, null, null, ruleText);
    }

    private static Text text(@Nullable org.uklad.questionnaires.LocalizedText t) {
        return t == null ? null : new Text(t.ru(), t.en());
    }
}
