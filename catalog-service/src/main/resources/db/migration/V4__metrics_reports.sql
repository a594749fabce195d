-- The metrics reports (scan and commit reports) that Iceberg clients send, kept per tenant and never
-- shown to another. Bounded by the service: a report is at most tollgate.catalog.metrics-reports.max-bytes
-- and a tenant keeps its newest max-per-tenant reports (older ones are deleted as new ones arrive).
CREATE TABLE metrics_reports (
    id          BIGSERIAL     PRIMARY KEY,
    tenant_id   VARCHAR(255)  NOT NULL,
    warehouse   VARCHAR(255)  NOT NULL,
    namespace   VARCHAR(1000) NOT NULL,
    table_name  VARCHAR(255)  NOT NULL,
    report_type VARCHAR(32)   NOT NULL,
    report      JSONB         NOT NULL,
    received_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- The retention deletes a tenant's oldest reports: newest first by tenant.
CREATE INDEX metrics_reports_by_tenant ON metrics_reports (tenant_id, id DESC);
