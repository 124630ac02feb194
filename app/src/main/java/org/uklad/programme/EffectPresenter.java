package org.uklad.programme;

import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.uklad.system.Messages;
import org.uklad.system.ReportFormat;
import org.uklad.system.ReportFormats;

/**
 * The words and figures of a measure's effect in one language, for the fragment
 * {@code views/staff/measure-effect.html}, the what-worked page and the programme PDF: so each says
 * the same. Words first ("clear improvement: …"), the figures after; every verdict has a symbol
 * and a word, never a colour alone.
 */
@Singleton
public class EffectPresenter {

    /**
     * One measure's effect as shown.
     *
     * @param measure   what is done
     * @param indicator the indicator's name
     * @param baseline  "from the entry wave" or "from 2025", or that the baseline is unknown
     * @param steps     one per later wave or year
     * @param none      the sentence shown when there are no steps yet (null when there are)
     */
    @Introspected
    public record MeasureEffectView(long measureId, String measure, String indicator, String baseline,
                                    List<StepView> steps, String none) {}

    /**
     * One later wave or year as shown.
     *
     * @param symbol     ▲ ▼ ● ○ or ◇ (aria-hidden; the verdict word carries the meaning)
     * @param verdict    the verdict in words
     * @param css        the verdict's class (a light background; the symbol and word carry the meaning)
     * @param sentence   the words-first summary of the step
     * @param school     the school's change with its interval, or null
     * @param reference  the comparison schools' change with its interval, or null
     * @param difference the difference of the changes with its interval, p and d, or null
     * @param comparison which schools the comparison pools, or null
     */
    @Introspected
    public record StepView(String period, String symbol, String verdict, String css, String sentence, String school,
                           String reference, String difference, String comparison) {

        public boolean measured() {
            return difference != null;
        }
    }

    private final Messages messages;
    private final ReportFormats formats;

    EffectPresenter(Messages messages, ReportFormats formats) {
        this.messages = messages;
        this.formats = formats;
    }

    public MeasureEffectView view(MeasureEffect e, Locale locale) {
        ReportFormat f = formats.of(locale);
        String indicator = f.russian() ? e.indicator().ru() : e.indicator().en();
        String baseline = e.baseline() == null ? t(locale, "effect.baseline.unknown")
                : t(locale, "effect.baseline", e.baseline());
        List<StepView> steps = e.steps().stream().map(s -> step(e, s, locale, f)).toList();
        String none = steps.isEmpty() ? t(locale, e.baseline() == null ? "effect.none.baseline" : "effect.none.later") : null;
        return new MeasureEffectView(e.measureId(), e.measure(), indicator, baseline, steps, none);
    }

    /** The verdict's symbol. */
    static String symbol(String verdict) {
        return switch (verdict) {
            case "CLEAR_IMPROVEMENT" -> "▲";
            case "CLEAR_DECLINE" -> "▼";
            case "NO_CLEAR_CHANGE" -> "●";
            case "NOT_JUDGED" -> "◇";
            default -> "○";
        };
    }

    /** The verdict in words. */
    String verdict(String verdict, Locale locale) {
        return t(locale, "effect.verdict." + verdict);
    }

    private StepView step(MeasureEffect e, MeasureEffect.Step s, Locale locale, ReportFormat f) {
        String word = verdict(s.verdict(), locale);
        String css = "effect-" + s.verdict().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!s.measured()) {
            return new StepView(s.period(), symbol(s.verdict()), word, css,
                    t(locale, "effect.too-few", word, s.period()), null, null, null, null);
        }
        boolean construct = "CONSTRUCT".equals(e.indicatorKind());
        String unit = t(locale, construct ? "effect.unit.points" : "effect.unit.score");
        String sentence = t(locale, "effect.sentence", word, s.period(), f.signedScore(s.school().change()),
                f.signedScore(s.reference().change()), f.signedScore(s.difference()), unit);
        String school = change(s.school(), f, locale);
        String reference = change(s.reference(), f, locale);
        String difference = s.ciLower() == null
                ? t(locale, "effect.difference.no-interval", f.signedScore(s.difference()))
                : t(locale, "effect.difference", f.signedScore(s.difference()), f.signedScore(s.ciLower()),
                        f.signedScore(s.ciUpper()), s.p() == null ? "p —" : s.p() < 0.001 ? "p " + f.pValue(s.p()) : "p = " + f.pValue(s.p()),
                        s.effect() == null ? "—" : f.signedCoefficient(s.effect()));
        String comparison = t(locale, "effect.comparison." + s.comparison(), s.comparisonSchools());
        return new StepView(s.period(), symbol(s.verdict()), word, css, sentence, school, reference, difference, comparison);
    }

    private String change(MeasureEffect.Change c, ReportFormat f, Locale locale) {
        String base = t(locale, "effect.change", f.score(c.baseline()), f.score(c.later()), f.signedScore(c.change()),
                f.count(c.nBaseline()), f.count(c.nLater()));
        return c.ciLower() == null ? base
                : base + "; " + t(locale, "effect.change.interval", f.signedScore(c.ciLower()), f.signedScore(c.ciUpper()));
    }

    private String t(Locale locale, String key, Object... args) {
        return messages.get(key, locale, args);
    }
}
