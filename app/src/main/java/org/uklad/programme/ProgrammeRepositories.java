package org.uklad.programme;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Sort;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.uklad.programme.ProgrammeRecords.Measure;
import org.uklad.programme.ProgrammeRecords.MeasureNote;
import org.uklad.programme.ProgrammeRecords.Programme;

/** The repositories of the support-programme tables; the service {@link Programmes} is their only user. */
final class ProgrammeRepositories {

    private ProgrammeRepositories() {
    }

    /** Measures by due day, notes by day: the order every page and the API show them in. */
    static final Sort BY_DUE_DAY = Sort.of(Sort.Order.asc("dueOn"), Sort.Order.asc("id"));
    static final Sort BY_DAY = Sort.of(Sort.Order.asc("notedOn"), Sort.Order.asc("id"));

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface ProgrammeRepository extends GenericRepository<Programme, Long> {

        Programme save(Programme programme);

        Optional<Programme> findById(Long id);

        List<Programme> findAllOrderById();

        @Query("""
                UPDATE programme SET title = :title, goals = :goals, risks = :risks, baseline_wave_id = :baselineWaveId,
                    updated_at = now() WHERE id = :id""")
        int change(long id, String title, String goals, String[] risks, @io.micronaut.core.annotation.Nullable Long baselineWaveId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface MeasureRepository extends GenericRepository<Measure, Long> {

        Measure save(Measure measure);

        Measure update(Measure measure);

        Optional<Measure> findById(Long id);

        List<Measure> findByProgrammeIdInList(Collection<Long> programmeIds, Sort sort);

        @Query("UPDATE programme_measure SET status = :status, updated_at = now() WHERE id = :id")
        int changeStatus(long id, String status);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface NoteRepository extends GenericRepository<MeasureNote, Long> {

        MeasureNote save(MeasureNote note);

        List<MeasureNote> findByMeasureIdInList(Collection<Long> measureIds, Sort sort);
    }
}
