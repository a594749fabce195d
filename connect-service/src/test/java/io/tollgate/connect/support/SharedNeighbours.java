package io.tollgate.connect.support;

import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import io.tollgate.testkit.identity.IdentityDouble;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.registry.RegistryDouble;

import java.util.List;

/**
 * One gateway and its neighbours for every test class of the run (started on first use, stopped
 * with the JVM): three Spark backends, a registry of tenants shaped for the tests, and
 * auth-service's revocations. Tests that change a tenant use a tenant of their own.
 */
public final class SharedNeighbours {
    public static final String ACME_BACKEND_TOKEN = "acme-backend-secret";
    public static final String GLOBEX_BACKEND_TOKEN = "globex-backend-secret";

    private static SharedNeighbours shared;

    public final SparkBackendDouble backendA = new SparkBackendDouble("a");
    public final SparkBackendDouble backendB = new SparkBackendDouble("b");
    public final SparkBackendDouble backendC = new SparkBackendDouble("c");
    private final PortForward closedPort = PortForward.open();
    public final RegistryDouble registry;
    public final IdentityDouble revocations = IdentityDouble.start(ConnectTokens.TOKENS);
    public final ConnectGateway gateway;

    private SharedNeighbours() {
        registry = RegistryDouble.serving(List.of(
                sparkTenant("acme", ACME_BACKEND_TOKEN, Quotas.getDefaultInstance(), backendA.endpoint()),
                sparkTenant("globex", GLOBEX_BACKEND_TOKEN, Quotas.getDefaultInstance(), backendB.endpoint()),
                sparkTenant("tight", "", Quotas.newBuilder().setMaxSparkSessions(1).setMaxSparkOperations(1)
                        .setMaxSparkArtifactBytes(100).build(), backendC.endpoint()),
                sparkTenant("spread", "", Quotas.getDefaultInstance(), backendA.endpoint(), backendB.endpoint(),
                        backendC.endpoint()),
                sparkTenant("revoked", "", Quotas.getDefaultInstance(), backendC.endpoint()),
                sparkTenant("down", "", Quotas.getDefaultInstance(), "127.0.0.1:" + closedPort.port()),
                tenant("nospark").build(),
                tenant("frozen").setStatus(TenantStatus.TENANT_STATUS_SUSPENDED)
                        .addUpstreams(spark(upstream("", backendA.endpoint()))).build()));
        gateway = ConnectGateway.start(ConnectGateway.properties(registry, revocations));
        Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    public static synchronized SharedNeighbours get() {
        if (shared == null) {
            shared = new SharedNeighbours();
        }
        return shared;
    }

    public static Tenant.Builder tenant(String id) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE).setRevision(1);
    }

    public static SparkConnectUpstream.Builder upstream(String token, String... endpoints) {
        return SparkConnectUpstream.newBuilder().addAllEndpoints(List.of(endpoints)).setBackendToken(token);
    }

    public static Upstream spark(SparkConnectUpstream.Builder upstream) {
        return Upstream.newBuilder().setName("spark").setKind(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT)
                .setSparkConnect(upstream).build();
    }

    public static Tenant sparkTenant(String id, String token, Quotas quotas, String... endpoints) {
        return tenant(id).setQuotas(quotas).addUpstreams(spark(upstream(token, endpoints))).build();
    }

    private void close() {
        gateway.close();
        registry.close();
        revocations.close();
        closedPort.close();
        backendA.close();
        backendB.close();
        backendC.close();
    }
}
