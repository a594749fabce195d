package io.tollgate.router.service.bootstrap;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.FieldProblems;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantRules;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Upstreams;
import io.tollgate.router.domain.Warehouse;
import io.tollgate.router.domain.Warehouses;
import io.tollgate.router.service.CredentialsResolver;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a bootstrap file into tenant definitions, checking every field by {@link TenantRules} (the
 * rules the admin API applies too). Every problem is reported with its path (e.g.
 * {@code tenants[1].isolationMode}) so that an operator can fix the file from the start-up error
 * alone. What is the file's own stays here: the list itself and its duplicate ids.
 */
final class BootstrapFileValidator {
    private final FieldProblems problems = new FieldProblems();
    private final TenantRules rules = new TenantRules(problems);

    private BootstrapFileValidator() {
    }

    /** The tenants the file describes, or an exception listing every bad field. */
    static List<TenantDefinition> validate(BootstrapFileJson.File file) {
        BootstrapFileValidator validator = new BootstrapFileValidator();
        List<TenantDefinition> tenants = validator.tenants(file);
        if (!validator.problems.isEmpty()) {
            throw new BootstrapFileException(validator.problems.all().stream()
                    .map(FieldProblems.FieldProblem::toString).collect(Collectors.joining("; ")));
        }
        return tenants;
    }

    private List<TenantDefinition> tenants(BootstrapFileJson.File file) {
        if (file == null || file.tenants() == null) {
            problems.add("tenants", "required (a list, possibly empty)");
            return List.of();
        }
        List<TenantDefinition> tenants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.tenants().size(); i++) {
            String path = "tenants[" + i + "]";
            BootstrapFileJson.Tenant tenant = file.tenants().get(i);
            if (tenant == null) {
                problems.add(path, "must be an object");
                continue;
            }
            TenantDefinition definition = tenant(path, tenant);
            if (definition == null) {
                continue;
            }
            if (!seen.add(definition.id())) {
                problems.add(path + ".id", "duplicate tenant id '" + definition.id() + "'");
                continue;
            }
            tenants.add(definition);
        }
        return tenants;
    }

    private TenantDefinition tenant(String path, BootstrapFileJson.Tenant tenant) {
        int problemsBefore = problems.count();
        String id = rules.id(path + ".id", tenant.id());
        String displayName = rules.displayName(path + ".displayName", tenant.displayName(), id);
        TenantStatus status = rules.status(path + ".status", tenant.status());
        IsolationMode isolationMode = rules.isolationMode(path + ".isolationMode", tenant.isolationMode());
        String jdbcUrl = rules.jdbcUrl(path + ".jdbcUrl", tenant.jdbcUrl());
        CredentialsRef owner = login(path, tenant.username(), tenant.password());
        ClassLogins logins = logins(path + ".logins", tenant.logins());
        rules.distinctLogins(path + ".logins", owner == null ? null : owner.username(),
                logins.reader() == null ? null : logins.reader().username(),
                logins.writer() == null ? null : logins.writer().username());
        Map<String, String> labels = rules.labels(path + ".labels", tenant.labels());
        List<ContextVariable> contextVariables = rules.contextVariables(path + ".contextVariables",
                tenant.contextVariables() == null ? null : tenant.contextVariables().stream().map(v -> v == null ? null
                        : new TenantRules.VariableCandidate(v.name(), v.source(), v.claim())).toList());
        Quotas quotas = quotas(path + ".quotas", tenant.quotas());
        BootstrapFileJson.Pool pool = tenant.pool();
        PoolLimits limits = pool == null ? PoolLimits.DEFAULTS
                : rules.pool(path + ".pool", pool.maxConnections(), pool.minIdle(), pool.connectionTimeoutMs());
        List<Warehouse> warehouses = rules.warehouses(path + ".warehouses", tenant.warehouses() == null ? null
                : tenant.warehouses().stream().map(BootstrapFileValidator::warehouse).toList());
        List<Upstream> upstreams = rules.upstreams(path + ".upstreams", tenant.upstreams() == null ? null
                : tenant.upstreams().stream().map(BootstrapFileValidator::upstream).toList());
        if (problems.count() > problemsBefore) {
            return null;
        }
        return new TenantDefinition(id, displayName, status, labels,
                new SqlBackend(jdbcUrl, isolationMode, owner, limits, logins),
                contextVariables, quotas, warehouses, upstreams);
    }

    private Quotas quotas(String path, @Nullable BootstrapFileJson.Quotas quotas) {
        if (quotas == null) {
            return Quotas.SERVICE_DEFAULTS;
        }
        Long concurrent = quotas.maxConcurrentQueries() == null ? null : quotas.maxConcurrentQueries().longValue();
        return rules.quotas(path, new TenantRules.QuotaCandidate(concurrent, quotas.statementTimeoutMs(),
                quotas.maxResultRows(), quotas.maxResultBytes(), quotas.requestsPerSecond(), quotas.commitsPerMinute(),
                quotas.maxSparkSessions(), quotas.maxSparkOperations(), quotas.maxSparkArtifactBytes()));
    }

    private static Upstreams.Candidate upstream(@Nullable BootstrapFileJson.Upstream u) {
        if (u == null) {
            return null;
        }
        BootstrapFileJson.SparkConnect spark = u.sparkConnect();
        return new Upstreams.Candidate(u.name(), u.kind(), u.url(), spark == null ? null
                : new Upstreams.SparkConnectCandidate(spark.endpoints(), spark.endpointTemplate(), spark.tls(),
                        spark.caCertificatePem(), spark.backendToken(), spark.backendTokenRef()));
    }

    private static Warehouses.Candidate warehouse(@Nullable BootstrapFileJson.Warehouse w) {
        if (w == null) {
            return null;
        }
        BootstrapFileJson.S3 s3 = w.storage() == null ? null : w.storage().s3();
        return new Warehouses.Candidate(w.name(), w.location(), w.storage() == null ? null
                : new Warehouses.StorageCandidate(s3 == null ? null : new Warehouses.S3Candidate(s3.endpoint(),
                        s3.region(), s3.pathStyleAccess(), s3.accessKeyId(), s3.secretAccessKey(),
                        s3.secretAccessKeyRef())));
    }

    private ClassLogins logins(String path, @Nullable BootstrapFileJson.Logins logins) {
        if (logins == null) {
            return ClassLogins.NONE;
        }
        return new ClassLogins(classLogin(path + ".reader", logins.reader()),
                classLogin(path + ".writer", logins.writer()));
    }

    private CredentialsRef classLogin(String path, @Nullable BootstrapFileJson.Login login) {
        return login == null ? null : login(path, login.username(), login.password());
    }

    // The file holds passwords themselves: each becomes a literal reference.
    private CredentialsRef login(String path, @Nullable String username, @Nullable String password) {
        String role = rules.roleName(path + ".username", username);
        String checked = rules.password(path + ".password", password);
        return role == null || checked == null ? null
                : new CredentialsRef(role, CredentialsResolver.literalRef(checked));
    }
}
