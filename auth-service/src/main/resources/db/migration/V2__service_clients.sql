-- Service clients: machines that authenticate with a client id and secret (OAuth2
-- client_credentials). The secret is stored only as an Argon2id PHC hash, like passwords.
CREATE TABLE clients (
    id          bigserial   PRIMARY KEY,
    client_id   text        NOT NULL,
    tenant_id   text        NOT NULL,
    secret_hash text        NOT NULL,
    roles       text[]      NOT NULL,
    scopes      text[]      NOT NULL,
    status      text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- Unique across tenants: a client authenticates by its id alone, before any tenant is known.
    CONSTRAINT clients_client_id_key UNIQUE (client_id)
);
