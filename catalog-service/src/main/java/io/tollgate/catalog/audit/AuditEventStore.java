package io.tollgate.catalog.audit;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code catalog.audit_events}: rows written once, read a page at a time, swept by age. */
@Singleton
public class AuditEventStore {
    private static final int MAX_TEXT = 255;
    private static final int MAX_DETAIL = 500;

    private final DataSource dataSource;

    /** Takes the pool itself, as the warehouses' catalogs do: Micronaut Data's DataSource needs a surrounding transaction. */
    public AuditEventStore(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    void insert(AuditEvent event) {
        String sql = "INSERT INTO audit_events (occurred_at, tenant_id, subject, operation, warehouse, namespace, "
                + "table_name, snapshot_id, outcome, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(event.time()));
            statement.setString(2, cut(event.tenantId(), 64));
            statement.setString(3, cut(event.subject(), MAX_TEXT));
            statement.setString(4, cut(event.operation(), 64));
            statement.setString(5, cut(event.target().warehouse(), MAX_TEXT));
            statement.setString(6, cut(event.target().namespace(), MAX_TEXT));
            statement.setString(7, cut(event.target().table(), MAX_TEXT));
            if (event.snapshotId() == null) {
                statement.setNull(8, Types.BIGINT);
            } else {
                statement.setLong(8, event.snapshotId());
            }
            statement.setString(9, event.outcome().wireName());
            statement.setString(10, cut(event.requestId(), 64));
            statement.setString(11, cut(event.target().detail(), MAX_DETAIL));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not record an audit event", e);
        }
    }

    /** The events the query selects, newest first, at most {@code query.limit()}. */
    List<AuditEvent> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT id, occurred_at, tenant_id, subject, operation, warehouse, "
                + "namespace, table_name, snapshot_id, outcome, request_id, detail FROM audit_events WHERE TRUE");
        List<Object> values = new ArrayList<>();
        where(sql, values, "tenant_id = ?", query.tenantId());
        where(sql, values, "occurred_at >= ?", query.from() == null ? null : Timestamp.from(query.from()));
        where(sql, values, "occurred_at < ?", query.to() == null ? null : Timestamp.from(query.to()));
        where(sql, values, "namespace = ?", query.namespace());
        where(sql, values, "table_name = ?", query.table());
        where(sql, values, "subject = ?", query.subject());
        where(sql, values, "id < ?", query.beforeId());
        sql.append(" ORDER BY id DESC LIMIT ?");
        values.add(query.limit());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            List<AuditEvent> events = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    events.add(event(rows));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("could not read audit events", e);
        }
    }

    /** Deletes the events that ended before {@code cutoff}; how many went. */
    int deleteBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("DELETE FROM audit_events WHERE occurred_at < ?")) {
            statement.setTimestamp(1, Timestamp.from(cutoff));
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("could not sweep audit events", e);
        }
    }

    private static void where(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            values.add(value);
        }
    }

    private static AuditEvent event(ResultSet rows) throws SQLException {
        long snapshot = rows.getLong("snapshot_id");
        Long snapshotId = rows.wasNull() ? null : snapshot;
        return new AuditEvent(rows.getLong("id"), rows.getTimestamp("occurred_at").toInstant(),
                rows.getString("tenant_id"), rows.getString("subject"), rows.getString("operation"),
                new AuditTarget(rows.getString("warehouse"), rows.getString("namespace"), rows.getString("table_name"),
                        snapshotId, rows.getString("detail")),
                AuditOutcome.valueOf(rows.getString("outcome").toUpperCase()), rows.getString("request_id"));
    }

    private static String cut(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() > max ? value.substring(0, max) : value;
    }
}
