package org.uklad.audit;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEventRepository extends CrudRepository<AuditEvent, Long> {

    @Query("SELECT * FROM audit_event WHERE (:action IS NULL OR action = :action) ORDER BY occurred_at DESC, id DESC LIMIT :limit")
    List<AuditEvent> latest(@io.micronaut.core.annotation.Nullable String action, int limit);
}
