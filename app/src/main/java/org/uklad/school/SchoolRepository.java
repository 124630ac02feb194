package org.uklad.school;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SchoolRepository extends CrudRepository<School, Long> {

    boolean existsByMunicipalityAndName(String municipality, String name);

    List<School> findAllOrderByMunicipalityAndName();
}
