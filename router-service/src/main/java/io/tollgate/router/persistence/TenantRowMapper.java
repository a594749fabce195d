package io.tollgate.router.persistence;

import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Reads a row of the tenants table. */
@Singleton
class TenantRowMapper {
    private final JsonColumns json;

    TenantRowMapper(JsonColumns json) {
        this.json = json;
    }

    Tenant map(ResultSet row) throws SQLException {
        TenantDefinition definition = new TenantDefinition(
                row.getString("id"),
                row.getString("display_name"),
                status(row.getString("status")),
                json.labels(row.getString("labels")),
                new SqlBackend(
                        row.getString("jdbc_url"),
                        IsolationMode.valueOf(row.getString("isolation_mode")),
                        new CredentialsRef(row.getString("db_username"), row.getString("db_password_ref")),
                        new PoolLimits(
                                row.getInt("max_connections"),
                                row.getInt("min_idle"),
                                row.getLong("connection_timeout_ms")),
                        new ClassLogins(login(row, "reader"), login(row, "writer"))),
                json.contextVariables(row.getString("context_variables")),
                new Quotas(
                        row.getInt("max_concurrent_queries"),
                        row.getLong("statement_timeout_ms"),
                        row.getLong("max_result_rows"),
                        row.getLong("max_result_bytes"),
                        row.getInt("requests_per_second"),
                        row.getInt("commits_per_minute"),
                        row.getInt("max_spark_sessions"),
                        row.getInt("max_spark_operations"),
                        row.getLong("max_spark_artifact_bytes")),
                json.warehouses(row.getString("warehouses")),
                json.upstreams(row.getString("upstreams")));
        return new Tenant(
                definition,
                row.getLong("revision"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(),
                instant(row.getObject("deletion_requested_at", OffsetDateTime.class)));
    }

    private static CredentialsRef login(ResultSet row, String accessClass) throws SQLException {
        String username = row.getString(accessClass + "_username");
        return username == null ? null : new CredentialsRef(username, row.getString(accessClass + "_password_ref"));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The status as the table spells it (lowercase). */
    static String column(TenantStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static TenantStatus status(String column) {
        return TenantStatus.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
