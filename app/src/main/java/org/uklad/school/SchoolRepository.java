package org.uklad.school;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SchoolRepository extends CrudRepository<School, Long> {

    boolean existsByMunicipalityAndName(String municipality, String name);

    boolean existsByMunicipalityAndNameAndIdNotEqual(String municipality, String name, Long id);

    List<School> findAllOrderByMunicipalityAndName();

    List<School> findByMunicipality(String municipality);

    @io.micronaut.data.annotation.Query("UPDATE school SET municipality = :to WHERE municipality = :from")
    int renameMunicipality(String from, String to);
}
