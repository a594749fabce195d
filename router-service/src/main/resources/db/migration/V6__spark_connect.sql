-- Spark Connect upstreams and quotas (issue #17).
--
-- upstreams keeps its shape for HTTP upstreams and gains a kind; an element without one was
-- written before kinds and is read as HTTP:
--   [{"name": "trino", "kind": "HTTP", "url": "https://..."},
--    {"name": "spark", "kind": "SPARK_CONNECT",
--     "sparkConnect": {"endpoints": ["host:port", ...] | "endpointTemplate": "spark-{user}.{tenant}-spark.svc:15002",
--                      "tls": false, "caCertificatePem": "...",
--                      "backendTokenRef": "secret:ns/name#key"}}]
-- A backend token is stored as a reference, like db_password_ref: never the Secret's value, except a
-- literal:<token> given during development.

-- 0 means connect-service's default.
ALTER TABLE tenants ADD COLUMN max_spark_sessions integer NOT NULL DEFAULT 0
    CONSTRAINT tenants_max_spark_sessions_not_negative CHECK (max_spark_sessions >= 0);
ALTER TABLE tenants ADD COLUMN max_spark_operations integer NOT NULL DEFAULT 0
    CONSTRAINT tenants_max_spark_operations_not_negative CHECK (max_spark_operations >= 0);
ALTER TABLE tenants ADD COLUMN max_spark_artifact_bytes bigint NOT NULL DEFAULT 0
    CONSTRAINT tenants_max_spark_artifact_bytes_not_negative CHECK (max_spark_artifact_bytes >= 0);
