package org.uklad.profile;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/** The tables of migration V18 through their records. */
final class ProfileRepositories {

    private ProfileRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ProfileRepository extends GenericRepository<SchoolProfile, Long> {

        Optional<SchoolProfile> findBySchoolIdAndSchoolYear(long schoolId, int schoolYear);

        List<SchoolProfile> findBySchoolYear(int schoolYear);

        SchoolProfile save(SchoolProfile profile);

        SchoolProfile update(SchoolProfile profile);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface MentorResourceRepository extends GenericRepository<MentorResource, Long> {

        Optional<MentorResource> findById(long schoolId);

        List<MentorResource> findAll();

        MentorResource save(MentorResource resource);

        MentorResource update(MentorResource resource);
    }
}
