-- Prepares a shared PostgreSQL database for Tollgate's SHARED_RLS isolation mode.
-- Run it once per shared database as a superuser (or the database owner). It is idempotent.
--
-- flight-service binds the tenant for every transaction with
--   set_config('tollgate.tenant_id', '<tenant>', true)
-- and every protected table carries a policy that compares its tenant column with
-- tollgate.current_tenant(). When nothing is bound the function returns NULL, and a comparison with
-- NULL is never true: no context, no rows (fail closed).

CREATE SCHEMA IF NOT EXISTS tollgate;
REVOKE ALL ON SCHEMA tollgate FROM PUBLIC;
GRANT USAGE ON SCHEMA tollgate TO PUBLIC;

-- The tenant bound to the current transaction, or NULL when none is.
CREATE OR REPLACE FUNCTION tollgate.current_tenant() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT NULLIF(current_setting('tollgate.tenant_id', true), '') $$;

-- Protects a table: row-level security enabled and forced (so the owner is filtered too), with one
-- policy that shows and accepts only the bound tenant's rows.
CREATE OR REPLACE FUNCTION tollgate.protect(target regclass, tenant_column name DEFAULT 'tenant_id') RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('DROP POLICY IF EXISTS tollgate_tenant_isolation ON %s', target);
    EXECUTE format('CREATE POLICY tollgate_tenant_isolation ON %s USING (%I = tollgate.current_tenant()) '
                   'WITH CHECK (%I = tollgate.current_tenant())', target, tenant_column, tenant_column);
END
$$;
REVOKE ALL ON FUNCTION tollgate.protect(regclass, name) FROM PUBLIC;

-- Which tables are protected, for operators and for the registry's connectivity check.
CREATE OR REPLACE VIEW tollgate.protection_status AS
SELECT n.nspname            AS schema_name,
       c.relname            AS table_name,
       c.relrowsecurity     AS rls_enabled,
       c.relforcerowsecurity AS rls_forced,
       EXISTS (SELECT 1 FROM pg_policy p
               WHERE p.polrelid = c.oid AND p.polname = 'tollgate_tenant_isolation') AS tenant_policy
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tollgate', 'pg_toast');
GRANT SELECT ON tollgate.protection_status TO PUBLIC;
