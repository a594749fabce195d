package io.tollgate.router.service.bootstrap;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.TenantIds;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.ContextSource;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Upstreams;
import io.tollgate.router.domain.Warehouse;
import io.tollgate.router.service.CredentialsResolver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a bootstrap file field by field and turns it into tenant definitions. Every problem is
 * reported with its path (e.g. {@code tenants[1].isolationMode}) so that an operator can fix the
 * file from the start-up error alone. Values are echoed only where they cannot be secrets.
 */
final class BootstrapFileValidator {
    private static final String JDBC_PREFIX = "jdbc:postgresql://";
    // PostgreSQL accepts any dotted name as a custom setting; we keep to plain identifiers.
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+");

    private final List<String> errors = new ArrayList<>();

    private BootstrapFileValidator() {
    }

    /** The tenants the file describes, or an exception listing every bad field. */
    static List<TenantDefinition> validate(BootstrapFileJson.File file) {
        BootstrapFileValidator validator = new BootstrapFileValidator();
        List<TenantDefinition> tenants = validator.tenants(file);
        if (!validator.errors.isEmpty()) {
            throw new BootstrapFileException(String.join("; ", validator.errors));
        }
        return tenants;
    }

    private List<TenantDefinition> tenants(BootstrapFileJson.File file) {
        if (file == null || file.tenants() == null) {
            errors.add("tenants: required (a list, possibly empty)");
            return List.of();
        }
        List<TenantDefinition> tenants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.tenants().size(); i++) {
            String path = "tenants[" + i + "]";
            BootstrapFileJson.Tenant tenant = file.tenants().get(i);
            if (tenant == null) {
                errors.add(path + ": must be an object");
                continue;
            }
            TenantDefinition definition = tenant(path, tenant);
            if (definition == null) {
                continue;
            }
            if (!seen.add(definition.id())) {
                errors.add(path + ".id: duplicate tenant id '" + definition.id() + "'");
                continue;
            }
            tenants.add(definition);
        }
        return tenants;
    }

    private TenantDefinition tenant(String path, BootstrapFileJson.Tenant tenant) {
        int errorsBefore = errors.size();
        String id = id(path + ".id", tenant.id());
        String displayName = tenant.displayName() == null ? id : nonBlank(path + ".displayName", tenant.displayName());
        TenantStatus status = tenant.status() == null ? TenantStatus.ACTIVE : status(path + ".status", tenant.status());
        IsolationMode isolationMode = isolationMode(path + ".isolationMode", tenant.isolationMode());
        String jdbcUrl = jdbcUrl(path + ".jdbcUrl", tenant.jdbcUrl());
        String username = nonBlank(path + ".username", tenant.username());
        String password = present(path + ".password", tenant.password());
        ClassLogins logins = logins(path + ".logins", tenant.logins());
        Map<String, String> labels = labels(path + ".labels", tenant.labels());
        List<ContextVariable> contextVariables = contextVariables(path + ".contextVariables", tenant.contextVariables());
        Quotas quotas = quotas(path + ".quotas", tenant.quotas());
        PoolLimits pool = pool(path + ".pool", tenant.pool());
        Warehouse warehouse = warehouse(path + ".warehouse", tenant.warehouse());
        List<Upstream> upstreams = tenant.upstreams() == null ? List.of() : Upstreams.validate(tenant.upstreams().stream()
                .map(u -> u == null ? null : new Upstreams.Candidate(u.name(), u.url())).toList(),
                path + ".upstreams", errors);
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new TenantDefinition(
                id,
                displayName,
                status,
                labels,
                new SqlBackend(jdbcUrl, isolationMode,
                        new CredentialsRef(username, CredentialsResolver.literalRef(password)), pool, logins),
                contextVariables,
                quotas,
                warehouse,
                upstreams);
    }

    private String id(String path, @Nullable String id) {
        if (id == null) {
            errors.add(path + ": required");
            return null;
        }
        if (!TenantIds.isValid(id)) {
            errors.add(path + ": '" + id + "' is not a valid tenant id (lowercase letters, digits and single"
                    + " hyphens, starting with a letter, at most 63 characters)");
            return null;
        }
        return id;
    }

    private TenantStatus status(String path, String status) {
        for (TenantStatus candidate : TenantStatus.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(status)) {
                return candidate;
            }
        }
        errors.add(path + ": '" + status + "' is not one of " + Arrays.stream(TenantStatus.values())
                .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return null;
    }

    private IsolationMode isolationMode(String path, @Nullable String mode) {
        String allowed = Arrays.stream(IsolationMode.values()).map(Enum::name).collect(Collectors.joining(", "));
        if (mode == null) {
            errors.add(path + ": required (one of " + allowed + ")");
            return null;
        }
        for (IsolationMode candidate : IsolationMode.values()) {
            if (candidate.name().equals(mode)) {
                return candidate;
            }
        }
        errors.add(path + ": '" + mode + "' is not one of " + allowed);
        return null;
    }

    // The URL is not echoed: it may carry a password parameter.
    private String jdbcUrl(String path, @Nullable String url) {
        if (url == null) {
            errors.add(path + ": required");
            return null;
        }
        if (!url.startsWith(JDBC_PREFIX) || url.length() == JDBC_PREFIX.length()) {
            errors.add(path + ": must start with " + JDBC_PREFIX + " and name a host");
            return null;
        }
        return url;
    }

    private Map<String, String> labels(String path, @Nullable Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        labels.forEach((key, value) -> {
            if (key.isBlank()) {
                errors.add(path + ": label keys must not be blank");
            } else if (value == null) {
                errors.add(path + "." + key + ": must be a string");
            }
        });
        return labels.entrySet().stream()
                .filter(e -> !e.getKey().isBlank() && e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private List<ContextVariable> contextVariables(String path, @Nullable List<BootstrapFileJson.ContextVariable> variables) {
        if (variables == null) {
            return ContextVariable.DEFAULTS;
        }
        List<ContextVariable> result = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            String itemPath = path + "[" + i + "]";
            BootstrapFileJson.ContextVariable variable = variables.get(i);
            if (variable == null) {
                errors.add(itemPath + ": must be an object");
                continue;
            }
            ContextVariable valid = contextVariable(itemPath, variable);
            if (valid != null) {
                result.add(valid);
            }
        }
        return result;
    }

    private ContextVariable contextVariable(String path, BootstrapFileJson.ContextVariable variable) {
        String name = variable.name();
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            errors.add(path + ".name: must be a dotted setting name such as tollgate.tenant_id");
            name = null;
        }
        ContextSource source = contextSource(path + ".source", variable.source());
        if (source == ContextSource.CLAIM && (variable.claim() == null || variable.claim().isBlank())) {
            errors.add(path + ".claim: required when source is CLAIM");
            return null;
        }
        if (source != null && source != ContextSource.CLAIM && variable.claim() != null) {
            errors.add(path + ".claim: only allowed when source is CLAIM");
            return null;
        }
        return name == null || source == null ? null : new ContextVariable(name, source, variable.claim());
    }

    private ContextSource contextSource(String path, @Nullable String source) {
        String allowed = Arrays.stream(ContextSource.values()).map(Enum::name).collect(Collectors.joining(", "));
        for (ContextSource candidate : ContextSource.values()) {
            if (candidate.name().equals(source)) {
                return candidate;
            }
        }
        errors.add(path + ": " + (source == null ? "required" : "'" + source + "' is not") + " one of " + allowed);
        return null;
    }

    private Quotas quotas(String path, @Nullable BootstrapFileJson.Quotas quotas) {
        if (quotas == null) {
            return Quotas.SERVICE_DEFAULTS;
        }
        return new Quotas(
                (int) notNegative(path + ".maxConcurrentQueries", quotas.maxConcurrentQueries()),
                notNegative(path + ".statementTimeoutMs", quotas.statementTimeoutMs()),
                notNegative(path + ".maxResultRows", quotas.maxResultRows()),
                notNegative(path + ".maxResultBytes", quotas.maxResultBytes()));
    }

    private PoolLimits pool(String path, @Nullable BootstrapFileJson.Pool pool) {
        if (pool == null) {
            return PoolLimits.DEFAULTS;
        }
        PoolLimits defaults = PoolLimits.DEFAULTS;
        int maxConnections = pool.maxConnections() == null ? defaults.maxConnections() : pool.maxConnections();
        int minIdle = pool.minIdle() == null ? defaults.minIdle() : pool.minIdle();
        long timeout = pool.connectionTimeoutMs() == null ? defaults.connectionTimeoutMs() : pool.connectionTimeoutMs();
        if (maxConnections < 1) {
            errors.add(path + ".maxConnections: must be at least 1");
        }
        if (minIdle < 0 || minIdle > maxConnections) {
            errors.add(path + ".minIdle: must be between 0 and maxConnections");
        }
        if (timeout < 1) {
            errors.add(path + ".connectionTimeoutMs: must be positive");
        }
        return new PoolLimits(maxConnections, minIdle, timeout);
    }

    private Warehouse warehouse(String path, @Nullable BootstrapFileJson.Warehouse warehouse) {
        if (warehouse == null) {
            return null;
        }
        String name = nonBlank(path + ".name", warehouse.name());
        String location = nonBlank(path + ".location", warehouse.location());
        return name == null || location == null ? null : new Warehouse(name, location);
    }

    private long notNegative(String path, @Nullable Number value) {
        if (value == null) {
            return 0;
        }
        if (value.longValue() < 0) {
            errors.add(path + ": must not be negative (0 means the service default)");
            return 0;
        }
        return value.longValue();
    }

    private ClassLogins logins(String path, @Nullable BootstrapFileJson.Logins logins) {
        if (logins == null) {
            return ClassLogins.NONE;
        }
        return new ClassLogins(login(path + ".reader", logins.reader()), login(path + ".writer", logins.writer()));
    }

    private CredentialsRef login(String path, @Nullable BootstrapFileJson.Login login) {
        if (login == null) {
            return null;
        }
        String username = nonBlank(path + ".username", login.username());
        String password = present(path + ".password", login.password());
        return username == null || password == null ? null
                : new CredentialsRef(username, CredentialsResolver.literalRef(password));
    }

    private String nonBlank(String path, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(path + ": required");
            return null;
        }
        return value;
    }

    private String present(String path, @Nullable String value) {
        if (value == null) {
            errors.add(path + ": required");
        }
        return value;
    }
}
