package org.uklad.wave;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccessCodeRepository extends CrudRepository<AccessCode, Long> {

    Optional<AccessCode> findByCode(String code);

    List<AccessCode> findByWaveIdOrderBySchoolIdAndGroupLabel(Long waveId);

    /** Takes one use of the code if any is left; 0 rows means it is exhausted. */
    @Query("UPDATE access_code SET uses = uses + 1 WHERE id = :id AND uses < max_uses")
    int takeUse(long id);
}
