package org.uklad.system;

import io.micronaut.context.BeanContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the heavy staff reads go: a streaming replica of the database when one is configured
 * ({@code DATASOURCES_READ_URL}, {@code _USERNAME}, {@code _PASSWORD}: the datasource named
 * {@value #NAME}, never migrated), else the primary. Used only for reads that may lag the primary by
 * the replication delay and that read nothing they wrote themselves: a wave's indices (its
 * revision and its answers from the same source, so a cached result is checked against the data
 * it was computed from) and the response export. Submissions, sessions, throttles and every write
 * stay on the primary ({@link Jdbc}).
 */
@Singleton
public class ReadReplica {

    /** The name of the replica's datasource ({@code datasources.read.*}). */
    public static final String NAME = "read";

    private static final Logger LOG = LoggerFactory.getLogger(ReadReplica.class);

    private final Jdbc jdbc;
    private final boolean separate;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ReadReplica(Jdbc primary, BeanContext beans) {
        Optional<TransactionOperations<Connection>> transactions = beans.findBean(
                (Argument) Argument.of(TransactionOperations.class, Connection.class), Qualifiers.byName(NAME));
        Optional<ConnectionOperations<Connection>> connections = beans.findBean(
                (Argument) Argument.of(ConnectionOperations.class, Connection.class), Qualifiers.byName(NAME));
        this.separate = transactions.isPresent() && connections.isPresent();
        this.jdbc = separate ? new Jdbc(transactions.get(), connections.get()) : primary;
        if (separate) {
            LOG.info("Indices and exports read from the read replica (datasource '{}')", NAME);
        }
    }

    /** The helper for the heavy reads: on the replica's connections, or the primary's. */
    public Jdbc jdbc() {
        return jdbc;
    }

    /** Whether a replica is configured (else {@link #jdbc()} is the primary's). */
    public boolean separate() {
        return separate;
    }
}
