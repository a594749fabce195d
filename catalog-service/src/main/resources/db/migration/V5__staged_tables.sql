-- Tables staged by a create (stage-create) whose first commit has not come yet (docs/catalog.md,
-- "Delegation"): the fresh directory the catalog chose for each, and who staged it, so that the
-- remote signer on any replica signs that caller's writes there before the table exists. A row goes
-- when the commit creates the table, or when it expires. A namespace is kept as its levels, each
-- form-encoded, joined by '/', so that no two namespaces share a spelling.
CREATE TABLE staged_tables (
    catalog_name    VARCHAR(255)  NOT NULL,
    table_namespace TEXT          NOT NULL,
    table_name      TEXT          NOT NULL,
    location        VARCHAR(1000) NOT NULL,
    subject         TEXT          NOT NULL,
    staged_at       TIMESTAMPTZ   NOT NULL,
    expires_at      TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (catalog_name, location)
);

CREATE INDEX staged_tables_table ON staged_tables (catalog_name, table_namespace, table_name);
CREATE INDEX staged_tables_expiry ON staged_tables (expires_at);
