package org.uklad.system;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one small JDBC helper behind every {@code *Store}: the SQL a {@code @JdbcRepository} cannot
 * say (the submission statement, claims with {@code SKIP LOCKED}, streams, aggregates) runs
 * through it, on the connection of the current transaction. Services group several store calls
 * into one transaction with {@link #inTransaction} and never see {@code java.sql} themselves.
 *
 * <p>Every method joins the caller's transaction when there is one (so a store call inside
 * {@link #inTransaction} is part of it) and otherwise runs in a transaction of its own.
 * {@link SQLException}s leave as {@link DataAccessException} with the original as the cause, where
 * {@link ProblemHandlers} finds unique violations and outages.
 */
@Singleton
public class Jdbc {

    /** Work on the current transaction's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One row of a result, read at the cursor. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final ConnectionOperations<Connection> connections;

    Jdbc(TransactionOperations<Connection> transactions, ConnectionOperations<Connection> connections) {
        this.transactions = transactions;
        this.connections = connections;
    }

    /** Runs a service's steps as one read-write transaction (or as part of the caller's). */
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }

    /** Runs a service's reads in one read-only transaction: one consistent snapshot. */
    public <T> T readOnly(Supplier<T> work) {
        return transactions.executeRead(status -> work.get());
    }

    /** Raw access for a store's special SQL, in a read-write transaction. */
    public <T> T write(Work<T> work) {
        return transactions.executeWrite(status -> call(work, status.getConnection()));
    }

    /** Raw access for a store's special SQL, in a read-only transaction. */
    public <T> T read(Work<T> work) {
        return transactions.executeRead(status -> call(work, status.getConnection()));
    }

    /** Every row of a query. */
    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * One read on a pooled connection in auto-commit, outside any transaction: for a lookup on a
     * hot path (the access code of every submission), where a transaction around one statement
     * would cost two more round trips. Inside a caller's transaction it runs on that connection.
     */
    public <T> Optional<T> lookup(String sql, Row<T> row, Object... params) {
        return connections.executeRead(status -> call(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
                }
            }
        }, status.getConnection()));
    }

    /** An INSERT, UPDATE or DELETE; the number of rows it touched. */
    public int update(String sql, Object... params) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /** A statement with {@code RETURNING}: its first row, if any (a write). */
    public <T> Optional<T> returning(String sql, Row<T> row, Object... params) {
        return write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Binds parameters in order: {@code null} as SQL NULL, an {@link Instant} as
     * {@code timestamptz}, a collection of strings as {@code text[]}, anything else as the driver
     * maps it.
     */
    public static void bind(Connection c, PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (p instanceof Collection<?> values) {
                ps.setArray(i + 1, c.createArrayOf("text", values.stream().map(String::valueOf).toArray()));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    private static <T> T call(Work<T> work, Connection c) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e.getMessage(), e);
        }
    }
}
