-- Prepares a shared PostgreSQL database for Tollgate's SHARED_RLS isolation mode.
-- Run it once per shared database as a superuser. It is idempotent.
--
-- Who a row belongs to is decided by the login, not by anything a session can set: every tenant
-- reaches the shared database as login roles of its own (NOSUPERUSER, NOBYPASSRLS), one per access
-- class (reader, writer, admin), registered here with tollgate.register_tenant_login().
-- tollgate.current_tenant() maps session_user — which
-- SET ROLE, RESET, set_config and DISCARD cannot change, and SET SESSION AUTHORIZATION needs a
-- superuser to change — to that tenant. A login that is not registered maps to NULL, and a policy
-- comparison with NULL is never true: no registration, no rows (fail closed).

CREATE SCHEMA IF NOT EXISTS tollgate;
REVOKE ALL ON SCHEMA tollgate FROM PUBLIC;
GRANT USAGE ON SCHEMA tollgate TO PUBLIC;
-- Tenants create no objects of their own in the shared schema (views, functions that could shadow).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- Nor temporary ones: a temporary table or function could shadow a shared one for the session.
DO $$ BEGIN
    EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END $$;
-- No procedural language for tenants: no DO blocks, no functions with dynamic SQL, so that every
-- statement a tenant runs here is one the gateway saw (and classified). Functions owned by a
-- superuser (those of this setup) still run.
REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;

-- Which login role speaks for which tenant, and for which access class. Several logins (one per
-- class) map to one tenant; one login maps to one tenant only. Readable by its owner only.
CREATE TABLE IF NOT EXISTS tollgate.tenant_roles (
    role_name    name PRIMARY KEY,
    tenant_id    text NOT NULL
        CHECK (tenant_id ~ '^[a-z](-?[a-z0-9])*$' AND length(tenant_id) <= 63),
    access_class text NOT NULL DEFAULT 'admin' CHECK (access_class IN ('reader', 'writer', 'admin'))
);
-- Databases set up before logins per access class: one login per tenant (UNIQUE), which every
-- class used. It stays registered, as the tenant's admin login.
ALTER TABLE tollgate.tenant_roles DROP CONSTRAINT IF EXISTS tenant_roles_tenant_id_key;
ALTER TABLE tollgate.tenant_roles ADD COLUMN IF NOT EXISTS access_class text NOT NULL DEFAULT 'admin';
ALTER TABLE tollgate.tenant_roles DROP CONSTRAINT IF EXISTS tenant_roles_access_class_check;
ALTER TABLE tollgate.tenant_roles ADD CONSTRAINT tenant_roles_access_class_check
    CHECK (access_class IN ('reader', 'writer', 'admin'));
CREATE INDEX IF NOT EXISTS tenant_roles_tenant ON tollgate.tenant_roles (tenant_id);
REVOKE ALL ON tollgate.tenant_roles FROM PUBLIC;

-- The tenant of the current login, or NULL. SECURITY DEFINER so that tenants can use it without
-- reading the mapping; a fixed search_path so that nothing a session sets can redirect it.
CREATE OR REPLACE FUNCTION tollgate.current_tenant() RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SECURITY DEFINER
    SET search_path = pg_catalog
AS $$ SELECT r.tenant_id FROM tollgate.tenant_roles r WHERE r.role_name = session_user $$;
GRANT EXECUTE ON FUNCTION tollgate.current_tenant() TO PUBLIC;

-- What an access class may do to the rows of a protected table. No class gets TRUNCATE (it ignores
-- row-level security and would empty every tenant's rows), REFERENCES or TRIGGER.
CREATE OR REPLACE FUNCTION tollgate.class_privileges(access_class text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog
AS $$ SELECT CASE access_class WHEN 'reader' THEN 'SELECT' ELSE 'SELECT, INSERT, UPDATE, DELETE' END $$;
REVOKE ALL ON FUNCTION tollgate.class_privileges(text) FROM PUBLIC;

-- Grants one login what its class may do on one table, and the use of the table's own sequences
-- (serial and identity columns) to the classes that insert. Anything else it held there goes.
CREATE OR REPLACE FUNCTION tollgate.grant_login_access(target regclass, login name, access_class text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    sequence regclass;
BEGIN
    EXECUTE format('REVOKE ALL ON %s FROM %I', target, login);
    EXECUTE format('GRANT %s ON %s TO %I', tollgate.class_privileges(access_class), target, login);
    FOR sequence IN
        SELECT d.objid::regclass FROM pg_depend d JOIN pg_class s ON s.oid = d.objid
        WHERE d.refobjid = target AND d.classid = 'pg_class'::regclass AND s.relkind = 'S'
          AND d.deptype IN ('a', 'i')
    LOOP
        EXECUTE format('REVOKE ALL ON SEQUENCE %s FROM %I', sequence, login);
        IF access_class <> 'reader' THEN
            EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', sequence, login);
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION tollgate.grant_login_access(regclass, name, text) FROM PUBLIC;

-- Grants every registered tenant login what its class may do on a table: readers SELECT, writers
-- and admins SELECT, INSERT, UPDATE, DELETE. Only a protected table (tollgate.protect): granting a
-- shared table that row-level security does not filter would show every tenant's rows.
CREATE OR REPLACE FUNCTION tollgate.grant_tenant_access(target regclass) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    registered record;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = target AND c.relrowsecurity AND c.relforcerowsecurity
                   AND EXISTS (SELECT 1 FROM pg_policy p
                               WHERE p.polrelid = c.oid AND p.polname = 'tollgate_tenant_isolation')) THEN
        RAISE EXCEPTION 'table % is not protected: run tollgate.protect first', target;
    END IF;
    FOR registered IN SELECT r.role_name, r.access_class FROM tollgate.tenant_roles r ORDER BY r.role_name LOOP
        PERFORM tollgate.grant_login_access(target, registered.role_name, registered.access_class);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION tollgate.grant_tenant_access(regclass) FROM PUBLIC;

-- Registers (or moves) one of a tenant's logins, for an access class: it may connect, but create
-- nothing (no CREATE on the database, no TEMPORARY), and gets its class's privileges on every
-- protected table at once. Refuses roles that would bypass row-level security.
CREATE OR REPLACE FUNCTION tollgate.register_tenant_login(tenant text, login name, access_class text) RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog
AS $$
DECLARE
    target regclass;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        RAISE EXCEPTION 'role % does not exist', login;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login AND (rolsuper OR rolbypassrls)) THEN
        RAISE EXCEPTION 'role % must be neither superuser nor BYPASSRLS', login;
    END IF;
    IF access_class IS NULL OR access_class NOT IN ('reader', 'writer', 'admin') THEN
        RAISE EXCEPTION 'access class must be reader, writer or admin';
    END IF;
    INSERT INTO tollgate.tenant_roles (role_name, tenant_id, access_class) VALUES (login, tenant, access_class)
    ON CONFLICT (role_name) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, access_class = EXCLUDED.access_class;
    EXECUTE format('REVOKE CREATE, TEMPORARY ON DATABASE %I FROM %I', current_database(), login);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
    FOR target IN
        SELECT c.oid::regclass FROM pg_class c
        WHERE c.relkind IN ('r', 'p') AND c.relrowsecurity AND c.relforcerowsecurity
          AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tollgate_tenant_isolation')
    LOOP
        PERFORM tollgate.grant_login_access(target, login, access_class);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION tollgate.register_tenant_login(text, name, text) FROM PUBLIC;

-- Registers (or moves) a tenant's login for every class (the form before logins per access
-- class): it is registered as the tenant's admin login. Kept so that existing scripts still work.
CREATE OR REPLACE FUNCTION tollgate.register_tenant_role(tenant text, login name) RETURNS void
    LANGUAGE sql
AS $$ SELECT tollgate.register_tenant_login(tenant, login, 'admin') $$;
REVOKE ALL ON FUNCTION tollgate.register_tenant_role(text, name) FROM PUBLIC;

-- Protects a table: row-level security enabled and forced (so the owner is filtered too), with one
-- policy that shows and accepts only the current tenant's rows. The tenant is computed once per
-- query (an InitPlan), not once per row.
CREATE OR REPLACE FUNCTION tollgate.protect(target regclass, tenant_column name DEFAULT 'tenant_id') RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('DROP POLICY IF EXISTS tollgate_tenant_isolation ON %s', target);
    EXECUTE format('CREATE POLICY tollgate_tenant_isolation ON %s USING (%I = (SELECT tollgate.current_tenant())) '
                   'WITH CHECK (%I = (SELECT tollgate.current_tenant()))', target, tenant_column, tenant_column);
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

-- Side channels (below)
-- What a tenant's login may read about the shared database beyond its own rows. Row-level security
-- filters rows, not the catalog: sizes, row counts, statistics and other sessions would describe
-- other tenants' data. The platform's own logins (superusers) are not affected; views the setup
-- owns (information_schema, pg_tables, tollgate.protection_status) keep working, as they read the
-- catalog with their owner's rights. pg_stats and pg_stats_ext already hide tables under RLS.

-- Row estimates and page counts of every table (reltuples, relpages, ...): every other column of
-- pg_class stays readable, so metadata queries that name their columns keep working.
DO $$
DECLARE
    readable text;
BEGIN
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO readable
    FROM pg_catalog.pg_attribute
    WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0 AND NOT attisdropped
      AND attname NOT IN ('reltuples', 'relpages', 'relallvisible', 'relallfrozen');
    EXECUTE 'REVOKE SELECT ON pg_catalog.pg_class FROM PUBLIC';
    EXECUTE format('GRANT SELECT (%s) ON pg_catalog.pg_class TO PUBLIC', readable);
END
$$;

-- Activity and statistics views (live and dead tuple counts, scans, other tenants' sessions and
-- their locks), other databases and roles.
DO $$
DECLARE
    target record;
BEGIN
    FOR target IN
        SELECT c.oid::regclass AS name FROM pg_catalog.pg_class c
        WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind IN ('v', 'r')
          AND (c.relname LIKE 'pg\_stat\_%' OR c.relname LIKE 'pg\_statio\_%'
               OR c.relname IN ('pg_locks', 'pg_database', 'pg_roles', 'pg_user', 'pg_auth_members',
                                'pg_prepared_xacts', 'pg_replication_origin_status', 'pg_db_role_setting'))
          AND c.relname NOT IN ('pg_stats', 'pg_stats_ext', 'pg_stats_ext_exprs', 'pg_statistic_ext')
    LOOP
        EXECUTE format('REVOKE SELECT ON %s FROM PUBLIC', target.name);
    END LOOP;
    -- The functions behind those views, and sizes of relations and databases.
    FOR target IN
        SELECT p.oid::regprocedure AS name FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::regnamespace
          AND (p.proname LIKE 'pg\_stat\_get\_%' OR p.proname IN ('pg_relation_size', 'pg_table_size',
               'pg_indexes_size', 'pg_total_relation_size', 'pg_database_size', 'pg_tablespace_size',
               'pg_lock_status', 'pg_blocking_pids', 'pg_safe_snapshot_blocking_pids'))
    LOOP
        EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', target.name);
    END LOOP;
END
$$;

-- A login's own attributes, for the registry's connectivity check now that pg_roles is closed.
CREATE OR REPLACE VIEW tollgate.login_attributes AS
SELECT r.rolname, r.rolsuper, r.rolbypassrls FROM pg_catalog.pg_roles r WHERE r.rolname = current_user;
GRANT SELECT ON tollgate.login_attributes TO PUBLIC;
