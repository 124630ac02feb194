package org.uklad.response;

import jakarta.inject.Singleton;
import java.text.Collator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uklad.questionnaires.Item;
import org.uklad.questionnaires.ItemType;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.wave.Waves;

/**
 * The free-text answers (items of type {@code text}) of one school in a wave, per questionnaire
 * and question. Only the texts leave this class: no response id, no date, no group label, and
 * the texts of a question are sorted alphabetically, so their order says nothing about who
 * answered when. A questionnaire answered by fewer than the anonymity threshold of respondents
 * at the school gives its count and no text at all. Who may call this is the caller's concern
 * (psychologists and coordinators only; directors never see free text).
 */
@Singleton
public class FreeTextAnswers {

    /** One free-text question and its non-blank answers, alphabetically. */
    @io.micronaut.serde.annotation.Serdeable
    public record Question(String itemId, String textRu, String textEn, List<String> answers) {}

    /**
     * One questionnaire of the wave at the school.
     *
     * @param respondents responses to it at the school in the wave
     * @param suppressed  fewer respondents than the threshold: {@code questions} is empty
     */
    @io.micronaut.serde.annotation.Serdeable
    public record Block(String questionnaireKey, String titleRu, String titleEn, String respondent, int respondents,
                        boolean suppressed, List<Question> questions) {}

    private final PublishedResponseStore store;
    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;

    FreeTextAnswers(PublishedResponseStore store, Waves waves, QuestionnaireRegistry questionnaires) {
        this.store = store;
        this.waves = waves;
        this.questionnaires = questionnaires;
    }

    /** Every questionnaire of the wave that has free-text questions, for one school. */
    public List<Block> of(long waveId, long schoolId, int minGroupSize) {
        List<Block> out = new ArrayList<>();
        for (Long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            List<Item> texts = q.questionnaire().items().stream().filter(i -> i.type() == ItemType.TEXT).toList();
            if (texts.isEmpty()) {
                continue;
            }
            int respondents = store.respondents(waveId, schoolId, versionId);
            boolean suppressed = respondents < minGroupSize;
            List<Question> questions = new ArrayList<>();
            if (!suppressed) {
                Map<String, List<String>> answers = answers(waveId, schoolId, versionId, texts);
                for (Item i : texts) {
                    questions.add(new Question(i.id(), i.text().ru(), i.text().en(), answers.get(i.id())));
                }
            }
            out.add(new Block(q.key(), q.questionnaire().title().ru(), q.questionnaire().title().en(),
                    q.questionnaire().respondent().name(), respondents, suppressed, questions));
        }
        return out;
    }

    private Map<String, List<String>> answers(long waveId, long schoolId, long versionId, List<Item> texts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        texts.forEach(i -> out.put(i.id(), new ArrayList<>()));
        for (PublishedResponseStore.FreeText t : store.freeTexts(waveId, schoolId, versionId, texts.stream().map(Item::id).toList())) {
            String text = t.text().strip();
            if (!text.isEmpty()) {
                out.get(t.itemId()).add(text);
            }
        }
        // alphabetical, never the order of storage or submission
        Collator collator = Collator.getInstance(Locale.forLanguageTag("ru"));
        out.values().forEach(list -> list.sort(collator));
        return out;
    }
}
