package org.uklad.response;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uklad.response.LikertAnswers;
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

    /*
     * One batch: the next responses without packed answers after the last id, packed from their
     * answer rows in the order of the version's likert items (value + 1 as one hex byte, 00 when
     * unanswered), written unless a value does not fit a byte; returns the batch's last id.
     */
    private static final String FILL_BATCH = """
            WITH batch AS (
                SELECT id FROM response
                WHERE questionnaire_version_id = ? AND likert_answers IS NULL AND id > ?
                ORDER BY id LIMIT ?),
            coded AS (
                SELECT b.id, CASE WHEN bool_or(a.value_int NOT BETWEEN 0 AND 254) THEN NULL
                       ELSE decode(string_agg(lpad(to_hex(COALESCE(a.value_int + 1, 0)), 2, '0'), '' ORDER BY i.pos), 'hex')
                       END AS codes
                FROM batch b
                CROSS JOIN unnest(?::text[]) WITH ORDINALITY AS i (item_id, pos)
                LEFT JOIN answer a ON a.response_id = b.id AND a.item_id = i.item_id
                GROUP BY b.id),
            filled AS (
                UPDATE response r SET likert_answers = coded.codes FROM coded
                WHERE r.id = coded.id AND coded.codes IS NOT NULL)
            SELECT (SELECT id FROM batch ORDER BY id DESC LIMIT 1)""";

    private final TransactionOperations<Connection> transactions;
    private final QuestionnaireRegistry questionnaires;

    LikertAnswersBackfill(TransactionOperations<Connection> transactions, QuestionnaireRegistry questionnaires) {
        this.transactions = transactions;
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
        for (long versionId : versionsWithoutCodes()) {
            LoadedQuestionnaire q = questionnaires.byId(versionId).orElseThrow();
            String[] items = LikertAnswers.items(q.questionnaire()).toArray(String[]::new);
            if (items.length == 0) {
                emptyCodes(versionId);
                continue;
            }
            UUID after = new UUID(0, 0);
            while (after != null) {
                after = fillBatch(versionId, items, after);
                batches++;
            }
        }
        if (batches > 0) {
            LOG.info("Packed likert answers filled in for responses stored before they existed ({} batches)", batches);
        }
        return batches;
    }

    private List<Long> versionsWithoutCodes() {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "SELECT DISTINCT questionnaire_version_id FROM response WHERE likert_answers IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
                return ids;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private UUID fillBatch(long versionId, String[] items, UUID after) {
        return transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            try (PreparedStatement ps = c.prepareStatement(FILL_BATCH)) {
                ps.setLong(1, versionId);
                ps.setObject(2, after);
                ps.setInt(3, BATCH);
                ps.setArray(4, c.createArrayOf("text", items));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void emptyCodes(long versionId) {
        transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(
                    "UPDATE response SET likert_answers = ''::bytea WHERE questionnaire_version_id = ? AND likert_answers IS NULL")) {
                ps.setLong(1, versionId);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
