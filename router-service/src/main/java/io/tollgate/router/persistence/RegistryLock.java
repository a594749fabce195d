package io.tollgate.router.persistence;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The one lock every registry write takes first, across all replicas: a transaction-scoped
 * PostgreSQL advisory lock. Writers therefore draw revisions and commit one after another, so a
 * reader that has seen revision n has also seen every committed revision below it; that is what
 * lets watchers follow the log with a simple {@code revision > last} query.
 */
@Singleton
public class RegistryLock {
    // An arbitrary constant that names this lock; advisory locks share one key space per database.
    private static final long KEY = 0x746F6C6C_67617465L; // "tollgate"

    private final TransactionOperations<Connection> transactions;

    RegistryLock(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Waits for the lock; it is released when the surrounding transaction ends. */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void acquire() {
        try (PreparedStatement statement = prepare("SELECT pg_advisory_xact_lock(?)")) {
            statement.setLong(1, KEY);
            statement.execute();
        } catch (SQLException e) {
            throw new StoreException("could not take the registry write lock", e);
        }
    }

    /**
     * A statement on the current transaction's connection. The statement is the caller's to close;
     * the connection is the transaction's, and stays open for the rest of it.
     */
    private PreparedStatement prepare(String sql) throws SQLException {
        return transactions.getConnection().prepareStatement(sql);
    }
}
