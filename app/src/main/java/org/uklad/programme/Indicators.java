package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.uklad.indices.ConstructIndex;
import org.uklad.indices.IndicesService;
import org.uklad.indices.QuestionnaireIndices;
import org.uklad.indices.SchoolIndex;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;
import org.uklad.questionnaires.Construct;
import org.uklad.questionnaires.IndexKind;
import org.uklad.wave.Waves;

/**
 * The indicators a measure may target in a wave (a construct with person scores, of one
 * respondent group: the questionnaire that asks it) and their baseline: the school's published
 * score on 0–100 in that wave. Below the minimum group size the baseline is absent, never a figure.
 */
@Singleton
public class Indicators {

    private final Waves waves;
    private final QuestionnaireRegistry questionnaires;
    private final IndicesService indices;

    Indicators(Waves waves, QuestionnaireRegistry questionnaires, IndicesService indices) {
        this.waves = waves;
        this.questionnaires = questionnaires;
        this.indices = indices;
    }

    /** One construct of one questionnaire of a wave, named in both languages. */
    public record ConstructChoice(String questionnaireKey, String constructId, String questionnaireRu,
                                  String questionnaireEn, String constructRu, String constructEn) {

        public String value() {
            return questionnaireKey + "/" + constructId;
        }

        public String label(String lang) {
            return "en".equals(lang) ? constructEn + " (" + questionnaireEn + ")" : constructRu + " (" + questionnaireRu + ")";
        }
    }

    /**
     * The constructs a measure may target with {@code waveId} as its baseline: every level or
     * agreement construct of the wave's questionnaires (gaps and the family context have no score
     * of a respondent to move), by questionnaire then construct. Empty for an unknown wave.
     */
    public List<ConstructChoice> constructsOf(long waveId) {
        if (waves.find(waveId).isEmpty()) {
            return List.of();
        }
        List<ConstructChoice> out = new ArrayList<>();
        for (long versionId : waves.questionnaireVersionIds(waveId)) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            q.questionnaire().constructs().values().stream()
                    .filter(c -> c.index() == IndexKind.LEVEL || c.index() == IndexKind.AGREEMENT)
                    .sorted(Comparator.comparing(Construct::id))
                    .forEach(c -> out.add(new ConstructChoice(q.key(), c.id(), q.questionnaire().title().ru(),
                            q.questionnaire().title().en(), c.title().ru(), c.title().en())));
        }
        return List.copyOf(out);
    }

    /** The construct {@code constructId} of questionnaire {@code key} in the wave, if the wave asks it. */
    public Optional<ConstructChoice> find(long waveId, String key, String constructId) {
        return constructsOf(waveId).stream()
                .filter(c -> c.questionnaireKey().equals(key) && c.constructId().equals(constructId)).findFirst();
    }

    /**
     * The school's score on 0–100 for the construct in the wave, from published answers; null when
     * the school is below the minimum group size there (or has no answers).
     */
    public @Nullable Double baseline(long waveId, long schoolId, String key, String constructId) {
        for (QuestionnaireIndices q : indices.compute(waveId, schoolId).questionnaires()) {
            if (!q.key().equals(key)) {
                continue;
            }
            for (ConstructIndex c : q.constructs()) {
                if (c.construct().equals(constructId)) {
                    SchoolIndex entry = c.entryOf(schoolId);
                    if (!entry.suppressed() && entry.score100() != null && entry.score100().mean() != null) {
                        return entry.score100().mean();
                    }
                }
            }
        }
        return null;
    }
}
