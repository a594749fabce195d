package io.tollgate.router.api.grpc;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ReassertBackendLoginRequest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.UpstreamKind;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tls.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may call router-service's gRPC port, and what each caller is shown: peers are authenticated by
 * their certificates (mutual TLS), authorised per method, and answered in their own view.
 */
@MicronautTest
class InternalCallersTest extends RouterServiceTest {
    private static final String PASSWORD = "acme-owner-secret";
    private static final String READER_PASSWORD = "acme-reader-secret";
    private static final String STORAGE_KEY = "acme-storage-secret-key";
    private static final String BACKEND_TOKEN = "acme-spark-backend-token";
    private final List<ManagedChannel> channels = new ArrayList<>();

    @Override
    protected String bootstrapJson() {
        return """
                {"tenants":[
                  {"id":"acme","displayName":"Acme Corp","status":"active","isolationMode":"DEDICATED",
                   "jdbcUrl":"jdbc:postgresql://localhost:54329/tenant_acme","username":"acme_app",
                   "password":"%s",
                   "logins":{"reader":{"username":"acme_reader","password":"%s"}},
                   "labels":{"demo":"true"},
                   "warehouses":[{"name":"acme-lake","location":"file:///srv/warehouses/acme"},
                                 {"name":"acme-s3","location":"s3://lake/acme","storage":{"s3":{
                                   "endpoint":"http://minio.example:9000","region":"us-east-1",
                                   "pathStyleAccess":true,"accessKeyId":"ACMEKEY","secretAccessKey":"%s"}}}],
                   "upstreams":[{"name":"spark","kind":"SPARK_CONNECT","sparkConnect":{
                                  "endpoints":["spark.acme.svc:15002"],"tls":true,"backendToken":"%s"}}],
                   "quotas":{"maxSparkSessions":2}}
                ]}""".formatted(PASSWORD, READER_PASSWORD, STORAGE_KEY, BACKEND_TOKEN);
    }

    @AfterEach
    void closeChannels() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }

    @Test
    void aPeerWithoutACertificateCannotCompleteTheHandshake() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> resolveAcme(presenting(null)));

        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    }

    @Test
    void aServiceCertificateFromAnotherCaCannotCompleteTheHandshake() {
        TestPki.Issued impostor = InternalCertificates.foreign().certificate("flight-service");

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> resolveAcme(presenting(impostor)));

        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    }

    @Test
    void aServiceTheTableDoesNotNameIsDeniedEveryMethod() {
        RouterServiceGrpc.RouterServiceBlockingStub intruder = as("reporting-service");

        assertDenied(() -> resolveAcme(intruder));
        assertDenied(() -> intruder.listTenants(ListTenantsRequest.getDefaultInstance()));
        assertDenied(() -> intruder.watchTenants(WatchTenantsRequest.getDefaultInstance()).next());
    }

    @Test
    void aServiceTheTableDoesNotNameMayNotEvenAskForHealth() {
        ManagedChannel intruder = InternalCertificates.shared().channel(grpcPort(), "reporting-service", "router-service");
        channels.add(intruder);

        assertDenied(() -> HealthGrpc.newBlockingStub(intruder).withDeadlineAfter(30, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()));
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel())
                .withDeadlineAfter(30, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus(),
                "a listed caller may");
    }

    @Test
    void aMethodIsOnlyEverItsExactNameSoNoOtherSpellingReachesIt() {
        ManagedChannel catalog = InternalCertificates.shared().channel(grpcPort(), "catalog-service", "router-service");
        channels.add(catalog);
        ResolveTenantRequest acme = ResolveTenantRequest.newBuilder().setTenantId("acme").build();

        for (String name : List.of("tollgate.router.v1.RouterService/resolvetenant",
                "TOLLGATE.ROUTER.V1.ROUTERSERVICE/RESOLVETENANT", "tollgate.router.v1.RouterService/ResolveTenant/",
                "tollgate.router.v1.RouterService//ResolveTenant", "tollgate.router.v1.RouterService/ReassertBackendLogin ")) {
            MethodDescriptor<ResolveTenantRequest, ResolveTenantResponse> spelled = RouterServiceGrpc
                    .getResolveTenantMethod().toBuilder().setFullMethodName(name).build();

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ClientCalls
                    .blockingUnaryCall(catalog, spelled, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), acme));
            assertEquals(Status.Code.UNIMPLEMENTED, refused.getStatus().getCode(), name);
        }
    }

    @Test
    void onlyFlightServiceMayHaveABackendLoginReasserted() {
        ReassertBackendLoginRequest request = ReassertBackendLoginRequest.newBuilder()
                .setTenantId("acme").setAccessClass("reader").build();

        assertDenied(() -> as("catalog-service").reassertBackendLogin(request));
        assertDenied(() -> as("auth-service").reassertBackendLogin(request));
        assertDenied(() -> as("connect-service").reassertBackendLogin(request));
        // flight-service passes the check: this router provisions nothing, so it cannot re-assert.
        StatusRuntimeException flight = assertThrows(StatusRuntimeException.class,
                () -> as("flight-service").reassertBackendLogin(request));
        assertEquals(Status.Code.FAILED_PRECONDITION, flight.getStatus().getCode());
    }

    @Test
    void flightServiceIsShownTheBackendWithItsLoginsAndTheWarehousesWithoutStorageKeys() {
        RouterServiceGrpc.RouterServiceBlockingStub flight = as("flight-service");

        for (Tenant acme : everyWayOfReadingAcme(flight)) {
            assertEquals(PASSWORD, acme.getSqlBackend().getCredentials().getPassword());
            assertEquals(READER_PASSWORD, acme.getSqlBackend().getLogins().getReader().getPassword());
            assertEquals("jdbc:postgresql://localhost:54329/tenant_acme", acme.getSqlBackend().getJdbcUrl());
            assertEquals(List.of("acme-lake", "acme-s3"),
                    acme.getWarehousesList().stream().map(w -> w.getName()).toList());
            S3Storage s3 = acme.getWarehouses(1).getStorage().getS3();
            assertEquals("http://minio.example:9000", s3.getEndpoint());
            assertFalse(s3.hasKeys(), "flight-service never touches object storage");
            assertFalse(wire(acme).contains(STORAGE_KEY), "the storage key was sent");
            assertFalse(wire(acme).contains("ACMEKEY"), "the storage key's id was sent");
            assertEquals("spark.acme.svc:15002", acme.getUpstreams(0).getSparkConnect().getEndpoints(0));
            assertNoBackendTokenIn(acme);
        }
    }

    @Test
    void catalogServiceIsShownTheWarehousesWithStorageKeysButNoSqlBackendOrCredentials() {
        RouterServiceGrpc.RouterServiceBlockingStub catalog = as("catalog-service");

        for (Tenant acme : everyWayOfReadingAcme(catalog)) {
            assertEquals("acme", acme.getId());
            assertEquals(TenantStatus.TENANT_STATUS_ACTIVE, acme.getStatus());
            assertEquals("file:///srv/warehouses/acme", acme.getWarehouses(0).getLocation());
            assertFalse(acme.getWarehouses(0).hasStorage());
            S3Storage s3 = acme.getWarehouses(1).getStorage().getS3();
            assertEquals("s3://lake/acme", acme.getWarehouses(1).getLocation());
            assertEquals("us-east-1", s3.getRegion());
            assertTrue(s3.getPathStyleAccess());
            assertEquals("ACMEKEY", s3.getKeys().getAccessKeyId());
            assertEquals(STORAGE_KEY, s3.getKeys().getSecretAccessKey());
            assertFalse(acme.hasSqlBackend());
            assertNoSecretIn(acme);
            assertNoBackendTokenIn(acme);
        }
    }

    @Test
    void connectServiceIsShownTheSparkConnectBackendsWithTheirTokenButNoSqlBackendOrStorageKeys() {
        RouterServiceGrpc.RouterServiceBlockingStub connect = as("connect-service");

        for (Tenant acme : everyWayOfReadingAcme(connect)) {
            assertEquals(TenantStatus.TENANT_STATUS_ACTIVE, acme.getStatus());
            assertEquals(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT, acme.getUpstreams(0).getKind());
            assertEquals(List.of("spark.acme.svc:15002"), acme.getUpstreams(0).getSparkConnect().getEndpointsList());
            assertEquals(BACKEND_TOKEN, acme.getUpstreams(0).getSparkConnect().getBackendToken());
            assertEquals(2, acme.getQuotas().getMaxSparkSessions());
            assertFalse(acme.hasSqlBackend());
            assertFalse(acme.getWarehouses(1).getStorage().getS3().hasKeys(), "connect-service never touches storage");
            assertFalse(wire(acme).contains(STORAGE_KEY), "the storage key was sent");
            assertNoSecretIn(acme);
        }
    }

    @Test
    void authServiceIsShownOnlyEachTenantsStatus() {
        RouterServiceGrpc.RouterServiceBlockingStub auth = as("auth-service");

        Tenant resolved = resolveAcme(auth);
        Tenant watched = firstSnapshot(auth).getSnapshot().getTenants(0);

        for (Tenant acme : List.of(resolved, watched)) {
            assertEquals(TenantStatus.TENANT_STATUS_ACTIVE, acme.getStatus());
            assertEquals(Tenant.newBuilder().setId("acme").setDisplayName("Acme Corp")
                    .setStatus(TenantStatus.TENANT_STATUS_ACTIVE).setRevision(acme.getRevision()).build(), acme);
            assertNoSecretIn(acme);
            assertFalse(wire(acme).contains(STORAGE_KEY), "the storage key was sent");
            assertNoBackendTokenIn(acme);
        }
    }

    private List<Tenant> everyWayOfReadingAcme(RouterServiceGrpc.RouterServiceBlockingStub router) {
        return List.of(resolveAcme(router), router.listTenants(ListTenantsRequest.getDefaultInstance()).getTenants(0),
                firstSnapshot(router).getSnapshot().getTenants(0));
    }

    private static String wire(Tenant tenant) {
        return tenant.toByteString().toString(StandardCharsets.ISO_8859_1);
    }

    /** No backend password or class login. */
    private static void assertNoSecretIn(Tenant tenant) {
        String wire = wire(tenant);
        assertFalse(wire.contains(PASSWORD), "the owner login's password was sent");
        assertFalse(wire.contains(READER_PASSWORD), "the reader login's password was sent");
        assertFalse(wire.contains("acme_reader"), "a class login was sent");
    }

    private static void assertNoBackendTokenIn(Tenant tenant) {
        assertFalse(wire(tenant).contains(BACKEND_TOKEN), "the Spark Connect backend token was sent");
    }

    private static void assertDenied(Runnable call) {
        StatusRuntimeException denied = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
        assertFalse(denied.getStatus().getDescription().contains("reporting-service"),
                "the refusal does not echo the caller's name");
    }

    private static Tenant resolveAcme(RouterServiceGrpc.RouterServiceBlockingStub router) {
        return router.resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build()).getTenant();
    }

    private static WatchTenantsResponse firstSnapshot(RouterServiceGrpc.RouterServiceBlockingStub router) {
        Iterator<WatchTenantsResponse> stream = router.watchTenants(WatchTenantsRequest.getDefaultInstance());
        WatchTenantsResponse first = stream.next();
        assertTrue(first.hasSnapshot(), "a watch opens with a snapshot");
        return first;
    }

    private RouterServiceGrpc.RouterServiceBlockingStub as(String caller) {
        return stub(InternalCertificates.shared().channel(grpcPort(), caller, "router-service"));
    }

    private RouterServiceGrpc.RouterServiceBlockingStub presenting(TestPki.Issued certificate) {
        return stub(InternalCertificates.shared().channel(grpcPort(), "router-service", certificate));
    }

    private RouterServiceGrpc.RouterServiceBlockingStub stub(ManagedChannel channel) {
        channels.add(channel);
        // A deadline bounds a call the server would leave hanging; no assertion depends on it.
        return RouterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }
}
