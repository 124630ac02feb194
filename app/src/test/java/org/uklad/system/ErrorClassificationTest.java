package org.uklad.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.exceptions.DataAccessException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.uklad.system.ProblemHandlers.CatalogueErrorResponseProcessor;

/** Which catalogue entry an unhandled failure becomes: the database's words, not a bare 500. */
class ErrorClassificationTest {

    @Test
    void aLostRaceOnAUniqueConstraintIsAConflictNotAServerError() {
        // what Micronaut Data throws when an INSERT loses a race against the same unique key
        Throwable race = new DataAccessException("insert failed",
                new SQLException("duplicate key value violates unique constraint \"school_municipality_name_key\"", "23505"));
        assertThat(CatalogueErrorResponseProcessor.classify(500, race)).isEqualTo(ErrorCode.ALREADY_EXISTS);
    }

    @Test
    void aLostConnectionIsUnavailableAndAnythingElseStaysInternal() {
        assertThat(CatalogueErrorResponseProcessor.classify(500, new SQLException("gone", "08006")))
                .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(CatalogueErrorResponseProcessor.classify(500, new SQLException("check violated", "23514")))
                .isEqualTo(ErrorCode.INTERNAL);
        assertThat(CatalogueErrorResponseProcessor.classify(500, new IllegalStateException("bug")))
                .isEqualTo(ErrorCode.INTERNAL);
    }
}
