-- Any number of warehouses per tenant, each with its storage settings, and request and commit
-- rates among the quotas (issue #15).
--
-- warehouses: [{"name": "...", "location": "file:///...|s3://bucket/prefix",
--               "storage": {"s3": {"endpoint": "", "region": "...", "pathStyleAccess": false,
--                                  "accessKeyId": "...", "secretAccessKeyRef": "secret:ns/name#key"}}}]
-- A secret key is stored as a reference, like db_password_ref: never the Secret's value, except a
-- literal:<key> given during development.
ALTER TABLE tenants ADD COLUMN warehouses jsonb NOT NULL DEFAULT '[]'
    CONSTRAINT tenants_warehouses_array CHECK (jsonb_typeof(warehouses) = 'array');

-- A tenant's one warehouse becomes the first (and only) of its list, as it was: no storage
-- settings, so the local filesystem.
UPDATE tenants
SET warehouses = jsonb_build_array(jsonb_build_object('name', warehouse_name, 'location', warehouse_location))
WHERE warehouse_name IS NOT NULL;

-- Contracting in the same step: the registry's replicas run one version (a replica of the
-- previous one reads these columns, so stop those before this migration runs).
ALTER TABLE tenants DROP COLUMN warehouse_name;
ALTER TABLE tenants DROP COLUMN warehouse_location;

-- 0 means the data service's default.
ALTER TABLE tenants ADD COLUMN requests_per_second integer NOT NULL DEFAULT 0
    CONSTRAINT tenants_requests_per_second_not_negative CHECK (requests_per_second >= 0);
ALTER TABLE tenants ADD COLUMN commits_per_minute  integer NOT NULL DEFAULT 0
    CONSTRAINT tenants_commits_per_minute_not_negative CHECK (commits_per_minute >= 0);
