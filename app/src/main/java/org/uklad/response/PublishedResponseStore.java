package org.uklad.response;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.uklad.system.Jdbc;
import org.uklad.system.ReadReplica;

/**
 * The SQL over published responses ({@code response} and {@code answer}; {@link ResponseStore}
 * writes them): the export's stream, the free-text answers, and the upkeep of the packed likert
 * answers ({@link LikertAnswersBackfill}).
 */
@Singleton
class PublishedResponseStore {

    private final Jdbc jdbc;
    /** The export's stream only: the read replica when one is configured, else the primary. */
    private final Jdbc reads;

    PublishedResponseStore(Jdbc jdbc, ReadReplica replica) {
        this.jdbc = jdbc;
        this.reads = replica.jdbc();
    }

    /** One answer of a response as the export reads it; {@code answer} is null for a response without answers. */
    record ExportedAnswer(String responseId, long schoolId, String groupLabel, LocalDate day, @Nullable StoredAnswer answer) {}

    /* The export's rows (wave, version, school or null, twice); its plan is pinned by LikertAnswersTest. */
    static final String EXPORT = """
            SELECT r.id, r.school_id, r.group_label, r.submitted_on, a.item_id, a.value_int, a.value_text, a.value_choices
            FROM response r
            LEFT JOIN (SELECT * FROM response_answer
                       WHERE wave_id = ? AND questionnaire_version_id = ? AND (?::bigint IS NULL OR school_id = ?)) a
                 ON a.response_id = r.id
            WHERE r.wave_id = ? AND r.questionnaire_version_id = ? AND (?::bigint IS NULL OR r.school_id = ?)
            ORDER BY r.school_id, r.group_label, r.id""";

    /**
     * Streams the answers of one questionnaire version of a wave (optionally one school), a
     * response's answers together, by school, group and response id; read in a fetch of a
     * thousand rows, so a region's wave never sits in memory.
     */
    void exportStream(long waveId, long versionId, @Nullable Long schoolId, Consumer<ExportedAnswer> sink) {
        reads.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(EXPORT)) {
                ps.setFetchSize(1000);
                // the answers' filter repeated inside: it narrows both halves of the view (V31), a join could not
                Jdbc.bind(c, ps, waveId, versionId, schoolId, schoolId, waveId, versionId, schoolId, schoolId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ExportedAnswer(rs.getString(1), rs.getLong(2), rs.getString(3),
                                rs.getObject(4, LocalDate.class), answer(rs)));
                    }
                }
            }
            return null;
        });
    }

    private static StoredAnswer answer(ResultSet rs) throws SQLException {
        String item = rs.getString(5);
        if (item == null) {
            return null;
        }
        int v = rs.getInt(6);
        if (!rs.wasNull()) {
            return StoredAnswer.ofInt(item, v);
        }
        String text = rs.getString(7);
        if (text != null) {
            return StoredAnswer.ofText(item, text);
        }
        Array choices = rs.getArray(8);
        return StoredAnswer.ofChoices(item, choices == null ? List.of() : List.of((String[]) choices.getArray()));
    }

    /** How many responses to one questionnaire version a school has in a wave. */
    int respondents(long waveId, long schoolId, long versionId) {
        return jdbc.one("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ?",
                rs -> rs.getInt(1), waveId, schoolId, versionId).orElseThrow();
    }

    /** One free-text answer: its item and text. */
    record FreeText(String itemId, String text) {}

    /** The text answers to the given items at a school in a wave, in no particular order. */
    List<FreeText> freeTexts(long waveId, long schoolId, long versionId, List<String> itemIds) {
        return jdbc.list(FREE_TEXTS, rs -> new FreeText(rs.getString(1), rs.getString(2)), waveId, schoolId, versionId, itemIds);
    }

    /* A school's text answers to some items (wave, school, version, item ids). */
    static final String FREE_TEXTS = """
            SELECT a.item_id, a.value_text FROM response_answer a
            WHERE a.wave_id = ? AND a.school_id = ? AND a.questionnaire_version_id = ?
              AND a.item_id = ANY (?) AND a.value_text IS NOT NULL""";

    /** The questionnaire versions that have responses without packed likert answers. */
    List<Long> versionsWithoutLikertAnswers() {
        return jdbc.list("SELECT DISTINCT questionnaire_version_id FROM response WHERE likert_answers IS NULL",
                rs -> rs.getLong(1));
    }

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

    /**
     * Packs the likert answers of the next {@code batch} responses of a version after {@code after}
     * (in id order), in a transaction of its own; returns the last id read, null when none was left.
     */
    UUID fillLikertAnswers(long versionId, List<String> likertItems, UUID after, int batch) {
        return jdbc.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(FILL_BATCH)) {
                Jdbc.bind(c, ps, versionId, after, batch, likertItems);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getObject(1, UUID.class);
                }
            }
        });
    }

    /** Gives the responses of a version without likert items their (empty) packed answers. */
    int emptyLikertAnswers(long versionId) {
        return jdbc.update("UPDATE response SET likert_answers = ''::bytea WHERE questionnaire_version_id = ? AND likert_answers IS NULL",
                versionId);
    }
}
