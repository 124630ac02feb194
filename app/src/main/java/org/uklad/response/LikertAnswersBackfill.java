package org.uklad.response;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.questionnaire.LoadedQuestionnaire;
import org.uklad.questionnaire.QuestionnaireRegistry;

/**
 * Fills in the {@link LikertAnswers} of responses stored before they existed (migration V10), in
 * the background after start-up: version by version, in batches of {@value #BATCH} responses in id
 * order, each batch its own short transaction, so submissions never wait long on it. Until a
 * response has its packed answers the indices read it from its answer rows, so nothing depends on
 * this having finished; a response with a value that does not fit a byte stays without them.
 */
@Singleton
public class LikertAnswersBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(LikertAnswersBackfill.class);

    static final int BATCH = 5000;

    private final PublishedResponseStore store;
    private final QuestionnaireRegistry questionnaires;

    LikertAnswersBackfill(PublishedResponseStore store, QuestionnaireRegistry questionnaires) {
        this.store = store;
        this.questionnaires = questionnaires;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Thread.ofVirtual().name("likert-answers-backfill").start(() -> {
            try {
                fill();
            } catch (RuntimeException e) {
                // the indices still read such responses from their answers; the next start tries again
                LOG.warn("Filling in packed likert answers stopped: {}", e.toString());
            }
        });
    }

    /** Fills in the packed answers of every response without them; returns how many batches were read. */
    public synchronized int fill() {
        int batches = 0;
        for (long versionId : store.versionsWithoutLikertAnswers()) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            List<String> items = LikertAnswers.items(q.questionnaire());
            if (items.isEmpty()) {
                store.emptyLikertAnswers(versionId);
                continue;
            }
            UUID after = new UUID(0, 0);
            while (after != null) {
                after = store.fillLikertAnswers(versionId, items, after, BATCH);
                batches++;
            }
        }
        if (batches > 0) {
            LOG.info("Packed likert answers filled in for responses stored before they existed ({} batches)", batches);
        }
        return batches;
    }
}
