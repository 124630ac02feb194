package org.uklad.respondent;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.ChoiceOption;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaires.Questionnaire;
import org.uklad.questionnaires.ScalePoint;
import org.uklad.questionnaires.Section;
import org.uklad.system.Messages;

/**
 * The presenter of the public questionnaire pages: what a parent reads before a child answers —
 * every question with its answers exactly as the form words them — and the answer codes the paper
 * import expects, which the printable form prints beside each answer. Only the questionnaires that
 * come with the service are shown (never one a coordinator imported), at their newest version, the
 * one new access codes give.
 */
@Singleton
class QuestionnairePreview {

    /** The list of the questionnaires that may be read. */
    @Introspected
    public record IndexPage(String lang, String otherLang, List<Entry> questionnaires) {}

    public record Entry(String key, String title, String respondent) {}

    /**
     * One questionnaire: its texts in the page's language and who sees what ({@code whoSees}, the same
     * sentences on the page and in the PDF).
     */
    @Introspected
    public record PreviewPage(String lang, String otherLang, String key, int version, String title, @Nullable String intro,
                              @Nullable Integer minutes, String respondent, List<PreviewSection> sections, int itemCount,
                              List<String> whoSees) {}

    public record PreviewSection(@Nullable String title, List<PreviewItem> items) {}

    /**
     * A question; {@code note} says how it is answered when the options do not (a number, own words,
     * several options, asked only after a certain answer).
     */
    public record PreviewItem(String id, String type, String text, @Nullable String help, List<PreviewOption> options,
                              @Nullable String note) {}

    /** An answer and its code in the paper-import CSV. */
    public record PreviewOption(String code, String label) {}

    /** The sentences of "who sees what", in order. */
    static final List<String> WHO_SEES = List.of("preview.who.anonymous", "preview.who.held", "preview.who.directors",
            "preview.who.text", "preview.who.download");

    private final QuestionnaireRegistry registry;
    private final Messages messages;

    QuestionnairePreview(QuestionnaireRegistry registry, Messages messages) {
        this.registry = registry;
        this.messages = messages;
    }

    IndexPage index(Locale locale) {
        String lang = locale.getLanguage();
        List<Entry> entries = new ArrayList<>();
        for (String key : registry.sourceKeys()) {
            registry.latest(key).ifPresent(q -> entries.add(new Entry(key, q.questionnaire().title().in(lang),
                    messages.get("preview.respondent." + q.questionnaire().respondent().name(), locale))));
        }
        return new IndexPage(lang, SurveyPages.other(lang), entries);
    }

    /** The page of a questionnaire that comes with the service, or empty for any other key. */
    Optional<PreviewPage> page(String key, Locale locale) {
        if (!registry.sourceKeys().contains(key)) {
            return Optional.empty();
        }
        return registry.latest(key).map(loaded -> page(loaded.questionnaire(), loaded.version(), locale));
    }

    private PreviewPage page(Questionnaire q, int version, Locale locale) {
        String lang = locale.getLanguage();
        List<PreviewSection> sections = new ArrayList<>();
        int count = 0;
        for (Section section : q.sections()) {
            List<PreviewItem> items = new ArrayList<>();
            for (Item item : section.items()) {
                items.add(item(q, item, locale));
                count++;
            }
            sections.add(new PreviewSection(SurveyPages.text(section.title(), lang), items));
        }
        List<String> whoSees = WHO_SEES.stream().map(k -> messages.get(k, locale)).toList();
        return new PreviewPage(lang, SurveyPages.other(lang), q.key(), version, q.title().in(lang),
                SurveyPages.text(q.intro(), lang), q.minutes(),
                messages.get("preview.respondent." + q.respondent().name(), locale), sections, count, whoSees);
    }

    private PreviewItem item(Questionnaire q, Item item, Locale locale) {
        String lang = locale.getLanguage();
        List<PreviewOption> options = new ArrayList<>();
        String note = null;
        switch (item.type()) {
            case LIKERT -> {
                for (ScalePoint p : q.scaleOf(item).points()) {
                    options.add(new PreviewOption(Integer.toString(p.value()), p.label().in(lang)));
                }
            }
            case SINGLE, MULTIPLE -> {
                for (ChoiceOption o : item.options()) {
                    options.add(new PreviewOption(o.value(), o.label().in(lang)));
                }
                if (item.type() == ItemType.MULTIPLE) {
                    note = messages.get("preview.multiple", locale);
                }
            }
            case NUMBER -> note = messages.get("survey.range", locale, item.min(), item.max());
            case TEXT -> note = messages.get("preview.text", locale, item.maxLength());
        }
        if (item.showIf() != null) {
            Item asked = q.item(item.showIf().item()).orElseThrow();
            List<String> labels = item.showIf().anyOf().stream()
                    .map(v -> asked.options().stream().filter(o -> o.value().equals(v)).findFirst()
                            .map(o -> o.label().in(lang)).orElse(v))
                    .toList();
            String condition = messages.get("preview.showIf", locale, asked.id(), String.join(", ", labels));
            note = note == null ? condition : note + " " + condition;
        }
        return new PreviewItem(item.id(), item.type().name().toLowerCase(Locale.ROOT), item.text().in(lang), SurveyPages.text(item.help(), lang), options, note);
    }
}
