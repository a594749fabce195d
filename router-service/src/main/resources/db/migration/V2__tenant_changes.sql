-- The registry's change log: one row per change, at the revision the change took. WatchTenants
-- replays it to clients that resume, and GET /admin/v1/tenants/{id}/history shows it.
CREATE TABLE tenant_changes (
    revision    bigint      PRIMARY KEY,
    tenant_id   text        COLLATE "C" NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('created', 'updated', 'status_changed', 'deleted')),
    -- clock_timestamp(), taken after the registry lock: later revisions never carry earlier times
    -- (unless the clock itself steps back), which keeps retention a prefix of the log.
    at          timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- The token subject of an admin write; 'bootstrap' or 'system:...' for the service's own.
    actor       text        NOT NULL,
    -- What changed, field by field, with secrets masked: never a password or a literal reference.
    description jsonb       NOT NULL CHECK (jsonb_typeof(description) = 'object')
);

-- History of one tenant, in order.
CREATE INDEX tenant_changes_tenant ON tenant_changes (tenant_id, revision);

-- The highest revision retention has removed from the log. A watcher that last saw an older
-- revision cannot be brought up to date change by change and gets a snapshot instead.
CREATE TABLE change_log_horizon (
    singleton      boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    purged_through bigint  NOT NULL
);
INSERT INTO change_log_horizon (purged_through) VALUES (0);

-- Tenants being deleted: refused by the data services at once, removed after the drain period.
ALTER TABLE tenants ADD COLUMN deletion_requested_at timestamptz;
ALTER TABLE tenants ADD CONSTRAINT tenants_deleting_since
    CHECK ((status = 'deleting') = (deletion_requested_at IS NOT NULL));

-- Tenants written before the log existed get one 'created' entry at their current revision, so
-- that a watcher resuming from any revision still learns of every tenant.
INSERT INTO tenant_changes (revision, tenant_id, kind, at, actor, description)
SELECT revision, id, 'created', updated_at, 'migration', '{}'::jsonb FROM tenants;
