package io.tollgate.catalog.storage;

import io.micronaut.jdbc.DataSourceResolver;
import io.tollgate.common.error.StoreException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The metrics reports table, in plain JDBC (a jsonb cast and a retention delete). Each report is
 * stored with its tenant, and the tenant's reports beyond the newest {@code keep} are deleted in
 * the same transaction, so a tenant's share of the table stays bounded whatever it sends.
 */
@Singleton
public class MetricsReportStore {
    private static final String INSERT = """
            INSERT INTO metrics_reports (tenant_id, warehouse, namespace, table_name, report_type, report)
            VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))""";

    // The id of the newest report the tenant keeps last; anything older goes.
    private static final String PRUNE = """
            DELETE FROM metrics_reports WHERE tenant_id = ? AND id < (
                SELECT id FROM metrics_reports WHERE tenant_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)""";

    private final DataSource dataSource;

    /**
     * One report as stored.
     *
     * @param tenantId   the reporting caller's tenant
     * @param warehouse  the warehouse named in the URL
     * @param namespace  the table's namespace, levels joined by dots (as Iceberg's JDBC catalog stores it)
     * @param table      the table's name
     * @param reportType {@code scan-report} or {@code commit-report}
     * @param json       the report, as Iceberg's serializer writes it
     */
    public record Report(String tenantId, String warehouse, String namespace, String table, String reportType,
                         String json) {
    }

    /** Takes the pool itself, as {@link WarehouseCatalogs} does: no surrounding transaction is needed. */
    public MetricsReportStore(DataSource dataSource, DataSourceResolver resolver) {
        this.dataSource = resolver.resolve(dataSource);
    }

    /** Stores a report and keeps only the tenant's newest {@code keep}. */
    public void add(Report report, int keep) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT);
                 PreparedStatement prune = connection.prepareStatement(PRUNE)) {
                insert.setString(1, report.tenantId());
                insert.setString(2, report.warehouse());
                insert.setString(3, report.namespace());
                insert.setString(4, report.table());
                insert.setString(5, report.reportType());
                insert.setString(6, report.json());
                insert.executeUpdate();
                prune.setString(1, report.tenantId());
                prune.setString(2, report.tenantId());
                prune.setInt(3, keep - 1);
                prune.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("storing a metrics report failed", e);
        }
    }
}
