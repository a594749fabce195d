-- Service-client ids are namespaced by tenant: <name>@<tenant>, unique within the tenant, so that a
-- tenant admin whose chosen name is taken learns nothing about other tenants (before, ids were one
-- namespace across tenants and a taken id answered 409 wherever it was taken).
-- Existing clients keep the bare id they had as legacy_client_id, still accepted as the id of
-- client_credentials (so that deployed id:secret pairs keep working), and get <id>@<tenant> as their
-- id. Bare ids and namespaced ids cannot collide: a bare id has no '@'.
ALTER TABLE clients ADD COLUMN legacy_client_id text;

UPDATE clients
   SET legacy_client_id = client_id,
       client_id = client_id || '@' || tenant_id
 WHERE strpos(client_id, '@') = 0;

ALTER TABLE clients
    ADD CONSTRAINT clients_legacy_client_id_key UNIQUE (legacy_client_id),
    ADD CONSTRAINT clients_legacy_client_id_bare CHECK (strpos(legacy_client_id, '@') = 0),
    ADD CONSTRAINT clients_client_id_in_tenant CHECK (client_id = split_part(client_id, '@', 1) || '@' || tenant_id);
