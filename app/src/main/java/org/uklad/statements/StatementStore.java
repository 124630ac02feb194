package org.uklad.statements;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.List;
import org.uklad.system.Jdbc;

/**
 * The SQL of {@link Statements}: counts of the published answers ({@code response} and
 * {@code answer} hold published responses only) of one school to one questionnaire version in a
 * wave, per item and answer, counted in the database so no response row leaves it.
 */
@Singleton
class StatementStore {

    /**
     * One answer and how many gave it. For a multiple-choice item {@code intValue} and
     * {@code textValue} are both null and the count is how many answered it (chose at least one option).
     */
    record Count(String itemId, @Nullable Integer intValue, @Nullable String textValue, long count) {}

    /** One option of a multiple-choice item and how many chose it. */
    record Choice(String itemId, String value, long count) {}

    private final Jdbc jdbc;

    StatementStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The school's published responses to the version in the wave. */
    int respondents(long waveId, long schoolId, long versionId) {
        return jdbc.one("SELECT count(*) FROM response WHERE wave_id = ? AND school_id = ? AND questionnaire_version_id = ?",
                rs -> rs.getInt(1), waveId, schoolId, versionId).orElseThrow();
    }

    /* A school's answers to some items (wave, school, version, item ids), counted; its plan is pinned by StatementsTest. */
    static final String COUNTS = """
            SELECT a.item_id, a.value_int, a.value_text, count(*)
            FROM response_answer a
            WHERE a.wave_id = ? AND a.school_id = ? AND a.questionnaire_version_id = ? AND a.item_id = ANY (?)
              AND (a.value_choices IS NULL OR cardinality(a.value_choices) > 0)
            GROUP BY a.item_id, a.value_int, a.value_text""";

    /* The same for the options of multiple-choice items. */
    static final String CHOICES = """
            SELECT a.item_id, c.choice, count(*)
            FROM response_answer a
            CROSS JOIN LATERAL unnest(a.value_choices) AS c (choice)
            WHERE a.wave_id = ? AND a.school_id = ? AND a.questionnaire_version_id = ? AND a.item_id = ANY (?)
            GROUP BY a.item_id, c.choice""";

    /** Every answer given to the items, counted (an empty choice counts as no answer). */
    List<Count> counts(long waveId, long schoolId, long versionId, List<String> itemIds) {
        return jdbc.list(COUNTS,
                rs -> new Count(rs.getString(1), rs.getObject(2, Integer.class), rs.getString(3), rs.getLong(4)),
                waveId, schoolId, versionId, itemIds);
    }

    /** How many chose each option of the multiple-choice items. */
    List<Choice> choices(long waveId, long schoolId, long versionId, List<String> itemIds) {
        return jdbc.list(CHOICES,
                rs -> new Choice(rs.getString(1), rs.getString(2), rs.getLong(3)), waveId, schoolId, versionId, itemIds);
    }
}
