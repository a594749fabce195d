package io.tollgate.router.service;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.domain.S3Storage;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Warehouse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The change log's descriptions: which fields a change set or altered, by path, with every password
 * reference (the owner login's, each class login's, each warehouse's secret key's, each Spark Connect
 * upstream's backend token's) masked (a literal
 * one is the secret itself) and the JDBC URL redacted. Two literal secrets compare by value, so a
 * changed password shows as {@code literal:*** -> literal:***}.
 */
final class ChangeDescriber {
    private ChangeDescriber() {
    }

    /** {@code {"set": {field: value, ...}}}. */
    static Map<String, Object> created(TenantDefinition tenant) {
        return Map.of("set", shown(fields(tenant)));
    }

    /** {@code {"changed": {field: {"from": old, "to": new}, ...}}}; empty "changed" when nothing did. */
    static Map<String, Object> changed(TenantDefinition before, TenantDefinition after) {
        Map<String, Object> old = fields(before);
        Map<String, Object> now = fields(after);
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : now.entrySet()) {
            Object was = old.get(field.getKey());
            if (!Objects.equals(was, field.getValue())) {
                Map<String, Object> fromTo = new LinkedHashMap<>();
                fromTo.put("from", shown(field.getKey(), was));
                fromTo.put("to", shown(field.getKey(), field.getValue()));
                changed.put(field.getKey(), fromTo);
            }
        }
        return Map.of("changed", changed);
    }

    /** {@code {"removed": true, "deletionRequestedAt": ...}}. */
    static Map<String, Object> deleted(Tenant tenant) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("removed", true);
        description.put("deletionRequestedAt",
                tenant.deletionRequestedAt() == null ? null : tenant.deletionRequestedAt().toString());
        return description;
    }

    private static final String PASSWORD_REF = "sqlBackend.credentials.passwordRef";
    private static final String WAREHOUSES = "warehouses";
    private static final String SECRET_ACCESS_KEY_REF = "secretAccessKeyRef";
    private static final String UPSTREAMS = "upstreams";
    private static final String BACKEND_TOKEN_REF = "backendTokenRef";

    // Raw values, so that comparisons see a changed literal password.
    private static Map<String, Object> fields(TenantDefinition t) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("displayName", t.displayName());
        f.put("status", t.status().name().toLowerCase(Locale.ROOT));
        f.put("labels", new TreeMap<>(t.labels()));
        f.put("sqlBackend.jdbcUrl", t.sqlBackend().jdbcUrl());
        f.put("sqlBackend.isolationMode", t.sqlBackend().isolationMode().name());
        f.put("sqlBackend.credentials.username", t.sqlBackend().credentials().username());
        f.put(PASSWORD_REF, t.sqlBackend().credentials().passwordRef());
        for (AccessClass accessClass : new AccessClass[] {AccessClass.READER, AccessClass.WRITER}) {
            CredentialsRef login = accessClass == AccessClass.READER ? t.sqlBackend().logins().reader()
                    : t.sqlBackend().logins().writer();
            String path = "sqlBackend.logins." + accessClass.wireName();
            f.put(path + ".username", login == null ? null : login.username());
            f.put(path + ".passwordRef", login == null ? null : login.passwordRef());
        }
        f.put("sqlBackend.pool.maxConnections", t.sqlBackend().pool().maxConnections());
        f.put("sqlBackend.pool.minIdle", t.sqlBackend().pool().minIdle());
        f.put("sqlBackend.pool.connectionTimeoutMs", t.sqlBackend().pool().connectionTimeoutMs());
        f.put("contextVariables", contextVariables(t.contextVariables()));
        f.put("quotas.maxConcurrentQueries", t.quotas().maxConcurrentQueries());
        f.put("quotas.statementTimeoutMs", t.quotas().statementTimeoutMs());
        f.put("quotas.maxResultRows", t.quotas().maxResultRows());
        f.put("quotas.maxResultBytes", t.quotas().maxResultBytes());
        f.put("quotas.requestsPerSecond", t.quotas().requestsPerSecond());
        f.put("quotas.commitsPerMinute", t.quotas().commitsPerMinute());
        f.put("quotas.maxSparkSessions", t.quotas().maxSparkSessions());
        f.put("quotas.maxSparkOperations", t.quotas().maxSparkOperations());
        f.put("quotas.maxSparkArtifactBytes", t.quotas().maxSparkArtifactBytes());
        f.put(WAREHOUSES, warehouses(t.warehouses()));
        f.put(UPSTREAMS, upstreams(t.upstreams()));
        return f;
    }

    private static Map<String, Object> shown(Map<String, Object> fields) {
        Map<String, Object> shown = new LinkedHashMap<>();
        fields.forEach((field, value) -> shown.put(field, shown(field, value)));
        return shown;
    }

    @SuppressWarnings("unchecked")
    private static Object shown(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (field.endsWith(".passwordRef")) {
            return PasswordRef.mask((String) value);
        }
        if (field.equals(WAREHOUSES)) {
            return masked((List<Map<String, Object>>) value);
        }
        if (field.equals(UPSTREAMS)) {
            return maskedTokens((List<Map<String, Object>>) value);
        }
        if (field.equals("sqlBackend.jdbcUrl")) {
            return JdbcUrl.redact((String) value);
        }
        return value;
    }

    // Each warehouse in its admin API shape; the secret key's reference raw, so that a changed literal key
    // compares as changed.
    private static List<Map<String, Object>> warehouses(List<Warehouse> warehouses) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Warehouse w : warehouses) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("location", w.location());
            S3Storage s3 = w.storage();
            if (s3 != null) {
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("endpoint", s3.endpoint());
                settings.put("region", s3.region());
                settings.put("pathStyleAccess", s3.pathStyleAccess());
                settings.put("accessKeyId", s3.accessKeyId());
                settings.put(SECRET_ACCESS_KEY_REF, s3.secretAccessKeyRef());
                m.put("storage", Map.of("s3", settings));
            }
            list.add(m);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> masked(List<Map<String, Object>> warehouses) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> warehouse : warehouses) {
            Map<String, Object> copy = new LinkedHashMap<>(warehouse);
            if (warehouse.get("storage") instanceof Map<?, ?> storage && storage.get("s3") instanceof Map<?, ?> s3) {
                Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) s3);
                settings.put(SECRET_ACCESS_KEY_REF, PasswordRef.mask((String) settings.get(SECRET_ACCESS_KEY_REF)));
                copy.put("storage", Map.of("s3", settings));
            }
            shown.add(copy);
        }
        return shown;
    }

    // Each upstream in its admin API shape; the backend token's reference raw, so that a changed literal
    // token compares as changed.
    private static List<Map<String, Object>> upstreams(List<Upstream> upstreams) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Upstream u : upstreams) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("kind", u.kind().name());
            if (u.url() != null) {
                m.put("url", u.url());
            }
            SparkConnectBackends spark = u.sparkConnect();
            if (spark != null) {
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("endpoints", spark.endpoints());
                settings.put("endpointTemplate", spark.endpointTemplate());
                settings.put("tls", spark.tls());
                settings.put("caCertificatePem", spark.caCertificatePem());
                settings.put(BACKEND_TOKEN_REF, spark.backendTokenRef());
                m.put("sparkConnect", settings);
            }
            list.add(m);
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maskedTokens(List<Map<String, Object>> upstreams) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> upstream : upstreams) {
            Map<String, Object> copy = new LinkedHashMap<>(upstream);
            if (upstream.get("sparkConnect") instanceof Map<?, ?> spark && spark.get(BACKEND_TOKEN_REF) != null) {
                Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) spark);
                settings.put(BACKEND_TOKEN_REF, PasswordRef.mask((String) settings.get(BACKEND_TOKEN_REF)));
                copy.put("sparkConnect", settings);
            }
            shown.add(copy);
        }
        return shown;
    }

    private static List<Map<String, String>> contextVariables(List<ContextVariable> variables) {
        List<Map<String, String>> list = new ArrayList<>();
        for (ContextVariable v : variables) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("name", v.name());
            m.put("source", v.source().name());
            if (v.claim() != null) {
                m.put("claim", v.claim());
            }
            list.add(m);
        }
        return list;
    }
}
