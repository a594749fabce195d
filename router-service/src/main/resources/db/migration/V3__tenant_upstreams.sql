-- Engines behind the gateway for a tenant (e.g. a Trino URL): a list of {name, url}.
ALTER TABLE tenants ADD COLUMN upstreams jsonb NOT NULL DEFAULT '[]';
