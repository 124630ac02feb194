package org.uklad.indices;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.uklad.support.AppTest;

/**
 * For responses without packed likert answers, the indices query packs each response's scored answers into bigints (value + 1 in 8 bits, seven
 * to a word) and names the response instead when a value does not fit, so the service reads that
 * one answer by answer.
 */
@MicronautTest(transactional = false)
class IndicesPackingTest extends AppTest {

    @Inject DataSource dataSource;

    @Test
    void answersArePackedSevenToAWordAndAnUnpackableResponseIsNamed() throws Exception {
        long school = fixture.school("SHNRO");
        long wave = fixture.openWave("example");
        String code = fixture.codes(wave, school, "example", "7А", 1, 5).getFirst();
        // a response stored before packed likert answers existed, its answers only as rows (the service's second query)
        db.storeAsBeforeV11(wave, school, "example", "7А", Map.of("grade", 7, "dem1", 4, "dem2", 1, "com1", 3, "com2", 2));
        String id = db.responseWith(code, "dem1");
        long version = db.count("SELECT questionnaire_version_id FROM response WHERE id = ?::uuid", id);
        // nine items: two words; dem1 at position 1 (word 0, bits 0..7), com2 at position 9 (word 1, bits 8..15)
        String[] items = {"dem1", "x2", "x3", "x4", "x5", "x6", "x7", "dem2", "com2"};
        Object[] row = read(items, wave, version);
        assertThat(row[0]).isEqualTo(school);
        assertThat(row[1]).isEqualTo((4L + 1));
        assertThat(row[2]).isEqualTo((1L + 1) | (2L + 1) << 8);
        assertThat(row[3]).isNull();

        db.execute("UPDATE answer SET value_int = 300 WHERE item_id = 'dem2' AND response_id = ?::uuid", id);
        assertThat(read(items, wave, version)[3]).isEqualTo(UUID.fromString(id));
    }

    private Object[] read(String[] items, long wave, long version) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource)
                .getConnection();
             PreparedStatement ps = c.prepareStatement(IndicesStore.answersQuery(items.length))) {
            ps.setArray(1, c.createArrayOf("text", items));
            ps.setLong(2, wave);
            ps.setLong(3, version);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                Object[] row = {rs.getLong(1), rs.getObject(2), rs.getObject(3), rs.getObject(4)};
                assertThat(rs.next()).isFalse();
                return row;
            }
        }
    }
}
