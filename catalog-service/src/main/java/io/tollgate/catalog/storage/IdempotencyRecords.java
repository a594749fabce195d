package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code idempotency_keys} table: claiming a key for a first request, keeping its answer, and
 * forgetting expired ones. Times are PostgreSQL's ({@code now()}), so that every replica judges
 * expiry by the same clock.
 */
@Singleton
public class IdempotencyRecords {
    // A key is claimed when it is new, expired, or held by a first request that stopped answering.
    private static final String CLAIM = "INSERT INTO idempotency_keys"
            + " (tenant_id, subject, idempotency_key, operation, started_at, expires_at)"
            + " VALUES (?, ?, ?, ?, now(), now() + ? * interval '1 millisecond')"
            + " ON CONFLICT (tenant_id, subject, idempotency_key) DO UPDATE"
            + " SET operation = EXCLUDED.operation, status = NULL, content_type = NULL, body = NULL,"
            + " started_at = EXCLUDED.started_at, expires_at = EXCLUDED.expires_at"
            + " WHERE idempotency_keys.expires_at <= now()"
            + " OR (idempotency_keys.status IS NULL AND idempotency_keys.started_at <= now() - ? * interval '1 millisecond')"
            + " RETURNING 1";
    private static final String READ = "SELECT operation, status, content_type, body FROM idempotency_keys"
            + " WHERE tenant_id = ? AND subject = ? AND idempotency_key = ?";
    private static final String COMPLETE = "UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?"
            + " WHERE tenant_id = ? AND subject = ? AND idempotency_key = ? AND status IS NULL";
    private static final String RELEASE = "DELETE FROM idempotency_keys"
            + " WHERE tenant_id = ? AND subject = ? AND idempotency_key = ? AND status IS NULL";
    // Counts no further than the limit it is asked about, so that a full tenant costs no more.
    private static final String LIVE_KEYS = "SELECT count(*) FROM (SELECT 1 FROM idempotency_keys"
            + " WHERE tenant_id = ? AND expires_at > now() LIMIT ?) live";
    private static final String SWEEP = "DELETE FROM idempotency_keys WHERE expires_at <= now()";

    private final DataSource dataSource;

    public IdempotencyRecords(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Whose key it is: a tenant's subject's. */
    public record Owner(String tenantId, String subject) {
    }

    /**
     * What is kept of a key.
     *
     * @param operation   the hash of the operation that claimed it
     * @param status      the first answer's status; null while the first request runs
     * @param contentType the first answer's content type, or null
     * @param body        the first answer's body, or null
     */
    public record Kept(String operation, Integer status, String contentType, String body) {
        public boolean inFlight() {
            return status == null;
        }
    }

    /** Claims the key for a first request; false when another holds it (see {@link #read}). */
    public boolean claim(Owner owner, UUID key, String operation, Duration lifetime, Duration inFlightTimeout) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            bindKey(claim, owner, key);
            claim.setString(4, operation);
            claim.setLong(5, lifetime.toMillis());
            claim.setLong(6, inFlightTimeout.toMillis());
            try (ResultSet claimed = claim.executeQuery()) {
                return claimed.next();
            }
        } catch (SQLException e) {
            throw new StoreException("claiming an idempotency key", e);
        }
    }

    /** Whether the tenant holds {@code limit} unexpired keys or more. */
    public boolean tenantHolds(String tenantId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(LIVE_KEYS)) {
            count.setString(1, tenantId);
            count.setInt(2, limit);
            try (ResultSet row = count.executeQuery()) {
                return row.next() && row.getInt(1) >= limit;
            }
        } catch (SQLException e) {
            throw new StoreException("counting a tenant's idempotency keys", e);
        }
    }

    /** What is kept of the key; empty when nothing is (it was released or swept meanwhile). */
    public Optional<Kept> read(Owner owner, UUID key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement(READ)) {
            bindKey(read, owner, key);
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int status = row.getInt(2);
                Integer kept = row.wasNull() ? null : status; // asked right after reading the column
                return Optional.of(new Kept(row.getString(1), kept, row.getString(3), row.getString(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("reading an idempotency key", e);
        }
    }

    /** Keeps the first request's answer under its claimed key. */
    public void complete(Owner owner, UUID key, int status, String contentType, String body) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement complete = connection.prepareStatement(COMPLETE)) {
            complete.setInt(1, status);
            complete.setString(2, contentType);
            complete.setString(3, body);
            complete.setString(4, owner.tenantId());
            complete.setString(5, owner.subject());
            complete.setObject(6, key);
            complete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("keeping an idempotency key's answer", e);
        }
    }

    /** Frees a claimed key whose answer is not kept, so that a retry runs the operation again. */
    public void release(Owner owner, UUID key) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement(RELEASE)) {
            bindKey(release, owner, key);
            release.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("releasing an idempotency key", e);
        }
    }

    /** Forgets every expired key; returns how many. */
    public int sweep() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement sweep = connection.prepareStatement(SWEEP)) {
            return sweep.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("sweeping expired idempotency keys", e);
        }
    }

    private static void bindKey(PreparedStatement statement, Owner owner, UUID key) throws SQLException {
        statement.setString(1, owner.tenantId());
        statement.setString(2, owner.subject());
        statement.setObject(3, key);
    }
}
