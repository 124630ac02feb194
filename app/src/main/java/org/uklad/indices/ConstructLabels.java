package org.uklad.indices;

import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.uklad.questionnaires.IndexKind;
import org.uklad.system.Messages;

/**
 * The one place a construct's name is made for a reader, in both languages, so that the
 * dashboard, the API, the PDF and the overview say the same thing:
 * <ul>
 *   <li><b>Which form.</b> Where two or more questionnaires of the wave for the same respondent
 *       group measure a construct (the 2–4 and the 5–11 students' forms), its name carries the
 *       form: "Требовательность педагогов к учащимся (учащиеся 2–4 кл.)". The form's short name is
 *       {@code questionnaire.short.<key>} in the message bundles, else the questionnaire's title.
 *   <li><b>Level or agreement.</b> An AGREEMENT construct has two measures: the level of its answers
 *       (a 0–100 score like any other) and the agreement of the respondents (rWG(J)). They never
 *       share a name: {@link #level} gives {@code construct.level.<id>} ("Значимость
 *       профессиональных ценностей (уровень)"), {@link #agreement} gives {@code
 *       construct.agreement.<id>} ("Согласие педагогов в оценке ценностей (rWG)"); a construct
 *       without its own keys gets the generic forms of both.
 * </ul>
 * A LEVEL construct keeps its catalogue title (with the form, where needed).
 */
@Singleton
public class ConstructLabels {

    private final Messages messages;

    ConstructLabels(Messages messages) {
        this.messages = messages;
    }

    /** The name of the construct's level (its 0–100 score, percent favourable, comparisons). */
    public Text level(WaveIndices wave, QuestionnaireIndices q, ConstructIndex c) {
        return withForm(wave, q, c, level(messages, c));
    }

    /** The name of the respondents' agreement (rWG(J)) of an AGREEMENT construct. */
    public Text agreement(WaveIndices wave, QuestionnaireIndices q, ConstructIndex c) {
        return withForm(wave, q, c, agreement(messages, c));
    }

    /**
     * The level name without the form, for a reader that names the respondent group beside it and
     * has no wave at hand (the PDF's findings).
     */
    public static Text level(Messages messages, ConstructIndex c) {
        if (c.indexKind() != IndexKind.AGREEMENT) {
            return c.title();
        }
        return both(l -> own(messages, "construct.level." + c.construct(), l)
                .orElseGet(() -> messages.get("construct.level.generic", l, local(c.title(), l))));
    }

    /** The agreement name without the form (see {@link #level(Messages, ConstructIndex)}). */
    public static Text agreement(Messages messages, ConstructIndex c) {
        return both(l -> own(messages, "construct.agreement." + c.construct(), l)
                .orElseGet(() -> messages.get("construct.agreement.generic", l, local(c.title(), l))));
    }

    /**
     * The level name of a construct of a questionnaire version of the wave, for a comparison or a
     * problem-matrix cell, which carry the version and the construct id; the construct's own
     * title when the wave has no such version.
     */
    public Text level(WaveIndices wave, long versionId, String construct, Text fallback) {
        for (QuestionnaireIndices q : wave.questionnaires()) {
            if (q.versionId() == versionId) {
                for (ConstructIndex c : q.constructs()) {
                    if (c.construct().equals(construct)) {
                        return level(wave, q, c);
                    }
                }
            }
        }
        return fallback;
    }

    /**
     * The wave's indices with every construct's reader's names beside its title (the indices API),
     * so that a program shows the same names as the dashboard and the PDF.
     */
    public WaveIndices labelled(WaveIndices wave) {
        return new WaveIndices(wave.waveId(), wave.minGroupSize(), wave.questionnaires().stream()
                .map(q -> new QuestionnaireIndices(q.versionId(), q.key(), q.version(), q.respondent(), q.title(),
                        q.constructs().stream().map(c -> c.labelled(level(wave, q, c),
                                c.indexKind() == IndexKind.AGREEMENT ? agreement(wave, q, c) : null)).toList()))
                .toList());
    }

    /** The text in the page's language (Russian unless English). */
    public static String local(Text t, Locale locale) {
        return "en".equals(Messages.supported(locale).getLanguage()) ? t.en() : t.ru();
    }

    /**
     * Whether the names of this construct carry their form (two or more forms of the wave for the
     * same respondent group measure it); a caller that adds the respondent group in brackets
     * need not add it then.
     */
    public boolean namesForm(WaveIndices wave, QuestionnaireIndices q, ConstructIndex c) {
        return wave.questionnaires().stream()
                .filter(other -> other.respondent() == q.respondent())
                .filter(other -> other.constructs().stream().anyMatch(x -> x.construct().equals(c.construct())))
                .count() >= 2;
    }

    private Text withForm(WaveIndices wave, QuestionnaireIndices q, ConstructIndex c, Text name) {
        if (!namesForm(wave, q, c)) {
            return name;
        }
        return both(l -> local(name, l) + " ("
                + own(messages, "questionnaire.short." + q.key(), l).orElseGet(() -> local(q.title(), l)) + ")");
    }

    private static Optional<String> own(Messages messages, String key, Locale locale) {
        String text = messages.get(key, locale);
        return text.equals(key) ? Optional.empty() : Optional.of(text);
    }

    private static Text both(Function<Locale, String> text) {
        return new Text(text.apply(Messages.RUSSIAN), text.apply(Messages.ENGLISH));
    }
}
