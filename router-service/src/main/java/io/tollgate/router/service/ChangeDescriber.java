package io.tollgate.router.service;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The change log's descriptions: which fields a change set or altered, by path, with every password
 * reference (the owner login's and each class login's) masked (a literal one is a password) and the JDBC URL redacted. Two literal passwords
 * compare by value, so a changed password shows as {@code literal:*** -> literal:***}.
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
        f.put("warehouse.name", t.warehouse() == null ? null : t.warehouse().name());
        f.put("warehouse.location", t.warehouse() == null ? null : t.warehouse().location());
        return f;
    }

    private static Map<String, Object> shown(Map<String, Object> fields) {
        Map<String, Object> shown = new LinkedHashMap<>();
        fields.forEach((field, value) -> shown.put(field, shown(field, value)));
        return shown;
    }

    private static Object shown(String field, Object value) {
        if (value == null) {
            return null;
        }
        if (field.endsWith(".passwordRef")) {
            return PasswordRef.mask((String) value);
        }
        if (field.equals("sqlBackend.jdbcUrl")) {
            return JdbcUrl.redact((String) value);
        }
        return value;
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
