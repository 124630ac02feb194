package org.uklad.context;

import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.uklad.system.Jdbc;

/**
 * The parents' coded context answers of a questionnaire version in a wave, streamed (forward-only
 * with a fetch size, inside the caller's transaction) one family at a time.
 */
@Singleton
class FamilyContextStore {

    /** One family's coded answers: the item ids and the answers as two parallel arrays. */
    @FunctionalInterface
    interface Family {
        void answered(long schoolId, String[] itemIds, String[] values);
    }

    private static final int FETCH_SIZE = 2000;

    /* One row per parent with any coded answer: the item ids and the answers as two parallel arrays (item ids, wave, version). */
    static final String ANSWERS = """
            SELECT a.school_id, array_agg(a.item_id), array_agg(a.value_text)
            FROM response_answer a
            WHERE a.item_id = ANY (?) AND a.wave_id = ? AND a.questionnaire_version_id = ? AND a.value_text IS NOT NULL
            GROUP BY a.school_id, a.response_id""";

    private final Jdbc jdbc;

    FamilyContextStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Every family of the version in the wave that answered any of the items, in no particular order. */
    void answers(long waveId, long versionId, List<String> itemIds, Family family) {
        jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(ANSWERS, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                Jdbc.bind(c, ps, itemIds, waveId, versionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        family.answered(rs.getLong(1), (String[]) rs.getArray(2).getArray(),
                                (String[]) rs.getArray(3).getArray());
                    }
                }
            }
            return null;
        });
    }
}
