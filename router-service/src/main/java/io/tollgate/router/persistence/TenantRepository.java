package io.tollgate.router.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenants table, in plain JDBC: the writes need ON CONFLICT, nextval and jsonb casts, and
 * the pages a keyset on a "C"-collated key, which a generated repository would only obscure.
 */
@Singleton
public class TenantRepository {
    private static final String INSERT = """
            INSERT INTO tenants (id, display_name, status, labels, isolation_mode, jdbc_url,
                                 db_username, db_password_ref, context_variables,
                                 max_connections, min_idle, connection_timeout_ms,
                                 max_concurrent_queries, statement_timeout_ms, max_result_rows, max_result_bytes,
                                 warehouse_name, warehouse_location, revision)
            VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, nextval('revision'))
            """;

    private static final String UPSERT = INSERT + """
            ON CONFLICT (id) DO UPDATE SET
                display_name = EXCLUDED.display_name, status = EXCLUDED.status, labels = EXCLUDED.labels,
                isolation_mode = EXCLUDED.isolation_mode, jdbc_url = EXCLUDED.jdbc_url,
                db_username = EXCLUDED.db_username, db_password_ref = EXCLUDED.db_password_ref,
                context_variables = EXCLUDED.context_variables,
                max_connections = EXCLUDED.max_connections, min_idle = EXCLUDED.min_idle,
                connection_timeout_ms = EXCLUDED.connection_timeout_ms,
                max_concurrent_queries = EXCLUDED.max_concurrent_queries,
                statement_timeout_ms = EXCLUDED.statement_timeout_ms,
                max_result_rows = EXCLUDED.max_result_rows, max_result_bytes = EXCLUDED.max_result_bytes,
                warehouse_name = EXCLUDED.warehouse_name, warehouse_location = EXCLUDED.warehouse_location,
                revision = EXCLUDED.revision, updated_at = now()
            RETURNING *
            """;

    // The sequence value an ignored insert draws is lost; revisions only need to increase.
    private static final String INSERT_IF_ABSENT = INSERT + " ON CONFLICT (id) DO NOTHING RETURNING *";

    private static final String FIND_BY_ID = "SELECT * FROM tenants WHERE id = ?";

    private static final String FIRST_PAGE = "SELECT * FROM tenants ORDER BY id LIMIT ?";

    private static final String NEXT_PAGE = "SELECT * FROM tenants WHERE id > ? ORDER BY id LIMIT ?";

    private final DataSource dataSource;
    private final TenantRowMapper rows;
    private final JsonColumns json;

    TenantRepository(DataSource dataSource, TenantRowMapper rows, JsonColumns json) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findById(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FIND_BY_ID)) {
            statement.setString(1, id);
            List<Tenant> found = readAll(statement);
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw new RepositoryException("could not read a tenant", e);
        }
    }

    /** Up to {@code limit} tenants whose ids sort after {@code afterId} (all when null), by id. */
    @Transactional(readOnly = true)
    public List<Tenant> findPage(@Nullable String afterId, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(afterId == null ? FIRST_PAGE : NEXT_PAGE)) {
            int index = 1;
            if (afterId != null) {
                statement.setString(index++, afterId);
            }
            statement.setInt(index, limit);
            return readAll(statement);
        } catch (SQLException e) {
            throw new RepositoryException("could not list tenants", e);
        }
    }

    /** Creates or replaces the tenant, at a new revision. */
    @Transactional
    public Tenant upsert(TenantDefinition tenant) {
        return write(UPSERT, tenant).orElseThrow(() -> new IllegalStateException("upsert returned no row"));
    }

    /** Creates the tenant at a new revision unless one with its id exists; empty when it did. */
    @Transactional
    public Optional<Tenant> insertIfAbsent(TenantDefinition tenant) {
        return write(INSERT_IF_ABSENT, tenant);
    }

    private Optional<Tenant> write(String sql, TenantDefinition tenant) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, tenant);
            return readAll(statement).stream().findFirst();
        } catch (SQLException e) {
            throw new RepositoryException("could not write tenant " + tenant.id(), e);
        }
    }

    private void bind(PreparedStatement statement, TenantDefinition tenant) throws SQLException {
        var backend = tenant.sqlBackend();
        var quotas = tenant.quotas();
        var warehouse = tenant.warehouse();
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
        if (warehouse == null) {
            statement.setNull(i++, Types.VARCHAR);
            statement.setNull(i, Types.VARCHAR);
        } else {
            statement.setString(i++, warehouse.name());
            statement.setString(i, warehouse.location());
        }
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
}
