package io.tollgate.router.api.grpc;

import io.tollgate.proto.router.v1.BackendLogins;
import io.tollgate.proto.router.v1.ContextSource;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.Credentials;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.PoolLimits;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.StorageKeys;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.proto.router.v1.WarehouseStorage;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantEvent;
import io.tollgate.router.domain.S3Storage;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.service.BackendResolver;
import io.tollgate.router.service.CredentialsResolver;
import io.tollgate.router.service.ResolvedBackend;
import io.tollgate.router.service.watch.WatchMessage;
import jakarta.inject.Singleton;

/**
 * Domain tenants to their v1 wire form as one {@link RegistryView} shows them; where the view
 * includes the SQL backend, it is resolved on the way out (the password from its reference, a
 * Service host to its address), and where it includes storage keys, each secret key from its
 * reference, and where it includes backend tokens, each Spark Connect upstream's token from its
 * reference; only there: the other views never read a password, a key or a token.
 */
@Singleton
class TenantProtoMapper {
    private final BackendResolver backends;
    private final CredentialsResolver credentials;

    TenantProtoMapper(BackendResolver backends, CredentialsResolver credentials) {
        this.backends = backends;
        this.credentials = credentials;
    }

    WatchTenantsResponse toProto(WatchMessage message, RegistryView view) {
        WatchTenantsResponse.Builder response = WatchTenantsResponse.newBuilder().setRevision(message.revision());
        if (message instanceof WatchMessage.Snapshot snapshot) {
            TenantSnapshot.Builder tenants = TenantSnapshot.newBuilder();
            snapshot.tenants().forEach(t -> tenants.addTenants(toProto(t, view)));
            return response.setSnapshot(tenants).build();
        }
        TenantEvent event = ((WatchMessage.Change) message).event();
        return event.isDeletion()
                ? response.setDeletedTenantId(event.tenantId()).build()
                : response.setUpserted(toProto(event.tenant(), view)).build();
    }

    Tenant toProto(io.tollgate.router.domain.Tenant tenant, RegistryView view) {
        TenantDefinition definition = tenant.definition();
        Tenant.Builder proto = Tenant.newBuilder()
                .setId(definition.id())
                .setDisplayName(definition.displayName())
                .setStatus(status(definition.status()))
                .setRevision(tenant.revision());
        if (!view.showsDetails()) {
            return proto.build();
        }
        if (view.showsSqlBackend()) {
            proto.setSqlBackend(sqlBackend(definition.sqlBackend()));
        }
        proto.putAllLabels(definition.labels()).setQuotas(quotas(definition.quotas()));
        definition.contextVariables().forEach(v -> proto.addContextVariables(contextVariable(v)));
        for (io.tollgate.router.domain.Upstream upstream : definition.upstreams()) {
            proto.addUpstreams(upstream(definition.id(), upstream, view.showsBackendTokens()));
        }
        for (io.tollgate.router.domain.Warehouse warehouse : definition.warehouses()) {
            proto.addWarehouses(warehouse(definition.id(), warehouse, view.showsStorageKeys()));
        }
        return proto.build();
    }

    private Upstream upstream(String tenantId, io.tollgate.router.domain.Upstream upstream, boolean withToken) {
        Upstream.Builder proto = Upstream.newBuilder().setName(upstream.name());
        SparkConnectBackends spark = upstream.sparkConnect();
        if (spark == null) {
            return proto.setKind(UpstreamKind.UPSTREAM_KIND_HTTP).setUrl(upstream.url()).build();
        }
        SparkConnectUpstream.Builder settings = SparkConnectUpstream.newBuilder()
                .addAllEndpoints(spark.endpoints())
                .setTls(spark.tls());
        if (spark.endpointTemplate() != null) {
            settings.setEndpointTemplate(spark.endpointTemplate());
        }
        if (spark.caCertificatePem() != null) {
            settings.setCaCertificatePem(spark.caCertificatePem());
        }
        if (withToken && spark.backendTokenRef() != null) {
            settings.setBackendToken(credentials.secret(spark.backendTokenRef(),
                    "backend token reference of upstream " + upstream.name() + " of tenant " + tenantId));
        }
        return proto.setKind(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT).setSparkConnect(settings).build();
    }

    private Warehouse warehouse(String tenantId, io.tollgate.router.domain.Warehouse warehouse, boolean withKeys) {
        Warehouse.Builder proto = Warehouse.newBuilder().setName(warehouse.name()).setLocation(warehouse.location());
        S3Storage s3 = warehouse.storage();
        if (s3 != null) {
            io.tollgate.proto.router.v1.S3Storage.Builder settings = io.tollgate.proto.router.v1.S3Storage.newBuilder()
                    .setEndpoint(s3.endpoint())
                    .setRegion(s3.region())
                    .setPathStyleAccess(s3.pathStyleAccess());
            if (withKeys) {
                settings.setKeys(StorageKeys.newBuilder()
                        .setAccessKeyId(s3.accessKeyId())
                        .setSecretAccessKey(credentials.secret(s3.secretAccessKeyRef(),
                                "secret key reference of warehouse " + warehouse.name() + " of tenant " + tenantId)));
            }
            proto.setStorage(WarehouseStorage.newBuilder().setS3(settings));
        }
        return proto.build();
    }

    private SqlBackend sqlBackend(io.tollgate.router.domain.SqlBackend backend) {
        ResolvedBackend resolved = backends.resolve(backend);
        return SqlBackend.newBuilder()
                .setJdbcUrl(resolved.jdbcUrl())
                .setIsolationMode(isolationMode(backend.isolationMode()))
                .setCredentials(credentials(resolved.credentials()))
                .setLogins(BackendLogins.newBuilder()
                        .setReader(credentials(resolved.reader()))
                        .setWriter(credentials(resolved.writer()))
                        .setAdmin(credentials(resolved.credentials())))
                .setPool(PoolLimits.newBuilder()
                        .setMaxConnections(backend.pool().maxConnections())
                        .setMinIdle(backend.pool().minIdle())
                        .setConnectionTimeoutMs(backend.pool().connectionTimeoutMs()))
                .build();
    }

    private static Credentials credentials(io.tollgate.router.domain.Credentials login) {
        return Credentials.newBuilder().setUsername(login.username()).setPassword(login.password()).build();
    }

    private static Quotas quotas(io.tollgate.router.domain.Quotas quotas) {
        return Quotas.newBuilder()
                .setMaxConcurrentQueries(quotas.maxConcurrentQueries())
                .setStatementTimeoutMs(quotas.statementTimeoutMs())
                .setMaxResultRows(quotas.maxResultRows())
                .setMaxResultBytes(quotas.maxResultBytes())
                .setRequestsPerSecond(quotas.requestsPerSecond())
                .setCommitsPerMinute(quotas.commitsPerMinute())
                .setMaxSparkSessions(quotas.maxSparkSessions())
                .setMaxSparkOperations(quotas.maxSparkOperations())
                .setMaxSparkArtifactBytes(quotas.maxSparkArtifactBytes())
                .build();
    }

    private static ContextVariable contextVariable(io.tollgate.router.domain.ContextVariable variable) {
        ContextVariable.Builder proto = ContextVariable.newBuilder()
                .setName(variable.name())
                .setSource(contextSource(variable.source()));
        if (variable.claim() != null) {
            proto.setClaim(variable.claim());
        }
        return proto.build();
    }

    private static TenantStatus status(io.tollgate.router.domain.TenantStatus status) {
        return switch (status) {
            case ACTIVE -> TenantStatus.TENANT_STATUS_ACTIVE;
            case SUSPENDED -> TenantStatus.TENANT_STATUS_SUSPENDED;
            case DELETING -> TenantStatus.TENANT_STATUS_DELETING;
        };
    }

    private static IsolationMode isolationMode(io.tollgate.router.domain.IsolationMode mode) {
        return switch (mode) {
            case DEDICATED -> IsolationMode.ISOLATION_MODE_DEDICATED;
            case SHARED_RLS -> IsolationMode.ISOLATION_MODE_SHARED_RLS;
        };
    }

    private static ContextSource contextSource(io.tollgate.router.domain.ContextSource source) {
        return switch (source) {
            case TENANT_ID -> ContextSource.CONTEXT_SOURCE_TENANT_ID;
            case SUBJECT -> ContextSource.CONTEXT_SOURCE_SUBJECT;
            case ROLES -> ContextSource.CONTEXT_SOURCE_ROLES;
            case CLAIM -> ContextSource.CONTEXT_SOURCE_CLAIM;
        };
    }
}
