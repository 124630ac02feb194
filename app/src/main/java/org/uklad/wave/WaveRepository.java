package org.uklad.wave;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface WaveRepository extends CrudRepository<Wave, Long> {

    List<Wave> findAllOrderByOpensAtDesc();

    @Query("UPDATE wave SET closes_at = :closesAt WHERE id = :id")
    void updateClosesAt(long id, Instant closesAt);

    @Query("INSERT INTO wave_questionnaire (wave_id, questionnaire_version_id) VALUES (:waveId, :versionId) ON CONFLICT DO NOTHING")
    void addQuestionnaire(long waveId, long versionId);

    @Query("SELECT questionnaire_version_id FROM wave_questionnaire WHERE wave_id = :waveId ORDER BY questionnaire_version_id")
    List<Long> questionnaireVersionIds(long waveId);
}
