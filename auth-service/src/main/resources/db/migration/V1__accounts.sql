CREATE TABLE accounts (
    id            bigserial   PRIMARY KEY,
    tenant_id     text        NOT NULL,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    roles         text[]      NOT NULL,
    status        text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- An account's name is unique within its tenant only; logins look it up by both.
    CONSTRAINT accounts_tenant_name_key UNIQUE (tenant_id, name)
);
