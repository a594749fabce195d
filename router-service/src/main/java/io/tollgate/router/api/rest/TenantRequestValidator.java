package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.tenant.TenantIds;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.ContextSource;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Upstreams;
import io.tollgate.router.domain.Warehouse;
import io.tollgate.router.service.CredentialsResolver;
import io.tollgate.router.service.InvalidTenantException;
import io.tollgate.router.service.InvalidTenantException.FieldError;
import io.tollgate.router.service.KeptFromStored;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a tenant request field by field and turns it into a definition, or reports every bad
 * field with its path (e.g. {@code sqlBackend.jdbcUrl}). Values are echoed only where they cannot
 * be secrets (never a password, a reference or a URL).
 */
final class TenantRequestValidator {
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_LABELS = 64;
    private static final int MAX_LABEL_VALUE = 256;
    private static final int MAX_DISPLAY_NAME = 200;
    private static final int MAX_CONTEXT_VARIABLES = 32;

    /**
     * A valid definition.
     *
     * @param kept what a PUT left out, which the stored tenant supplies
     */
    record Validated(TenantDefinition definition, KeptFromStored kept) {
    }

    private final List<FieldError> errors = new ArrayList<>();
    // The classes whose password a PUT left out.
    private final Set<AccessClass> passwordsLeftOut = EnumSet.noneOf(AccessClass.class);

    private TenantRequestValidator() {
    }

    /** The tenant a POST asks for. */
    static Validated forCreate(@Nullable TenantRequest request) {
        TenantRequestValidator v = new TenantRequestValidator();
        return v.finish(v.tenant(request, null));
    }

    /** The tenant a PUT to {@code /tenants/{id}} asks for; its status is not the request's to set. */
    static Validated forReplace(String id, @Nullable TenantRequest request) {
        TenantRequestValidator v = new TenantRequestValidator();
        return v.finish(v.tenant(request, id));
    }

    private Validated finish(Validated validated) {
        if (!errors.isEmpty()) {
            throw new InvalidTenantException(errors);
        }
        return validated;
    }

    private Validated tenant(@Nullable TenantRequest request, @Nullable String pathId) {
        if (request == null) {
            error("body", "a tenant object is required");
            return null;
        }
        String id = pathId == null ? id(request.id()) : sameId(pathId, request.id());
        String displayName = displayName(request.displayName(), id);
        TenantStatus status = pathId == null ? status(request.status()) : noStatus(request.status());
        Map<String, String> labels = labels(request.labels());
        boolean replacing = pathId != null;
        SqlBackend backend = sqlBackend(request.sqlBackend(), replacing);
        List<ContextVariable> variables = contextVariables(request.contextVariables());
        Quotas quotas = quotas(request.quotas());
        Warehouse warehouse = warehouse(request.warehouse());
        List<Upstream> upstreams = upstreams(request.upstreams());
        if (!errors.isEmpty()) {
            return null;
        }
        return new Validated(new TenantDefinition(id, displayName, status, labels, backend, variables, quotas, warehouse,
                upstreams), new KeptFromStored(passwordsLeftOut,
                replacing && request.sqlBackend().logins() == null));
    }

    private String id(@Nullable String id) {
        if (id == null) {
            error("id", "required");
        } else if (!TenantIds.isValid(id)) {
            error("id", "must be a lowercase slug: letters, digits and single hyphens, starting with a letter,"
                    + " at most 63 characters");
        }
        return id;
    }

    private String sameId(String pathId, @Nullable String bodyId) {
        if (bodyId != null && !bodyId.equals(pathId)) {
            error("id", "does not match the tenant in the path; ids cannot be changed");
        }
        return pathId;
    }

    private String displayName(@Nullable String displayName, String id) {
        if (displayName == null) {
            return id == null ? "" : id;
        }
        if (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
            error("displayName", "must be 1 to " + MAX_DISPLAY_NAME + " characters, not only blanks");
        }
        return displayName;
    }

    private TenantStatus status(@Nullable String status) {
        if (status == null || status.equals("active")) {
            return TenantStatus.ACTIVE;
        }
        if (status.equals("suspended")) {
            return TenantStatus.SUSPENDED;
        }
        error("status", status.equals("deleting") ? "a tenant is deleted with DELETE, not created deleting"
                : "must be one of active, suspended");
        return TenantStatus.ACTIVE;
    }

    private TenantStatus noStatus(@Nullable String status) {
        if (status != null) {
            error("status", "cannot be set by PUT: use POST .../suspend, POST .../resume or DELETE");
        }
        // A placeholder: the writer keeps the tenant's current status.
        return TenantStatus.ACTIVE;
    }

    private Map<String, String> labels(@Nullable Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > MAX_LABELS) {
            error("labels", "at most " + MAX_LABELS + " labels");
        }
        labels.forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches()) {
                error("labels", "keys must be 1 to 63 letters, digits, '.', '_', '/' or '-', starting and ending"
                        + " with a letter or digit");
            } else if (value == null || value.length() > MAX_LABEL_VALUE) {
                error("labels." + key, "must be a string of at most " + MAX_LABEL_VALUE + " characters");
            }
        });
        return labels;
    }

    private SqlBackend sqlBackend(@Nullable TenantRequest.SqlBackend backend, boolean replacing) {
        if (backend == null) {
            error("sqlBackend", "required");
            return null;
        }
        String url = backend.jdbcUrl();
        if (url == null) {
            error("sqlBackend.jdbcUrl", "required");
        } else {
            try {
                JdbcUrl.parse(url);
            } catch (IllegalArgumentException e) {
                error("sqlBackend.jdbcUrl", e.getMessage());
            }
        }
        IsolationMode mode = isolationMode(backend.isolationMode());
        CredentialsRef credentials = credentials("sqlBackend.credentials", AccessClass.ADMIN, backend.credentials(),
                replacing);
        PoolLimits pool = pool(backend.pool());
        ClassLogins logins = logins(backend.logins(), replacing);
        if (credentials != null) {
            distinctLogins(credentials, logins);
        }
        if (url == null || mode == null || credentials == null) {
            return null;
        }
        return new SqlBackend(url, mode, credentials, pool, logins);
    }

    // A class left out runs as the owner login; on PUT, logins left out altogether are kept as stored.
    private ClassLogins logins(@Nullable TenantRequest.Logins logins, boolean replacing) {
        if (logins == null) {
            return ClassLogins.NONE;
        }
        CredentialsRef reader = logins.reader() == null ? null
                : credentials("sqlBackend.logins.reader", AccessClass.READER, logins.reader(), replacing);
        CredentialsRef writer = logins.writer() == null ? null
                : credentials("sqlBackend.logins.writer", AccessClass.WRITER, logins.writer(), replacing);
        return new ClassLogins(reader, writer);
    }

    // One PostgreSQL role has one password and one set of privileges: two classes naming it would
    // be one class in disguise. Sharing the owner login is said by leaving the class out.
    private void distinctLogins(CredentialsRef owner, ClassLogins logins) {
        CredentialsRef reader = logins.reader();
        CredentialsRef writer = logins.writer();
        String distinct = "must be a login of its own, not another class's (leave the class out to run it as the"
                + " owner login)";
        if (reader != null && (reader.username().equals(owner.username())
                || writer != null && reader.username().equals(writer.username()))) {
            error("sqlBackend.logins.reader.username", distinct);
        }
        if (writer != null && writer.username().equals(owner.username())) {
            error("sqlBackend.logins.writer.username", distinct);
        }
    }

    private IsolationMode isolationMode(@Nullable String mode) {
        for (IsolationMode candidate : IsolationMode.values()) {
            if (candidate.name().equals(mode)) {
                return candidate;
            }
        }
        error("sqlBackend.isolationMode", mode == null ? "required (DEDICATED or SHARED_RLS)"
                : "must be one of DEDICATED, SHARED_RLS");
        return null;
    }

    private CredentialsRef credentials(String path, AccessClass accessClass,
                                       @Nullable TenantRequest.Credentials credentials, boolean replacing) {
        if (credentials == null) {
            error(path, "required: {username, password or passwordRef}");
            return null;
        }
        String username = credentials.username();
        if (username == null) {
            error(path + ".username", "required");
        } else if (!ROLE_NAME.matcher(username).matches()) {
            error(path + ".username", "must be a PostgreSQL role name: a letter or '_', then letters, digits, '_'"
                    + " or '$', at most 63 characters");
        }
        String ref = null;
        if (credentials.password() != null && credentials.passwordRef() != null) {
            error(path, "give password or passwordRef, not both");
        } else if (credentials.password() != null) {
            if (credentials.password().isEmpty()) {
                error(path + ".password", "must not be empty");
            }
            ref = CredentialsResolver.literalRef(credentials.password());
        } else if (credentials.passwordRef() != null) {
            try {
                PasswordRef.parse(credentials.passwordRef());
                ref = credentials.passwordRef();
            } catch (IllegalArgumentException e) {
                error(path + ".passwordRef", e.getMessage());
            }
        } else if (replacing) {
            passwordsLeftOut.add(accessClass);
            // A placeholder: the writer keeps the tenant's current reference.
            ref = PasswordRef.LITERAL;
        } else {
            error(path + ".password", "required: password or passwordRef");
        }
        return username == null || ref == null ? null : new CredentialsRef(username, ref);
    }

    private PoolLimits pool(@Nullable TenantRequest.Pool pool) {
        PoolLimits defaults = PoolLimits.DEFAULTS;
        if (pool == null) {
            return defaults;
        }
        int maxConnections = pool.maxConnections() == null ? defaults.maxConnections() : pool.maxConnections();
        int minIdle = pool.minIdle() == null ? defaults.minIdle() : pool.minIdle();
        long timeout = pool.connectionTimeoutMs() == null ? defaults.connectionTimeoutMs() : pool.connectionTimeoutMs();
        if (maxConnections < 1) {
            error("sqlBackend.pool.maxConnections", "must be at least 1");
        }
        if (minIdle < 0 || minIdle > maxConnections) {
            error("sqlBackend.pool.minIdle", "must be between 0 and maxConnections");
        }
        if (timeout < 1) {
            error("sqlBackend.pool.connectionTimeoutMs", "must be positive");
        }
        return new PoolLimits(maxConnections, minIdle, timeout);
    }

    private List<ContextVariable> contextVariables(@Nullable List<TenantRequest.ContextVariable> variables) {
        if (variables == null) {
            return ContextVariable.DEFAULTS;
        }
        if (variables.size() > MAX_CONTEXT_VARIABLES) {
            error("contextVariables", "at most " + MAX_CONTEXT_VARIABLES + " variables");
        }
        List<ContextVariable> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variables.size(); i++) {
            String path = "contextVariables[" + i + "]";
            TenantRequest.ContextVariable variable = variables.get(i);
            if (variable == null) {
                error(path, "must be an object");
                continue;
            }
            ContextVariable valid = contextVariable(path, variable);
            if (valid != null && !names.add(valid.name())) {
                error(path + ".name", "duplicate variable " + valid.name());
            } else if (valid != null) {
                result.add(valid);
            }
        }
        return result;
    }

    private ContextVariable contextVariable(String path, TenantRequest.ContextVariable variable) {
        String name = variable.name();
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            error(path + ".name", "must be a dotted setting name such as tollgate.tenant_id");
            name = null;
        }
        ContextSource source = null;
        for (ContextSource candidate : ContextSource.values()) {
            if (candidate.name().equals(variable.source())) {
                source = candidate;
            }
        }
        if (source == null) {
            error(path + ".source", "must be one of TENANT_ID, SUBJECT, ROLES, CLAIM");
        } else if (source == ContextSource.CLAIM && (variable.claim() == null || variable.claim().isBlank())) {
            error(path + ".claim", "required when source is CLAIM");
            return null;
        } else if (source != ContextSource.CLAIM && variable.claim() != null) {
            error(path + ".claim", "only allowed when source is CLAIM");
            return null;
        }
        return name == null || source == null ? null : new ContextVariable(name, source, variable.claim());
    }

    private Quotas quotas(@Nullable TenantRequest.Quotas quotas) {
        if (quotas == null) {
            return Quotas.SERVICE_DEFAULTS;
        }
        long concurrent = notNegative("quotas.maxConcurrentQueries", quotas.maxConcurrentQueries());
        if (concurrent > Integer.MAX_VALUE) {
            error("quotas.maxConcurrentQueries", "must be at most " + Integer.MAX_VALUE);
            concurrent = 0;
        }
        return new Quotas((int) concurrent,
                notNegative("quotas.statementTimeoutMs", quotas.statementTimeoutMs()),
                notNegative("quotas.maxResultRows", quotas.maxResultRows()),
                notNegative("quotas.maxResultBytes", quotas.maxResultBytes()));
    }

    private Warehouse warehouse(@Nullable TenantRequest.Warehouse warehouse) {
        if (warehouse == null) {
            return null;
        }
        boolean ok = true;
        if (warehouse.name() == null || warehouse.name().isBlank()) {
            error("warehouse.name", "required");
            ok = false;
        }
        if (warehouse.location() == null || warehouse.location().isBlank()) {
            error("warehouse.location", "required");
            ok = false;
        }
        return ok ? new Warehouse(warehouse.name(), warehouse.location()) : null;
    }

    private List<Upstream> upstreams(@Nullable List<TenantRequest.Upstream> upstreams) {
        if (upstreams == null) {
            return List.of();
        }
        List<String> problems = new java.util.ArrayList<>();
        List<Upstream> valid = Upstreams.validate(upstreams.stream()
                .map(u -> u == null ? null : new Upstreams.Candidate(u.name(), u.url())).toList(), "upstreams", problems);
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            error(problem.substring(0, colon), problem.substring(colon + 2));
        }
        return valid;
    }

    private long notNegative(String path, @Nullable Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            error(path, "must not be negative (0 means the service default)");
            return 0;
        }
        return value;
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
