package org.uklad.wave;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MonitoringRepository extends GenericRepository<Wave, Long> {

    /**
     * Every group of the wave in the given schools: the groups named by its access codes (with the
     * expected group size, the largest any code of the group states) and any group that has
     * responses, with their count: published ones and those held until their group reaches the
     * minimum size (response/ResponseRelease), so staff see a response as soon as it is stored.
     */
    @Query("""
            WITH expected AS (
                SELECT school_id, questionnaire_version_id, group_label, max(expected_size) AS expected
                FROM access_code WHERE wave_id = :waveId AND school_id IN (:schoolIds)
                GROUP BY school_id, questionnaire_version_id, group_label),
            counted AS (
                SELECT school_id, questionnaire_version_id, group_label, count(*) AS responses
                FROM (SELECT school_id, questionnaire_version_id, group_label FROM response
                      WHERE wave_id = :waveId AND school_id IN (:schoolIds)
                      UNION ALL
                      SELECT school_id, questionnaire_version_id, group_label FROM response_held
                      WHERE wave_id = :waveId AND school_id IN (:schoolIds)) stored
                GROUP BY school_id, questionnaire_version_id, group_label)
            SELECT school_id, questionnaire_version_id, group_label, coalesce(c.responses, 0) AS responses,
                   e.expected AS expected
            FROM expected e FULL JOIN counted c USING (school_id, questionnaire_version_id, group_label)
            ORDER BY school_id, questionnaire_version_id, group_label""")
    List<GroupCount> groups(long waveId, Collection<Long> schoolIds);

    @Query("SELECT DISTINCT wave_id FROM access_code WHERE school_id IN (:schoolIds)")
    List<Long> wavesWithCodesFor(Collection<Long> schoolIds);

    @Query("SELECT DISTINCT wave_id FROM access_code")
    List<Long> wavesWithAnyCodes();

    /** The waves a school took part in: it had access codes, or responses (paper ones come without codes). */
    @Query("""
            SELECT w.id FROM wave w
            WHERE EXISTS (SELECT 1 FROM access_code c WHERE c.wave_id = w.id AND c.school_id = :schoolId)
               OR EXISTS (SELECT 1 FROM response r WHERE r.wave_id = w.id AND r.school_id = :schoolId)
               OR EXISTS (SELECT 1 FROM response_held h WHERE h.wave_id = w.id AND h.school_id = :schoolId)""")
    List<Long> wavesOfSchool(long schoolId);

    /** The schools a wave covers: those with access codes or responses in it. */
    @Query("""
            SELECT school_id FROM access_code WHERE wave_id = :waveId
            UNION SELECT school_id FROM response WHERE wave_id = :waveId""")
    List<Long> schoolsOfWave(long waveId);
}
