package org.uklad.programme;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The support-programme tables (migration V14) as records: a programme of a supported school and
 * its mentor, its measures and their dated progress notes. The API hands them out as they are;
 * nothing in them names a person (a measure's owner and a note's author are roles).
 */
public final class ProgrammeRecords {

    private ProgrammeRecords() {
    }

    /** Who carries a measure out: an institution's role, never a person. */
    public enum Owner { SUPPORTED_SCHOOL, MENTOR_SCHOOL, MUNICIPALITY }

    /** How far a measure got. DONE and DROPPED are finished: such a measure is never overdue. */
    public enum Status {
        PLANNED, IN_PROGRESS, DONE, DROPPED;

        public boolean finished() {
            return this == DONE || this == DROPPED;
        }
    }

    /** What a measure should move: a construct of a respondent group, or an external result. */
    public enum IndicatorKind { CONSTRUCT, EXTERNAL }

    @Serdeable
    @MappedEntity("programme")
    public record Programme(@Id @GeneratedValue @Nullable Long id, long supportedSchoolId, @Nullable Long mentorSchoolId,
                            String title, String goals, String[] risks, @Nullable Long baselineWaveId,
                            @DateCreated @Nullable Instant createdAt, @DateUpdated @Nullable Instant updatedAt) {

        public List<String> riskList() {
            return risks == null ? List.of() : List.of(risks);
        }
    }

    /**
     * A measure. {@code baselineValue} of a construct is the supported school's published score on
     * 0–100 in the baseline wave, absent when fewer than k answered; of an external result, the
     * figure the coordinator entered.
     */
    @Serdeable
    @MappedEntity("programme_measure")
    public record Measure(@Id @GeneratedValue @Nullable Long id, long programmeId, String title, Owner owner,
                          @Nullable String riskFactor, IndicatorKind indicatorKind, @Nullable String questionnaireKey,
                          @Nullable String constructId, @Nullable String assessment, @Nullable String subject,
                          @Nullable Long baselineWaveId, @Nullable Double baselineValue, @Nullable Double targetValue,
                          LocalDate startsOn, LocalDate dueOn, Status status,
                          @DateCreated @Nullable Instant createdAt, @DateUpdated @Nullable Instant updatedAt) {

        /** Past its due day and neither done nor dropped. */
        public boolean overdueOn(LocalDate today) {
            return dueOn.isBefore(today) && !status.finished();
        }
    }

    /** A dated progress note; its author is a role and, where there is one, the author's school. */
    @Serdeable
    @MappedEntity("measure_note")
    public record MeasureNote(@Id @GeneratedValue @Nullable Long id, long measureId, LocalDate notedOn, String body,
                              String authorRole, @Nullable Long authorSchoolId, @DateCreated @Nullable Instant createdAt) {}
}
