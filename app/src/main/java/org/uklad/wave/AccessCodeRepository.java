package org.uklad.wave;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccessCodeRepository extends CrudRepository<AccessCode, Long> {

    List<AccessCode> findByCodeIn(List<String> codes);

    List<AccessCode> findByWaveIdOrderBySchoolIdAndGroupLabel(Long waveId);
}
