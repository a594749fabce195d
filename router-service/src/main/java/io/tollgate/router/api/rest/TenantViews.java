package io.tollgate.router.api.rest;

import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.S3Storage;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantChange;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.Warehouse;

import java.util.List;
import java.util.Locale;

/** Domain tenants and changes to their admin API form, secrets masked. */
final class TenantViews {
    private TenantViews() {
    }

    static TenantView of(Tenant tenant) {
        TenantDefinition d = tenant.definition();
        var backend = d.sqlBackend();
        return new TenantView(
                d.id(),
                d.displayName(),
                d.status().name().toLowerCase(Locale.ROOT),
                d.labels(),
                new TenantView.SqlBackend(
                        JdbcUrl.redact(backend.jdbcUrl()),
                        backend.isolationMode().name(),
                        credentials(backend.credentials()),
                        new TenantView.Pool(backend.pool().maxConnections(), backend.pool().minIdle(),
                                backend.pool().connectionTimeoutMs()),
                        new TenantView.Logins(credentials(backend.logins().reader()),
                                credentials(backend.logins().writer()))),
                d.contextVariables().stream()
                        .map(v -> new TenantView.ContextVariable(v.name(), v.source().name(), v.claim()))
                        .toList(),
                quotas(d.quotas()),
                d.warehouses().stream().map(TenantViews::warehouse).toList(),
                d.upstreams().stream().map(TenantViews::upstream).toList(),
                tenant.revision(),
                tenant.createdAt().toString(),
                tenant.updatedAt().toString(),
                tenant.deletionRequestedAt() == null ? null : tenant.deletionRequestedAt().toString());
    }

    private static TenantView.Quotas quotas(Quotas q) {
        return new TenantView.Quotas(q.maxConcurrentQueries(), q.statementTimeoutMs(), q.maxResultRows(),
                q.maxResultBytes(), q.requestsPerSecond(), q.commitsPerMinute(), q.maxSparkSessions(),
                q.maxSparkOperations(), q.maxSparkArtifactBytes());
    }

    private static TenantView.Upstream upstream(Upstream upstream) {
        SparkConnectBackends spark = upstream.sparkConnect();
        return new TenantView.Upstream(upstream.name(), upstream.kind().name(), upstream.url(), spark == null ? null
                : new TenantView.SparkConnect(spark.endpoints(), spark.endpointTemplate(), spark.tls(),
                        spark.caCertificatePem(),
                        spark.backendTokenRef() == null ? null : PasswordRef.mask(spark.backendTokenRef())));
    }

    private static TenantView.Warehouse warehouse(Warehouse warehouse) {
        S3Storage s3 = warehouse.storage();
        return new TenantView.Warehouse(warehouse.name(), warehouse.location(), s3 == null ? null
                : new TenantView.Storage(new TenantView.S3(s3.endpoint(), s3.region(), s3.pathStyleAccess(),
                        s3.accessKeyId(), PasswordRef.mask(s3.secretAccessKeyRef()))));
    }

    private static TenantView.Credentials credentials(CredentialsRef login) {
        return login == null ? null : new TenantView.Credentials(login.username(), PasswordRef.mask(login.passwordRef()));
    }

    static HistoryView history(String tenantId, List<TenantChange> changes, int limit) {
        List<HistoryView.Change> views = changes.stream()
                .map(c -> new HistoryView.Change(c.revision(), c.kind().wireName(), c.at().toString(), c.actor(),
                        c.description()))
                .toList();
        Long next = changes.size() == limit && !changes.isEmpty() ? changes.get(changes.size() - 1).revision() : null;
        return new HistoryView(tenantId, views, next);
    }

    /** The entity tag of a tenant: its revision, quoted (a strong tag). */
    static String etag(Tenant tenant) {
        return "\"" + tenant.revision() + "\"";
    }
}
