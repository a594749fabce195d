package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.tenant.TenantIds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one set of rules a tenant definition must meet, wherever it comes from: the admin API and
 * the bootstrap file both check each field here, so that they accept and refuse the same
 * definitions with the same messages. Each front end reads its own shape and says where each field
 * is ({@code field}, a path in its shape); a rule adds what is wrong to {@link FieldProblems} and
 * returns the checked value, or null (or a harmless default) when there is none.
 * <p>
 * Messages echo a value only when it cannot be a secret and is short (an id, an enum's name);
 * never a password, a password reference or a URL.
 */
public final class TenantRules {
    public static final int MAX_DISPLAY_NAME = 200;
    public static final int MAX_LABELS = 64;
    public static final int MAX_LABEL_VALUE = 256;
    public static final int MAX_CONTEXT_VARIABLES = 32;
    // PostgreSQL accepts any dotted name as a custom setting; we keep to plain identifiers.
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+");
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._/-]{0,61}[A-Za-z0-9])?");
    /** What may be quoted back: short, printable, no quote (so that no log line can be forged with it). */
    private static final Pattern ECHOABLE = Pattern.compile("[\\x20-\\x26\\x28-\\x7e]{1,64}");
    /** The statuses a definition may ask for: deleting is reached only by deleting. */
    private static final List<TenantStatus> REQUESTABLE = List.of(TenantStatus.ACTIVE, TenantStatus.SUSPENDED);

    private final FieldProblems problems;

    public TenantRules(FieldProblems problems) {
        this.problems = problems;
    }

    /** A context variable as given, not yet checked. */
    public record VariableCandidate(@Nullable String name, @Nullable String source, @Nullable String claim) {
    }

    public String id(String field, @Nullable String id) {
        if (id == null) {
            problems.add(field, "required");
            return null;
        }
        if (!TenantIds.isValid(id)) {
            problems.add(field, echo(id) + "is not a valid tenant id (lowercase letters, digits and single hyphens,"
                    + " starting with a letter, at most 63 characters)");
            return null;
        }
        if (PlatformTenant.is(id)) {
            // Platform administrators' tokens carry this tenant: a data plane under it would be
            // theirs across every tenant's policy. The data services never serve it either.
            problems.add(field, "is reserved for platform administrators");
            return null;
        }
        return id;
    }

    /** The display name, the id when none is given. */
    public String displayName(String field, @Nullable String displayName, @Nullable String id) {
        if (displayName == null) {
            return id == null ? "" : id;
        }
        if (displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME) {
            problems.add(field, "must be 1 to " + MAX_DISPLAY_NAME + " characters, not only blanks");
        }
        return displayName;
    }

    /** The status asked for, active when none is given. */
    public TenantStatus status(String field, @Nullable String status) {
        if (status == null) {
            return TenantStatus.ACTIVE;
        }
        for (TenantStatus candidate : REQUESTABLE) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(status)) {
                return candidate;
            }
        }
        problems.add(field, echo(status) + "is not one of " + REQUESTABLE.stream()
                .map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        return TenantStatus.ACTIVE;
    }

    public Map<String, String> labels(String field, @Nullable Map<String, String> labels) {
        if (labels == null) {
            return Map.of();
        }
        if (labels.size() > MAX_LABELS) {
            problems.add(field, "at most " + MAX_LABELS + " labels");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                problems.add(field, "keys must be 1 to 63 letters, digits, '.', '_', '/' or '-', starting and ending"
                        + " with a letter or digit");
            } else if (value == null || value.length() > MAX_LABEL_VALUE) {
                problems.add(field + "." + key, "must be a string of at most " + MAX_LABEL_VALUE + " characters");
            } else {
                valid.put(key, value);
            }
        });
        return valid;
    }

    // The URL is never echoed: it may carry a password someone put there.
    public String jdbcUrl(String field, @Nullable String url) {
        if (url == null) {
            problems.add(field, "required");
            return null;
        }
        try {
            JdbcUrl.parse(url);
            return url;
        } catch (IllegalArgumentException e) {
            problems.add(field, e.getMessage());
            return null;
        }
    }

    public IsolationMode isolationMode(String field, @Nullable String mode) {
        return oneOf(field, mode, IsolationMode.values());
    }

    /** A PostgreSQL login's name. */
    public String roleName(String field, @Nullable String username) {
        if (username == null) {
            problems.add(field, "required");
            return null;
        }
        if (!ROLE_NAME.matcher(username).matches()) {
            problems.add(field, "must be a PostgreSQL role name: a letter or '_', then letters, digits, '_'"
                    + " or '$', at most 63 characters");
            return null;
        }
        return username;
    }

    /** A literal password: required, and not empty. */
    public String password(String field, @Nullable String password) {
        if (password == null) {
            problems.add(field, "required");
            return null;
        }
        if (password.isEmpty()) {
            problems.add(field, "must not be empty");
            return null;
        }
        return password;
    }

    /**
     * One PostgreSQL role has one password and one set of privileges: two classes naming it would
     * be one class in disguise. Sharing the owner login is said by leaving the class out.
     *
     * @param field where the reader's and writer's logins are ({@code <field>.reader.username})
     */
    public void distinctLogins(String field, @Nullable String owner, @Nullable String reader, @Nullable String writer) {
        String distinct = "must be a login of its own, not another class's (leave the class out to run it as the"
                + " owner login)";
        if (reader != null && (reader.equals(owner) || reader.equals(writer))) {
            problems.add(field + ".reader.username", distinct);
        }
        if (writer != null && writer.equals(owner)) {
            problems.add(field + ".writer.username", distinct);
        }
    }

    /** The pool's bounds; each one left out is the default. */
    public PoolLimits pool(String field, @Nullable Integer maxConnections, @Nullable Integer minIdle,
                           @Nullable Long connectionTimeoutMs) {
        PoolLimits defaults = PoolLimits.DEFAULTS;
        int max = maxConnections == null ? defaults.maxConnections() : maxConnections;
        int idle = minIdle == null ? defaults.minIdle() : minIdle;
        long timeout = connectionTimeoutMs == null ? defaults.connectionTimeoutMs() : connectionTimeoutMs;
        if (max < 1) {
            problems.add(field + ".maxConnections", "must be at least 1");
        }
        if (idle < 0 || idle > max) {
            problems.add(field + ".minIdle", "must be between 0 and maxConnections");
        }
        if (timeout < 1) {
            problems.add(field + ".connectionTimeoutMs", "must be positive");
        }
        return new PoolLimits(max, idle, timeout);
    }

    /** The variables bound for each statement; the defaults when none are given. */
    public List<ContextVariable> contextVariables(String field, @Nullable List<VariableCandidate> variables) {
        if (variables == null) {
            return ContextVariable.DEFAULTS;
        }
        if (variables.size() > MAX_CONTEXT_VARIABLES) {
            problems.add(field, "at most " + MAX_CONTEXT_VARIABLES + " variables");
        }
        List<ContextVariable> result = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variables.size(); i++) {
            String path = field + "[" + i + "]";
            VariableCandidate variable = variables.get(i);
            if (variable == null) {
                problems.add(path, "must be an object");
                continue;
            }
            ContextVariable valid = contextVariable(path, variable);
            if (valid != null && !names.add(valid.name())) {
                problems.add(path + ".name", "duplicate variable " + valid.name());
            } else if (valid != null) {
                result.add(valid);
            }
        }
        return result;
    }

    private ContextVariable contextVariable(String path, VariableCandidate variable) {
        String name = variable.name();
        if (name == null || !SETTING_NAME.matcher(name).matches()) {
            problems.add(path + ".name", "must be a dotted setting name such as tollgate.tenant_id");
            name = null;
        }
        ContextSource source = oneOf(path + ".source", variable.source(), ContextSource.values());
        if (source == ContextSource.CLAIM && (variable.claim() == null || variable.claim().isBlank())) {
            problems.add(path + ".claim", "required when source is CLAIM");
            return null;
        }
        if (source != null && source != ContextSource.CLAIM && variable.claim() != null) {
            problems.add(path + ".claim", "only allowed when source is CLAIM");
            return null;
        }
        return name == null || source == null ? null : new ContextVariable(name, source, variable.claim());
    }

    /** The tenant's limits as given, each null when left out. */
    public record QuotaCandidate(@Nullable Long maxConcurrentQueries, @Nullable Long statementTimeoutMs,
                                 @Nullable Long maxResultRows, @Nullable Long maxResultBytes,
                                 @Nullable Long requestsPerSecond, @Nullable Long commitsPerMinute,
                                 @Nullable Long maxSparkSessions, @Nullable Long maxSparkOperations,
                                 @Nullable Long maxSparkArtifactBytes) {
    }

    /** The tenant's limits; each one left out, or zero, is the data service's default. */
    public Quotas quotas(String field, @Nullable QuotaCandidate quotas) {
        if (quotas == null) {
            return Quotas.SERVICE_DEFAULTS;
        }
        return new Quotas(intQuota(field + ".maxConcurrentQueries", quotas.maxConcurrentQueries()),
                notNegative(field + ".statementTimeoutMs", quotas.statementTimeoutMs()),
                notNegative(field + ".maxResultRows", quotas.maxResultRows()),
                notNegative(field + ".maxResultBytes", quotas.maxResultBytes()),
                intQuota(field + ".requestsPerSecond", quotas.requestsPerSecond()),
                intQuota(field + ".commitsPerMinute", quotas.commitsPerMinute()),
                intQuota(field + ".maxSparkSessions", quotas.maxSparkSessions()),
                intQuota(field + ".maxSparkOperations", quotas.maxSparkOperations()),
                notNegative(field + ".maxSparkArtifactBytes", quotas.maxSparkArtifactBytes()));
    }

    /** The tenant's warehouses, none when none are given; the first is a client's default. */
    public List<Warehouse> warehouses(String field, @Nullable List<Warehouses.Candidate> warehouses) {
        return warehouses == null ? List.of() : Warehouses.validate(warehouses, field, problems);
    }

    public List<Upstream> upstreams(String field, @Nullable List<Upstreams.Candidate> upstreams) {
        return upstreams == null ? List.of() : Upstreams.validate(upstreams, field, problems);
    }

    // The wire carries these as 32-bit integers.
    private int intQuota(String field, @Nullable Long value) {
        long checked = notNegative(field, value);
        if (checked > Integer.MAX_VALUE) {
            problems.add(field, "must be at most " + Integer.MAX_VALUE);
            return 0;
        }
        return (int) checked;
    }

    private long notNegative(String field, @Nullable Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            problems.add(field, "must not be negative (0 means the service default)");
            return 0;
        }
        return value;
    }

    private <E extends Enum<E>> E oneOf(String field, @Nullable String given, E[] values) {
        for (E candidate : values) {
            if (candidate.name().equals(given)) {
                return candidate;
            }
        }
        String allowed = Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "));
        problems.add(field, given == null ? "required (one of " + allowed + ")"
                : echo(given) + "is not one of " + allowed);
        return null;
    }

    // A short value the caller gave, quoted, to say which one is wrong; a long one is not repeated.
    private static String echo(String value) {
        return ECHOABLE.matcher(value).matches() ? "'" + value + "' " : "the value ";
    }
}
