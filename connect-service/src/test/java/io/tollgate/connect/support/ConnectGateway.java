package io.tollgate.connect.support;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.tollgate.common.health.ControlPlaneSync;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.connect.grpc.ConnectServer;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.identity.IdentityDouble;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.tracing.CapturedSpans;
import io.tollgate.testkit.tls.InternalCertificates;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * connect-service as it runs, in this JVM: its Micronaut application (every bean wired as in
 * production) on any free port, plaintext unless the test's settings give it TLS, standing on a
 * registry and an auth-service double, trusting {@link ConnectTokens#TOKENS}. Returned once ready
 * (registry synced, revocations caught up), as a load balancer would send it traffic.
 */
public final class ConnectGateway implements AutoCloseable {
    /** Its {@code max-message-bytes}: a test can send a larger message cheaply. */
    public static final int MAX_MESSAGE_BYTES = 16 << 20;
    private final ApplicationContext context;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();

    private ConnectGateway(ApplicationContext context) {
        this.context = context;
    }

    /** The properties of a gateway on these neighbours, before a test's own. */
    public static Map<String, Object> properties(RegistryDouble registry, IdentityDouble revocations) {
        Map<String, Object> properties = new HashMap<>(InternalCertificates.shared().properties("connect-service"));
        properties.put("micronaut.server.port", -1);
        properties.put("tollgate.connect.host", "127.0.0.1");
        properties.put("tollgate.connect.port", 0);
        properties.put("tollgate.connect.plaintext", true);
        properties.put("tollgate.connect.max-message-bytes", MAX_MESSAGE_BYTES);
        // Test classes share this gateway and its users open sessions they never release: the
        // default caps would refuse a later class. Limits are tested on tenants with quotas of their
        // own, and per-user shares on a gateway of their own (CallLimitsTest).
        properties.put("tollgate.connect.max-sessions", 4096);
        properties.put("tollgate.connect.limits.principal-share", 1);
        // Short enough for a test to watch a parked call end, long enough for one to park a call
        // past its token's expiry (ParkedCallTest).
        properties.put("tollgate.connect.first-request-timeout", "6s");
        properties.put("grpc.channels.router.address", registry.address());
        properties.put("grpc.channels.auth.address", revocations.address());
        properties.put("tollgate.tokens.issuer", "tollgate");
        properties.put("tollgate.tokens.audience", "tollgate");
        properties.put("tollgate.tokens.jwks-uri", "http://unused.invalid/jwks");
        properties.put(ConnectTokens.TRUST_TEST_TOKENS, "true");
        properties.put("tollgate.metrics.port", 0);
        properties.putAll(CapturedSpans.properties());
        return properties;
    }

    public static ConnectGateway start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).start();
        try {
            ControlPlaneSync sync = context.getBean(ControlPlaneSync.class);
            Await.until(sync::ready, Duration.ofSeconds(30), () -> "connect-service ready (" + sync.state() + ")");
            return new ConnectGateway(context);
        } catch (RuntimeException | Error e) {
            context.close();
            throw e;
        }
    }

    public ApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public int port() {
        return context.getBean(ConnectServer.class).port();
    }

    /** Waits until the gateway's copy of the registry has reached this revision. */
    public void awaitRevision(long revision) {
        TenantDirectory directory = bean(TenantDirectory.class);
        Await.until(() -> directory.revision() >= revision, Duration.ofSeconds(10),
                "the gateway's registry reaches revision " + revision);
    }

    /** A plaintext channel to the gateway, closed with it. */
    public ManagedChannel channel() {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext()
                .maxInboundMessageSize(256 * 1024 * 1024).build();
        channels.add(channel);
        return channel;
    }

    /** A blocking stub sending {@code Bearer token} in {@code header} (authorization or authentication). */
    public SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blocking(String header, String token) {
        return SparkConnectServiceGrpc.newBlockingStub(channel()).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(bearer(header, token)));
    }

    /** An async stub sending {@code authorization: Bearer token}. */
    public SparkConnectServiceGrpc.SparkConnectServiceStub async(String token) {
        return SparkConnectServiceGrpc.newStub(channel()).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(bearer("authorization", token)));
    }

    public static Metadata bearer(String header, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        for (ManagedChannel channel : channels) {
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        context.close();
    }
}
