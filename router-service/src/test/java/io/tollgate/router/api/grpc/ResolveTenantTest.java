package io.tollgate.router.api.grpc;

import ch.qos.logback.classic.Level;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.proto.router.v1.ContextSource;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.router.CapturedLogs;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.testkit.tracing.CapturedSpans;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ResolveTenantTest extends RouterServiceTest {

    @Override
    protected String bootstrapJson() {
        return """
                {"tenants":[
                  {"id":"acme","displayName":"Acme Corp","status":"active","isolationMode":"DEDICATED",
                   "jdbcUrl":"jdbc:postgresql://localhost:54329/tenant_acme","username":"acme_app","password":"pw",
                   "labels":{"demo":"true"},
                   "contextVariables":[{"name":"tollgate.tenant_id","source":"TENANT_ID"},
                                       {"name":"tollgate.region","source":"CLAIM","claim":"region"}],
                   "quotas":{"maxConcurrentQueries":8,"statementTimeoutMs":30000,"maxResultRows":0,"maxResultBytes":0,
                             "requestsPerSecond":100,"commitsPerMinute":60}},
                  {"id":"globex","displayName":"Globex","status":"suspended","isolationMode":"SHARED_RLS",
                   "jdbcUrl":"jdbc:postgresql://localhost:54329/shared","username":"globex_app","password":"pw2",
                   "warehouses":[{"name":"globex","location":"file:///srv/lake/globex"},
                                 {"name":"globex-s3","location":"s3://lake/globex","storage":{"s3":{
                                   "region":"us-east-1","accessKeyId":"GLOBEXKEY","secretAccessKey":"globex-key"}}}]}
                ]}""";
    }

    @Inject
    ApplicationContext context;

    @Override
    protected Map<String, String> extraProperties() {
        return CapturedSpans.properties();
    }

    @Test
    void aCallFromAnotherServiceContinuesItsTraceWithoutRecordingWhatItReturns() {
        CapturedSpans.reset(context);
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "00-" + callerTrace + "-00f067aa0ba902b7-01");
        router().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build());

        SpanData served = CapturedSpans.await(context, SpanKind.SERVER, "tollgate.router.v1.RouterService/ResolveTenant");
        assertEquals(callerTrace, served.getTraceId(), "the calling service's trace");
        assertEquals("00f067aa0ba902b7", served.getParentSpanId());
        assertTrue(served.getParentSpanContext().isRemote());
        assertEquals("router-service", served.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        served.getAttributes().forEach((key, value) -> assertFalse(String.valueOf(value).contains("acme_app"),
                () -> key + " holds part of the answer: " + value));
    }

    private RouterServiceGrpc.RouterServiceBlockingStub router() {
        return RouterServiceGrpc.newBlockingStub(channel());
    }

    private Tenant resolve(String id) {
        return router().resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(id).build()).getTenant();
    }

    @Test
    void aBootstrappedTenantResolvesWithItsBackendCredentialsQuotasAndContextVariables() {
        Tenant acme = resolve("acme");

        assertEquals("acme", acme.getId());
        assertEquals("Acme Corp", acme.getDisplayName());
        assertEquals(TenantStatus.TENANT_STATUS_ACTIVE, acme.getStatus());
        assertEquals(Map.of("demo", "true"), acme.getLabelsMap());
        assertEquals("jdbc:postgresql://localhost:54329/tenant_acme", acme.getSqlBackend().getJdbcUrl());
        assertEquals(IsolationMode.ISOLATION_MODE_DEDICATED, acme.getSqlBackend().getIsolationMode());
        assertEquals("acme_app", acme.getSqlBackend().getCredentials().getUsername());
        assertEquals("pw", acme.getSqlBackend().getCredentials().getPassword());
        assertEquals(10, acme.getSqlBackend().getPool().getMaxConnections());
        assertEquals(5000, acme.getSqlBackend().getPool().getConnectionTimeoutMs());
        assertEquals(List.of(
                ContextVariable.newBuilder().setName("tollgate.tenant_id")
                        .setSource(ContextSource.CONTEXT_SOURCE_TENANT_ID).build(),
                ContextVariable.newBuilder().setName("tollgate.region")
                        .setSource(ContextSource.CONTEXT_SOURCE_CLAIM).setClaim("region").build()),
                acme.getContextVariablesList());
        assertEquals(8, acme.getQuotas().getMaxConcurrentQueries());
        assertEquals(30000, acme.getQuotas().getStatementTimeoutMs());
        assertEquals(100, acme.getQuotas().getRequestsPerSecond());
        assertEquals(60, acme.getQuotas().getCommitsPerMinute());
        assertEquals(0, acme.getWarehousesCount());
        assertTrue(acme.getRevision() > 0);
    }

    @Test
    void aTenantWithoutContextVariablesGetsTheTenantIdVariableAndKeepsItsStatusAndWarehouses() {
        Tenant globex = resolve("globex");

        assertEquals(TenantStatus.TENANT_STATUS_SUSPENDED, globex.getStatus());
        assertEquals(IsolationMode.ISOLATION_MODE_SHARED_RLS, globex.getSqlBackend().getIsolationMode());
        assertEquals("pw2", globex.getSqlBackend().getCredentials().getPassword());
        assertEquals(List.of(ContextVariable.newBuilder().setName("tollgate.tenant_id")
                        .setSource(ContextSource.CONTEXT_SOURCE_TENANT_ID).build()),
                globex.getContextVariablesList());
        assertEquals(List.of("globex", "globex-s3"),
                globex.getWarehousesList().stream().map(w -> w.getName()).toList());
        assertEquals("file:///srv/lake/globex", globex.getWarehouses(0).getLocation());
        assertEquals("s3://lake/globex", globex.getWarehouses(1).getLocation());
        assertEquals("", globex.getWarehouses(1).getStorage().getS3().getEndpoint(), "AWS's regional endpoint");
        assertTrue(globex.getRevision() != resolve("acme").getRevision());
    }

    @Test
    void anUnknownTenantIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> resolve("initech"));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("unknown tenant", e.getStatus().getDescription());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "ACME'; drop table tenants; --", "", "acme ", "Acme", "a--b", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void anIdThatIsNotASlugIsNotFoundWithoutAnyErrorLogged(String id) {
        try (CapturedLogs logs = new CapturedLogs()) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> resolve(id));

            assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
            assertEquals("unknown tenant", e.getStatus().getDescription());
            assertTrue(logs.events().stream().noneMatch(event -> event.getThrowableProxy() != null
                            || event.getLevel().isGreaterOrEqual(Level.WARN)),
                    () -> "unexpected log events: " + logs.events());
        }
        assertEquals("acme", resolve("acme").getId(), "the tenants table is intact");
    }
}
