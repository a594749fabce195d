-- Refresh tokens, rotated at every use. A family is what one password login started; each
-- refresh consumes the presented token and adds a new one to the family. Presenting a consumed
-- token again revokes the whole family and the access tokens issued with it.
CREATE TABLE refresh_families (
    family_id     uuid        PRIMARY KEY,
    account_id    bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    tenant_id     text        NOT NULL,
    subject       text        NOT NULL,
    scopes        text[]      NOT NULL,
    created_at    timestamptz NOT NULL,
    -- Absolute: rotation does not extend a family's life.
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text
);

CREATE INDEX refresh_families_subject_idx ON refresh_families (tenant_id, subject) WHERE revoked_at IS NULL;

CREATE TABLE refresh_tokens (
    -- SHA-256 of the token as handed out; the token itself is never stored.
    token_hash        bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    family_id         uuid        NOT NULL REFERENCES refresh_families (family_id) ON DELETE CASCADE,
    issued_at         timestamptz NOT NULL,
    consumed_at       timestamptz,
    -- The access token issued together with this refresh token, so that a family's revocation
    -- can revoke it too.
    access_jti        text        NOT NULL,
    access_expires_at timestamptz NOT NULL
);

CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
