-- The first answer to each mutation sent with an Idempotency-Key (docs/catalog.md, "ETag and
-- idempotency"), kept until it expires so that a retry gets it again from any replica. A key belongs
-- to one tenant's subject: another tenant or user sending the same key is another row. While the
-- first request runs, status is null (in flight).
CREATE TABLE idempotency_keys (
    tenant_id       VARCHAR(255) NOT NULL,
    subject         VARCHAR(255) NOT NULL,
    idempotency_key UUID         NOT NULL,
    -- SHA-256 (hex) of the request's method and path: the key may not be reused for another operation.
    operation       CHAR(64)     NOT NULL,
    status          INTEGER,
    content_type    VARCHAR(255),
    body            TEXT,
    started_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, subject, idempotency_key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
