package io.tollgate.router.persistence;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tollgate.common.error.StoreException;
import io.tollgate.router.domain.ChangeKind;
import io.tollgate.router.domain.TenantChange;
import io.tollgate.router.domain.TenantEvent;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The registry's change log ({@code tenant_changes}) and its retention horizon. */
@Singleton
public class TenantChangeRepository {
    private static final String APPEND = """
            INSERT INTO tenant_changes (revision, tenant_id, kind, actor, description)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb))""";

    private static final String HISTORY = """
            SELECT * FROM tenant_changes WHERE tenant_id = ? AND revision > ? ORDER BY revision LIMIT ?""";

    // Each change with the tenant row as that change left it. A change whose tenant row has
    // moved on (a later change is committed too) finds no row: it is superseded, and the later
    // change carries the tenant's state.
    private static final String EVENTS_AFTER = """
            SELECT c.revision AS change_revision, c.tenant_id AS change_tenant, c.kind AS change_kind, t.*
            FROM tenant_changes c
            LEFT JOIN tenants t ON t.id = c.tenant_id AND t.revision = c.revision
            WHERE c.revision > ? ORDER BY c.revision LIMIT ?""";

    // The last change of each tenant changed since a revision: enough to bring a cache from that
    // revision to now, in revision order.
    private static final String LATEST_EVENTS_AFTER = """
            SELECT c.revision AS change_revision, c.tenant_id AS change_tenant, c.kind AS change_kind, t.*
            FROM (SELECT DISTINCT ON (tenant_id) revision, tenant_id, kind FROM tenant_changes
                  WHERE revision > ? ORDER BY tenant_id, revision DESC) c
            LEFT JOIN tenants t ON t.id = c.tenant_id AND t.revision = c.revision
            ORDER BY c.revision""";

    // Removes a prefix of the log (never its newest entry, which tells the current revision) and
    // moves the horizon up to the last revision removed.
    private static final String PURGE = """
            WITH cutoff AS (
                SELECT max(revision) AS revision FROM tenant_changes
                WHERE at < now() - make_interval(secs => ?)
                  AND revision < (SELECT max(revision) FROM tenant_changes)),
            gone AS (
                DELETE FROM tenant_changes WHERE revision <= (SELECT revision FROM cutoff) RETURNING revision),
            horizon AS (
                UPDATE change_log_horizon SET purged_through = GREATEST(purged_through, (SELECT max(revision) FROM gone))
                RETURNING 1)
            SELECT count(*) FROM gone, horizon""";

    private final TransactionOperations<Connection> transactions;
    private final TenantRowMapper rows;
    private final JsonColumns json;

    TenantChangeRepository(TransactionOperations<Connection> transactions, TenantRowMapper rows, JsonColumns json) {
        this.transactions = transactions;
        this.rows = rows;
        this.json = json;
    }

    /** Draws the next registry revision, for a change that writes no tenant row (a removal). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long nextRevision() {
        return queryLong("SELECT nextval('revision')");
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void append(long revision, String tenantId, ChangeKind kind, String actor, Map<String, Object> description) {
        try (PreparedStatement statement = prepare(APPEND)) {
            statement.setLong(1, revision);
            statement.setString(2, tenantId);
            statement.setString(3, kind.wireName());
            statement.setString(4, actor);
            statement.setString(5, json.description(description));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not record a change of tenant " + tenantId, e);
        }
    }

    /** Up to {@code limit} changes of one tenant after a revision, oldest first. */
    @Transactional(readOnly = true)
    public List<TenantChange> history(String tenantId, long afterRevision, int limit) {
        try (PreparedStatement statement = prepare(HISTORY)) {
            statement.setString(1, tenantId);
            statement.setLong(2, afterRevision);
            statement.setInt(3, limit);
            List<TenantChange> changes = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    changes.add(new TenantChange(
                            row.getLong("revision"),
                            row.getString("tenant_id"),
                            ChangeKind.fromWireName(row.getString("kind")),
                            row.getObject("at", OffsetDateTime.class).toInstant(),
                            row.getString("actor"),
                            json.description(row.getString("description"))));
                }
            }
            return changes;
        } catch (SQLException e) {
            throw new StoreException("could not read the history of a tenant", e);
        }
    }

    /** The newest revision in the log; 0 when nothing ever changed. */
    @Transactional(readOnly = true)
    public long latestRevision() {
        return queryLong("SELECT COALESCE(max(revision), 0) FROM tenant_changes");
    }

    /** The highest revision retention has removed; 0 when none. */
    @Transactional(readOnly = true)
    public long purgedThrough() {
        return queryLong("SELECT purged_through FROM change_log_horizon");
    }

    /**
     * Up to {@code limit} changes after {@code afterRevision}, oldest first, each with the tenant
     * as it left it.
     */
    @Transactional(readOnly = true)
    public EventBatch eventsAfter(long afterRevision, int limit) {
        return events(EVENTS_AFTER, afterRevision, limit);
    }

    /** The last change of every tenant changed after {@code afterRevision}, oldest first. */
    @Transactional(readOnly = true)
    public List<TenantEvent> latestEventsAfter(long afterRevision) {
        return events(LATEST_EVENTS_AFTER, afterRevision, -1).events();
    }

    /** Removes changes older than {@code retention} (never the newest); returns how many. */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public long purgeOlderThan(Duration retention) {
        try (PreparedStatement statement = prepare(PURGE)) {
            statement.setDouble(1, retention.toMillis() / 1000.0);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("could not purge the change log", e);
        }
    }

    /**
     * Changes read in order.
     *
     * @param lastRevision the revision of the last change read, superseded ones included; the
     *                     revision asked after when none was read
     */
    public record EventBatch(List<TenantEvent> events, long lastRevision, int changesRead) {
    }

    private EventBatch events(String sql, long afterRevision, int limit) {
        try (PreparedStatement statement = prepare(sql)) {
            statement.setLong(1, afterRevision);
            if (limit >= 0) {
                statement.setInt(2, limit);
            }
            List<TenantEvent> events = new ArrayList<>();
            long last = afterRevision;
            int read = 0;
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    read++;
                    last = row.getLong("change_revision");
                    String tenantId = row.getString("change_tenant");
                    if (ChangeKind.fromWireName(row.getString("change_kind")) == ChangeKind.DELETED) {
                        events.add(TenantEvent.deleted(tenantId, last));
                    } else if (row.getString("id") != null) {
                        events.add(TenantEvent.upserted(rows.map(row)));
                    }
                }
            }
            return new EventBatch(events, last, read);
        } catch (SQLException e) {
            throw new StoreException("could not read the change log", e);
        }
    }

    private long queryLong(String sql) {
        try (PreparedStatement statement = prepare(sql);
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("could not read the change log", e);
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
