package org.uklad.school;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface PartnershipRepository extends CrudRepository<Partnership, Long> {

    boolean existsByMentorSchoolIdAndSupportedSchoolId(Long mentorSchoolId, Long supportedSchoolId);

    java.util.List<Partnership> findByMentorSchoolIdInListOrSupportedSchoolIdInList(java.util.Collection<Long> mentors,
                                                                                    java.util.Collection<Long> supported);
}
