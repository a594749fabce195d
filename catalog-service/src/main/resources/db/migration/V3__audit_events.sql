-- The catalog's audit trail: one row per mutation (namespace, table and view changes, commits,
-- registrations, transactions), whatever its outcome, queried by admins through
-- GET /admin/v1/audit/events. Rows older than tollgate.catalog.audit.retention are swept.
CREATE TABLE audit_events (
    id          BIGSERIAL     PRIMARY KEY,
    occurred_at TIMESTAMPTZ   NOT NULL,
    tenant_id   VARCHAR(64)   NOT NULL,
    subject     VARCHAR(255)  NOT NULL,
    operation   VARCHAR(64)   NOT NULL,
    warehouse   VARCHAR(255)  NOT NULL,
    namespace   VARCHAR(255)  NOT NULL,
    table_name  VARCHAR(255)  NOT NULL,
    snapshot_id BIGINT,
    outcome     VARCHAR(16)   NOT NULL,
    request_id  VARCHAR(64)   NOT NULL,
    detail      VARCHAR(500)  NOT NULL
);

-- A tenant's events newest first (the admin API pages by id, filtered by time); the sweep by age.
CREATE INDEX audit_events_by_tenant ON audit_events (tenant_id, id DESC);
CREATE INDEX audit_events_by_time ON audit_events (occurred_at);
