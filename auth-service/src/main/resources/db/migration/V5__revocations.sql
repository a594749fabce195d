-- The revocation log, streamed to every token verifier by WatchRevocations. Writers take a
-- transaction-scoped advisory lock before inserting, so sequences are assigned and committed in
-- the same order: a reader that has seen sequence N has seen every entry below N.
CREATE TABLE revocations (
    sequence   bigserial   PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('token', 'subject', 'tenant')),
    -- The jti, the subject, or the tenant id.
    value      text        NOT NULL,
    -- The tenant concerned; unknown for a token revoked by its jti alone.
    tenant_id  text,
    revoked_at timestamptz NOT NULL,
    -- After this every token the entry covers has expired: for a jti the token's exp, for a
    -- subject or tenant revoked_at plus the longest access-token lifetime.
    expires_at timestamptz NOT NULL,
    reason     text        NOT NULL DEFAULT '',
    actor      text        NOT NULL,
    CHECK (kind <> 'subject' OR tenant_id IS NOT NULL),
    CHECK (kind <> 'tenant' OR tenant_id = value)
);

CREATE INDEX revocations_lookup_idx ON revocations (kind, value);
CREATE INDEX revocations_expires_idx ON revocations (expires_at);
