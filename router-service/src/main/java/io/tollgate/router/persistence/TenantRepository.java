package io.tollgate.router.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.tollgate.common.error.StoreException;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenants table, in plain JDBC: the writes need ON CONFLICT, nextval and jsonb casts, and
 * the pages a keyset on a "C"-collated key, which a generated repository would only obscure.
 * <p>
 * Writes take a new revision from the registry sequence. Callers hold the registry write lock
 * ({@link RegistryLock}) in the same transaction, so revisions commit in the order they are taken.
 */
@Singleton
public class TenantRepository {
    private static final String COLUMNS = """
            id, display_name, status, labels, isolation_mode, jdbc_url, db_username, db_password_ref,
            context_variables, max_connections, min_idle, connection_timeout_ms, max_concurrent_queries,
            statement_timeout_ms, max_result_rows, max_result_bytes, warehouses, upstreams,
            reader_username, reader_password_ref, writer_username, writer_password_ref, requests_per_second,
            commits_per_minute, max_spark_sessions, max_spark_operations, max_spark_artifact_bytes""";

    private static final String VALUES = """
            ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb),
            CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?""";

    private static final String INSERT = "INSERT INTO tenants (" + COLUMNS + ", revision, deletion_requested_at) VALUES ("
            + VALUES + ", nextval('revision'), CASE WHEN CAST(? AS text) = 'deleting' THEN now() END)"
            + " ON CONFLICT (id) DO NOTHING RETURNING *";

    // A tenant keeps the moment its deletion was asked for, whatever else changes meanwhile.
    private static final String UPDATE = "UPDATE tenants SET (" + COLUMNS + ") = (" + VALUES + "),"
            + " revision = nextval('revision'), updated_at = now(),"
            + " deletion_requested_at = CASE WHEN CAST(? AS text) = 'deleting' THEN COALESCE(deletion_requested_at, now()) END"
            + " WHERE id = ? RETURNING *";

    private static final String DELETE = "DELETE FROM tenants WHERE id = ? RETURNING *";

    private static final String FIND_BY_ID = "SELECT * FROM tenants WHERE id = ?";

    private static final String FIND_ALL = "SELECT * FROM tenants ORDER BY id";

    private static final String FIRST_PAGE = "SELECT * FROM tenants ORDER BY id LIMIT ?";

    private static final String NEXT_PAGE = "SELECT * FROM tenants WHERE id > ? ORDER BY id LIMIT ?";

    private static final String DRAINED = """
            SELECT id FROM tenants
            WHERE status = 'deleting' AND deletion_requested_at <= now() - make_interval(secs => ?)
            ORDER BY id""";

    private final TransactionOperations<Connection> transactions;
    private final TenantRowMapper rows;
    private final JsonColumns json;

    TenantRepository(TransactionOperations<Connection> transactions, TenantRowMapper rows, JsonColumns json) {
        this.transactions = transactions;
        this.rows = rows;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findById(String id) {
        try (PreparedStatement statement = prepare(FIND_BY_ID)) {
            statement.setString(1, id);
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("could not read a tenant", e);
        }
    }

    /** Every tenant, by id: a watcher's snapshot. */
    @Transactional(readOnly = true)
    public List<Tenant> findAll() {
        try (PreparedStatement statement = prepare(FIND_ALL)) {
            return readAll(statement);
        } catch (SQLException e) {
            throw new StoreException("could not list tenants", e);
        }
    }

    /** Up to {@code limit} tenants whose ids sort after {@code afterId} (all when null), by id. */
    @Transactional(readOnly = true)
    public List<Tenant> findPage(@Nullable String afterId, int limit) {
        try (PreparedStatement statement = prepare(afterId == null ? FIRST_PAGE : NEXT_PAGE)) {
            int index = 1;
            if (afterId != null) {
                statement.setString(index++, afterId);
            }
            statement.setInt(index, limit);
            return readAll(statement);
        } catch (SQLException e) {
            throw new StoreException("could not list tenants", e);
        }
    }

    /** The ids of tenants whose deletion was asked for at least {@code drainPeriod} ago. */
    @Transactional(readOnly = true)
    public List<String> findDrained(Duration drainPeriod) {
        try (PreparedStatement statement = prepare(DRAINED)) {
            statement.setDouble(1, drainPeriod.toMillis() / 1000.0);
            List<String> ids = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new StoreException("could not find drained tenants", e);
        }
    }

    /** Creates the tenant at a new revision unless one with its id exists; empty when it did. */
    @Transactional
    public Optional<Tenant> insert(TenantDefinition tenant) {
        try (PreparedStatement statement = prepare(INSERT)) {
            int next = bind(statement, tenant);
            statement.setString(next, TenantRowMapper.column(tenant.status()));
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("could not create tenant " + tenant.id(), e);
        }
    }

    /** Replaces an existing tenant at a new revision; empty when there is none. */
    @Transactional
    public Optional<Tenant> update(TenantDefinition tenant) {
        try (PreparedStatement statement = prepare(UPDATE)) {
            int next = bind(statement, tenant);
            statement.setString(next++, TenantRowMapper.column(tenant.status()));
            statement.setString(next, tenant.id());
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("could not update tenant " + tenant.id(), e);
        }
    }

    /** Removes the tenant; returns it as it was, or empty when there was none. */
    @Transactional
    public Optional<Tenant> delete(String id) {
        try (PreparedStatement statement = prepare(DELETE)) {
            statement.setString(1, id);
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new StoreException("could not delete tenant " + id, e);
        }
    }

    /** Binds the definition's columns; returns the index of the next parameter. */
    private int bind(PreparedStatement statement, TenantDefinition tenant) throws SQLException {
        var backend = tenant.sqlBackend();
        var quotas = tenant.quotas();
        int i = 1;
        statement.setString(i++, tenant.id());
        statement.setString(i++, tenant.displayName());
        statement.setString(i++, TenantRowMapper.column(tenant.status()));
        statement.setString(i++, json.labels(tenant.labels()));
        statement.setString(i++, backend.isolationMode().name());
        statement.setString(i++, backend.jdbcUrl());
        statement.setString(i++, backend.credentials().username());
        statement.setString(i++, backend.credentials().passwordRef());
        statement.setString(i++, json.contextVariables(tenant.contextVariables()));
        statement.setInt(i++, backend.pool().maxConnections());
        statement.setInt(i++, backend.pool().minIdle());
        statement.setLong(i++, backend.pool().connectionTimeoutMs());
        statement.setInt(i++, quotas.maxConcurrentQueries());
        statement.setLong(i++, quotas.statementTimeoutMs());
        statement.setLong(i++, quotas.maxResultRows());
        statement.setLong(i++, quotas.maxResultBytes());
        statement.setString(i++, json.warehouses(tenant.warehouses()));
        statement.setString(i++, json.upstreams(tenant.upstreams()));
        i = bindLogin(statement, i, backend.logins().reader());
        i = bindLogin(statement, i, backend.logins().writer());
        statement.setInt(i++, quotas.requestsPerSecond());
        statement.setInt(i++, quotas.commitsPerMinute());
        statement.setInt(i++, quotas.maxSparkSessions());
        statement.setInt(i++, quotas.maxSparkOperations());
        statement.setLong(i++, quotas.maxSparkArtifactBytes());
        return i;
    }

    /** A class's login, or two NULLs when the class runs as the owner login. */
    private static int bindLogin(PreparedStatement statement, int i, @Nullable CredentialsRef login) throws SQLException {
        statement.setString(i++, login == null ? null : login.username());
        statement.setString(i++, login == null ? null : login.passwordRef());
        return i;
    }

    private List<Tenant> readAll(PreparedStatement statement) throws SQLException {
        List<Tenant> tenants = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                tenants.add(rows.map(result));
            }
        }
        return tenants;
    }

    /**
     * A statement on the current transaction's connection. The statement is the caller's to close;
     * the connection is the transaction's, and stays open for the rest of it.
     */
    private PreparedStatement prepare(String sql) throws SQLException {
        return transactions.getConnection().prepareStatement(sql);
    }
}
