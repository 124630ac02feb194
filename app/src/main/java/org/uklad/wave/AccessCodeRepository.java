package org.uklad.wave;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccessCodeRepository extends CrudRepository<AccessCode, Long> {

    List<AccessCode> findByCodeIn(List<String> codes);

    List<AccessCode> findByWaveIdOrderBySchoolIdAndGroupLabel(Long waveId);

    @Query("""
            SELECT c.id, c.code, c.wave_id, c.school_id, c.questionnaire_version_id, c.group_label, c.max_uses, c.uses,
                   c.expected_size, w.name AS wave_name, w.kind AS wave_kind, w.opens_at, w.closes_at
            FROM access_code c JOIN wave w ON w.id = c.wave_id
            WHERE c.code = :code""")
    Optional<CodeWithWave> findWithWave(String code);

    /** Takes one use of the code if any is left; 0 rows means it is exhausted. */
    @Query("UPDATE access_code SET uses = uses + 1 WHERE id = :id AND uses < max_uses")
    int takeUse(long id);
}
