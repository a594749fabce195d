package io.tollgate.catalog.handler;

import io.tollgate.catalog.config.MetricsReportsConfig;
import io.tollgate.catalog.storage.MetricsReportStore;
import io.tollgate.common.auth.AccessClass;
import jakarta.inject.Singleton;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.requests.ReportMetricsRequest;
import org.apache.iceberg.rest.requests.ReportMetricsRequestParser;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The metrics reports Iceberg clients send after a scan or a commit: readers may report (they
 * scan), about a table of their own warehouse; those about a table that does not exist are
 * accepted and dropped. A report is at most
 * {@link MetricsReportsConfig#maxBytes()}; it is stored as Iceberg's serializer writes it (so only
 * the fields of Iceberg's model are kept), with the caller's tenant, and a tenant keeps its newest
 * {@link MetricsReportsConfig#maxPerTenant()}. Nothing reads them back over the catalog's API.
 */
@Singleton
public class MetricsService {
    private final WarehouseAccess warehouses;
    private final MetricsReportStore reports;
    private final MetricsReportsConfig config;

    public MetricsService(WarehouseAccess warehouses, MetricsReportStore reports, MetricsReportsConfig config) {
        this.warehouses = warehouses;
        this.reports = reports;
        this.config = config;
    }

    /** Stores the report in {@code body} about {@code table}, if that table exists. */
    public void report(Caller caller, String prefix, TableIdentifier table, String body) {
        Warehouse warehouse = warehouses.open(caller, prefix, "report metrics", AccessClass.READER);
        if (body == null || body.isBlank()) {
            throw new BadRequestException("Missing request body");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > config.maxBytes()) {
            throw new BadRequestException("A metrics report may be at most %d bytes", config.maxBytes());
        }
        ReportMetricsRequest request = parse(body);
        if (!warehouse.catalog().tableExists(table)) {
            // Clients report a staged create's commits before the table exists; they would log
            // a refusal as a warning. Accepted, and not kept: only real tables' reports are.
            return;
        }
        String json = ReportMetricsRequestParser.toJson(request);
        if (json.contains("\\u0000")) {
            // PostgreSQL's jsonb cannot hold it: refused here rather than failing in the store.
            throw new BadRequestException("A metrics report may not contain NUL characters");
        }
        reports.add(new MetricsReportStore.Report(caller.tenantId(), warehouse.name(), table.namespace().toString(),
                table.name(), request.reportType().name().toLowerCase(Locale.ROOT).replace('_', '-'), json),
                config.maxPerTenant());
    }

    private static ReportMetricsRequest parse(String body) {
        ReportMetricsRequest request;
        try {
            request = ReportMetricsRequestParser.fromJson(body);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // The parser's text names its own internals; the caller gets ours.
            throw new BadRequestException("Malformed request body for ReportMetricsRequest");
        }
        if (request.reportType() == ReportMetricsRequest.ReportType.UNKNOWN) {
            throw new BadRequestException("report-type must be scan-report or commit-report");
        }
        return request;
    }
}
