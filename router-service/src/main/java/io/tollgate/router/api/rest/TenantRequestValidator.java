package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.FieldProblems;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PasswordRef;
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
import io.tollgate.router.service.InvalidTenantException;
import io.tollgate.router.service.InvalidTenantException.FieldError;
import io.tollgate.router.service.KeptFromStored;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tenant request into a definition, checking every field by {@link TenantRules} (the
 * rules the bootstrap file meets too), or reports every bad field with its path (e.g.
 * {@code sqlBackend.jdbcUrl}). What is the request's own stays here: a PUT's id and status, and
 * credentials given as a password reference or left out to keep the stored ones.
 */
final class TenantRequestValidator {

    /**
     * A valid definition.
     *
     * @param kept what a PUT left out, which the stored tenant supplies
     */
    record Validated(TenantDefinition definition, KeptFromStored kept) {
    }

    private final FieldProblems problems = new FieldProblems();
    private final TenantRules rules = new TenantRules(problems);
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
        if (!problems.isEmpty()) {
            throw new InvalidTenantException(problems.all().stream()
                    .map(p -> new FieldError(p.field(), p.message())).toList());
        }
        return validated;
    }

    private Validated tenant(@Nullable TenantRequest request, @Nullable String pathId) {
        if (request == null) {
            problems.add("body", "a tenant object is required");
            return null;
        }
        boolean replacing = pathId != null;
        String id = replacing ? sameId(pathId, request.id()) : rules.id("id", request.id());
        String displayName = rules.displayName("displayName", request.displayName(), id);
        TenantStatus status = replacing ? noStatus(request.status()) : rules.status("status", request.status());
        Map<String, String> labels = rules.labels("labels", request.labels());
        SqlBackend backend = sqlBackend(request.sqlBackend(), replacing);
        List<ContextVariable> variables = rules.contextVariables("contextVariables",
                request.contextVariables() == null ? null : request.contextVariables().stream().map(v -> v == null
                        ? null : new TenantRules.VariableCandidate(v.name(), v.source(), v.claim())).toList());
        TenantRequest.Quotas q = request.quotas();
        Quotas quotas = rules.quotas("quotas", q == null ? null : new TenantRules.QuotaCandidate(
                q.maxConcurrentQueries(), q.statementTimeoutMs(), q.maxResultRows(), q.maxResultBytes(),
                q.requestsPerSecond(), q.commitsPerMinute(), q.maxSparkSessions(), q.maxSparkOperations(),
                q.maxSparkArtifactBytes()));
        List<Warehouse> warehouses = rules.warehouses("warehouses", request.warehouses() == null ? null
                : request.warehouses().stream().map(TenantRequestValidator::warehouse).toList());
        List<Upstream> upstreams = rules.upstreams("upstreams", request.upstreams() == null ? null
                : request.upstreams().stream().map(TenantRequestValidator::upstream).toList());
        if (!problems.isEmpty()) {
            return null;
        }
        return new Validated(new TenantDefinition(id, displayName, status, labels, backend, variables, quotas,
                warehouses, upstreams), new KeptFromStored(passwordsLeftOut,
                replacing && request.sqlBackend().logins() == null));
    }

    private static Upstreams.Candidate upstream(@Nullable TenantRequest.Upstream u) {
        if (u == null) {
            return null;
        }
        TenantRequest.SparkConnect spark = u.sparkConnect();
        return new Upstreams.Candidate(u.name(), u.kind(), u.url(), spark == null ? null
                : new Upstreams.SparkConnectCandidate(spark.endpoints(), spark.endpointTemplate(), spark.tls(),
                        spark.caCertificatePem(), spark.backendToken(), spark.backendTokenRef()));
    }

    private static Warehouses.Candidate warehouse(@Nullable TenantRequest.Warehouse w) {
        if (w == null) {
            return null;
        }
        TenantRequest.S3 s3 = w.storage() == null ? null : w.storage().s3();
        return new Warehouses.Candidate(w.name(), w.location(), w.storage() == null ? null
                : new Warehouses.StorageCandidate(s3 == null ? null : new Warehouses.S3Candidate(s3.endpoint(),
                        s3.region(), s3.pathStyleAccess(), s3.accessKeyId(), s3.secretAccessKey(),
                        s3.secretAccessKeyRef())));
    }

    private String sameId(String pathId, @Nullable String bodyId) {
        if (bodyId != null && !bodyId.equals(pathId)) {
            problems.add("id", "does not match the tenant in the path; ids cannot be changed");
        }
        return pathId;
    }

    private TenantStatus noStatus(@Nullable String status) {
        if (status != null) {
            problems.add("status", "cannot be set by PUT: use POST .../suspend, POST .../resume or DELETE");
        }
        // A placeholder: the writer keeps the tenant's current status.
        return TenantStatus.ACTIVE;
    }

    private SqlBackend sqlBackend(@Nullable TenantRequest.SqlBackend backend, boolean replacing) {
        if (backend == null) {
            problems.add("sqlBackend", "required");
            return null;
        }
        String url = rules.jdbcUrl("sqlBackend.jdbcUrl", backend.jdbcUrl());
        IsolationMode mode = rules.isolationMode("sqlBackend.isolationMode", backend.isolationMode());
        CredentialsRef credentials = credentials("sqlBackend.credentials", AccessClass.ADMIN, backend.credentials(),
                replacing);
        TenantRequest.Pool pool = backend.pool();
        PoolLimits limits = pool == null ? PoolLimits.DEFAULTS : rules.pool("sqlBackend.pool", pool.maxConnections(),
                pool.minIdle(), pool.connectionTimeoutMs());
        ClassLogins logins = logins(backend.logins(), replacing);
        if (credentials != null) {
            rules.distinctLogins("sqlBackend.logins", credentials.username(), usernameOf(logins.reader()),
                    usernameOf(logins.writer()));
        }
        if (url == null || mode == null || credentials == null) {
            return null;
        }
        return new SqlBackend(url, mode, credentials, limits, logins);
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

    private CredentialsRef credentials(String path, AccessClass accessClass,
                                       @Nullable TenantRequest.Credentials credentials, boolean replacing) {
        if (credentials == null) {
            problems.add(path, "required: {username, password or passwordRef}");
            return null;
        }
        String username = rules.roleName(path + ".username", credentials.username());
        String ref = null;
        if (credentials.password() != null && credentials.passwordRef() != null) {
            problems.add(path, "give password or passwordRef, not both");
        } else if (credentials.password() != null) {
            String password = rules.password(path + ".password", credentials.password());
            ref = password == null ? null : CredentialsResolver.literalRef(password);
        } else if (credentials.passwordRef() != null) {
            try {
                PasswordRef.parse(credentials.passwordRef());
                ref = credentials.passwordRef();
            } catch (IllegalArgumentException e) {
                problems.add(path + ".passwordRef", e.getMessage());
            }
        } else if (replacing) {
            passwordsLeftOut.add(accessClass);
            // A placeholder: the writer keeps the tenant's current reference.
            ref = PasswordRef.LITERAL;
        } else {
            problems.add(path + ".password", "required: password or passwordRef");
        }
        return username == null || ref == null ? null : new CredentialsRef(username, ref);
    }

    private static String usernameOf(@Nullable CredentialsRef login) {
        return login == null ? null : login.username();
    }
}
