package io.tollgate.auth.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Plain JDBC inside Micronaut Data's transactions, for the statements a repository interface
 * cannot express (row locks, RETURNING, advisory locks). A call made while a transaction is open
 * joins it, so a service can make several stores' writes atomic by wrapping them in
 * {@link #write}.
 */
@Singleton
public class Jdbc {

    /** Work on the transaction's connection. */
    @FunctionalInterface
    public interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;

    public Jdbc(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Runs the work in a read-write transaction (or the one already open). */
    public <R> R write(String operation, Work<R> work) {
        try {
            return transactions.executeWrite(status -> run(operation, work, status.getConnection()));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("database operation failed: " + operation, e);
        }
    }

    /** Runs the work in a read-only transaction (or the one already open). */
    public <R> R read(String operation, Work<R> work) {
        try {
            return transactions.executeRead(status -> run(operation, work, status.getConnection()));
        } catch (StoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException("database operation failed: " + operation, e);
        }
    }

    private static <R> R run(String operation, Work<R> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database operation failed: " + operation, e);
        }
    }

    // timestamptz as OffsetDateTime in UTC: pgjdbc's java.sql.Timestamp path goes through the
    // JVM's default time zone, which replicas need not share.
    /**
     * Rows of a table in one tenant, or in all tenants when {@code tenantId} is null. The table is
     * one of this package's own (never a caller's text).
     */
    static long countInTenant(Connection connection, String table, String tenantId) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM " + table + " WHERE (?::text IS NULL OR tenant_id = ?)")) {
            count.setString(1, tenantId);
            count.setString(2, tenantId);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
