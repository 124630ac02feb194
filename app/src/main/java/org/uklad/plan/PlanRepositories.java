package org.uklad.plan;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The plan tables (migration V23) as stored rows and their repositories. */
final class PlanRepositories {

    private PlanRepositories() {
    }

    /** Facts newest first, the later entry first on the same day. */
    static final Sort NEWEST_FIRST = Sort.of(Sort.Order.desc("notedOn"), Sort.Order.desc("id"));

    @MappedEntity("programme_indicator")
    record StoredIndicator(@Id @GeneratedValue @Nullable Long id, String name, Plan.Unit unit, Plan.Level level,
                           String source, double planValue, LocalDate dueOn, String note,
                           @Nullable Integer standardRow) {
        Plan.Indicator indicator() {
            return new Plan.Indicator(id, name, unit, level, source, planValue, dueOn, note, standardRow);
        }
    }

    @MappedEntity("indicator_fact")
    record StoredFact(@Id @GeneratedValue @Nullable Long id, long indicatorId, @Nullable String municipality,
                      @Nullable Long schoolId, double value, LocalDate notedOn, String note) {
        Plan.Fact fact() {
            return new Plan.Fact(id, indicatorId, municipality, schoolId, value, notedOn, note);
        }
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface IndicatorRepository extends CrudRepository<StoredIndicator, Long> {

        List<StoredIndicator> findAllOrderById();

        Optional<StoredIndicator> findByStandardRow(int standardRow);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface FactRepository extends CrudRepository<StoredFact, Long> {

        /** Newest first ({@link #NEWEST_FIRST}): the first of a place is its fact. */
        List<StoredFact> findAll(Sort sort);
    }
}
