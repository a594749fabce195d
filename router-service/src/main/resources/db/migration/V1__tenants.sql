-- One sequence for the whole registry: every change takes the next value, so watchers can resume
-- from the last revision they saw, whichever tenant it belonged to.
CREATE SEQUENCE revision;

CREATE TABLE tenants (
    -- COLLATE "C": pages are ordered byte-wise whatever the database locale, and the primary key
    -- index serves the keyset pagination. The check mirrors TenantIds (a letter, then letters or
    -- digits with single inner hyphens, at most 63 characters).
    id                     text COLLATE "C" PRIMARY KEY
                           CHECK (id ~ '^[a-z](-?[a-z0-9])*$' AND length(id) <= 63),
    display_name           text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('active', 'suspended', 'deleting')),
    labels                 jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(labels) = 'object'),

    isolation_mode         text        NOT NULL CHECK (isolation_mode IN ('DEDICATED', 'SHARED_RLS')),
    jdbc_url               text        NOT NULL CHECK (jdbc_url LIKE 'jdbc:postgresql://%'),
    db_username            text        NOT NULL,
    -- A reference resolved when the route is served, never the secret itself by design: during
    -- development 'literal:<password>', later a Kubernetes Secret reference.
    db_password_ref        text        NOT NULL,
    -- [{"name": "...", "source": "TENANT_ID|SUBJECT|ROLES|CLAIM", "claim": "..."}]
    context_variables      jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(context_variables) = 'array'),

    max_connections        integer     NOT NULL DEFAULT 10   CHECK (max_connections > 0),
    min_idle               integer     NOT NULL DEFAULT 0    CHECK (min_idle >= 0 AND min_idle <= max_connections),
    connection_timeout_ms  bigint      NOT NULL DEFAULT 5000 CHECK (connection_timeout_ms > 0),

    -- 0 means the data service's default.
    max_concurrent_queries integer     NOT NULL DEFAULT 0 CHECK (max_concurrent_queries >= 0),
    statement_timeout_ms   bigint      NOT NULL DEFAULT 0 CHECK (statement_timeout_ms >= 0),
    max_result_rows        bigint      NOT NULL DEFAULT 0 CHECK (max_result_rows >= 0),
    max_result_bytes       bigint      NOT NULL DEFAULT 0 CHECK (max_result_bytes >= 0),

    warehouse_name         text,
    warehouse_location     text,
    CHECK ((warehouse_name IS NULL) = (warehouse_location IS NULL)),

    revision               bigint      NOT NULL UNIQUE,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);
