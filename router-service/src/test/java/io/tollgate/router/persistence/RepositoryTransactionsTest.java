package io.tollgate.router.persistence;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.router.support.Definitions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The repositories' connection rule (package-info): their statements run on the transaction's
 * connection, which they never close, whatever transactional calls they nest.
 */
@MicronautTest(transactional = false)
class RepositoryTransactionsTest extends RouterServiceTest {
    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    RegistryLock lock;

    @Inject
    TenantRepository tenants;

    @Inject
    TenantChangeRepository changes;

    @Override
    protected String bootstrapJson() {
        return BootstrapFiles.minimalTenants("present");
    }

    @Test
    void nestedReadsShareTheWritesConnectionWhichStaysOpenAndKeepsTheLockUntilTheEnd() throws Exception {
        try (Connection observer = db.connect()) {
            int[] backend = new int[1];
            transactions.executeWrite(status -> {
                backend[0] = backendPid(transactions.getConnection());
                lock.acquire();
                // Read-only transactional calls join the write: same connection, still writable.
                tenants.findById("present").orElseThrow();
                tenants.findAll();
                changes.latestRevision();
                changes.eventsAfter(0, 10);
                tenants.insert(Definitions.tenant("written-after-reads")).orElseThrow();

                assertFalse(transactions.getConnection().isClosed());
                assertEquals(backend[0], backendPid(transactions.getConnection()));
                assertTrue(holdsRegistryLock(observer, backend[0]), "the lock lives as long as the transaction");
                return null;
            });

            assertFalse(holdsRegistryLock(observer, backend[0]), "and ends with it");
        }
        assertTrue(tenants.findById("written-after-reads").isPresent());
    }

    @Test
    void theLockIsRefusedOutsideATransaction() {
        assertThrows(RuntimeException.class, lock::acquire);
    }

    private static int backendPid(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean holdsRegistryLock(Connection observer, int pid) throws SQLException {
        try (Statement statement = observer.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = " + pid)) {
            result.next();
            return result.getInt(1) > 0;
        }
    }
}
