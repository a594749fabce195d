package io.tollgate.flight.server;

import io.grpc.Status;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.common.tracing.TracingConfig;
import io.tollgate.common.tracing.TracingFactory;
import io.tollgate.flight.sql.CallRecordMiddleware;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.AuditCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tracing.CapturedSpans;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.ExecuteIngestOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flight SQL query is one trace from flight-service's front door through the login it forwards to
 * auth-service: a real Flight SQL client, flight-service as it runs (spans captured behind its own
 * SDK), and auth-service's contract served behind common's internal tracing with an SDK of its own.
 * A DoPut is such a span too, its work done inside it; a second flight-service, configured to trust
 * its callers' trace context (as behind a proxy that sets it), shows under which parent.
 */
class FlightTracingTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String DO_PUT = "arrow.flight.protocol.FlightService/DoPut";
    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");
    private static final InMemorySpanExporter AUTH_SPANS = InMemorySpanExporter.create();
    private static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    private static Tracing authTracing;
    private static FlightSqlServer server;
    private static FlightSqlServer trusting;
    private static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        authTracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(AUTH_SPANS), "auth-service");
        List<Tenant> tenants = ShopSchema.create(DB);
        server = FlightSqlServer.start(tenants, Map.<String, Object>copyOf(CapturedSpans.properties()),
                new InternalCallTracing(authTracing));
        Map<String, Object> trustingProperties = new HashMap<>(CapturedSpans.properties());
        trustingProperties.put("tollgate.tracing.trust-caller-context", "true");
        trusting = FlightSqlServer.start(tenants, trustingProperties);
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        server.close();
        trusting.close();
        allocator.close();
        authTracing.close();
    }

    @Test
    void aQueryWithALoginIsOneTraceThroughFlightAndAuthServiceStartedAtTheFrontDoor() throws Exception {
        FlightCallHeaders headers = new FlightCallHeaders();
        String basic = Base64.getEncoder().encodeToString(("alice@acme:" + FlightSqlServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
        headers.insert("authorization", "Basic " + basic);
        // A tenant's client may send a trace context: the front door does not adopt it.
        headers.insert("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
        try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator, server.location()).build())) {
            FlightInfo info = client.execute("SELECT 1", new HeaderCallOption(headers));
            assertEquals(1, info.getEndpoints().size());
        }

        SpanData query = CapturedSpans.await(server.context(), SpanKind.SERVER, "arrow.flight.protocol.FlightService/GetFlightInfo");
        SpanData login = CapturedSpans.await(server.context(), SpanKind.CLIENT, "tollgate.auth.v1.AuthService/Authenticate");
        SpanData authenticated = Await.value(() -> authSpan("tollgate.auth.v1.AuthService/Authenticate"), Optional::isPresent,
                Duration.ofSeconds(10), "auth-service ends its Authenticate span").orElseThrow();

        assertEquals("0000000000000000", query.getParentSpanId(), "the query's span is the root of its trace");
        assertEquals("acme", query.getAttributes().get(CallRecordMiddleware.TENANT_ATTRIBUTE));
        assertEquals("CommandStatementQuery", query.getAttributes().get(CallRecordMiddleware.COMMAND_ATTRIBUTE));
        assertNotEquals(CALLER_TRACE, query.getTraceId(), "the caller's trace id was not adopted");
        assertEquals(query.getTraceId(), login.getTraceId());
        assertEquals(query.getSpanId(), login.getParentSpanId(), "the login is made inside the query's span");
        assertEquals(query.getTraceId(), authenticated.getTraceId(), "auth-service continues the query's trace");
        assertEquals(login.getSpanId(), authenticated.getParentSpanId());
        assertTrue(authenticated.getParentSpanContext().isRemote(), "its parent came over the wire");
        assertEquals("flight-service", query.getResource().getAttribute(
                AttributeKey.stringKey("service.name")));
    }

    @Test
    void aBulkIngestIsOneDoPutSpanUnderItsCallersContextNamingTenantCommandAndOutcomeAndItsWorkRunsInIt() throws Exception {
        String token = trusting.token("a@acme", "acme", "tenant-admin");
        String failedTrace = "5cf92f3577b34da6a3ce929d0e0e4737";
        try (AuditCapture audit = AuditCapture.start();
             FlightSqlClient client = trusting.client(allocator, token)) {
            assertEquals(1, ingest(client, CALLER_TRACE));
            Await.until(() -> !audit.traceIds("sql.ingest").isEmpty(), Duration.ofSeconds(10), "the ingest's audit event");
            assertEquals(List.of(CALLER_TRACE), audit.traceIds("sql.ingest"),
                    "the ingest's work, on arrow-java's executor, logs inside the DoPut's trace");
            FlightRuntimeException exists = assertThrows(FlightRuntimeException.class,
                    () -> ingest(client, failedTrace));
            assertEquals(FlightStatusCode.ALREADY_EXISTS, exists.status().code());
        }

        SpanData put = trustingSpan(CALLER_TRACE, DO_PUT);
        assertEquals(CALLER_SPAN, put.getParentSpanId(), "the caller's span is the DoPut's parent");
        assertTrue(put.getParentSpanContext().isRemote(), "its parent came over the wire");
        assertEquals("acme", put.getAttributes().get(CallRecordMiddleware.TENANT_ATTRIBUTE));
        assertEquals("CommandStatementIngest", put.getAttributes().get(CallRecordMiddleware.COMMAND_ATTRIBUTE));
        assertEquals(0L, put.getAttributes().get(STATUS_CODE), "the outcome: OK");
        assertTrue(put.getAttributes().asMap().values().stream().map(String::valueOf)
                        .noneMatch(value -> value.contains(token) || value.contains("traced_events")),
                "no credential and no name the caller sent: " + put.getAttributes());

        SpanData refused = trustingSpan(failedTrace, DO_PUT);
        assertEquals((long) Status.Code.ALREADY_EXISTS.value(), refused.getAttributes().get(STATUS_CODE),
                "the outcome: the status the client saw");
        assertEquals("acme", refused.getAttributes().get(CallRecordMiddleware.TENANT_ATTRIBUTE));
    }

    /** A bulk ingest of one row into a new table traced_events, sent with a traceparent in this trace. */
    private static long ingest(FlightSqlClient client, String traceId) {
        FlightCallHeaders headers = new FlightCallHeaders();
        headers.insert("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01");
        try (VectorSchemaRoot rows = Parameters.intAndText(allocator, new Row(1, "a"))) {
            return client.executeIngest(rows, new ExecuteIngestOptions("traced_events", TableDefinitionOptions.newBuilder()
                    .setIfNotExist(TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE).setIfExists(TableExistsOption.TABLE_EXISTS_OPTION_FAIL).build(),
                    false, null, null, Map.of()), new HeaderCallOption(headers));
        }
    }

    private static SpanData trustingSpan(String traceId, String name) {
        return Await.value(() -> CapturedSpans.of(trusting.context()).stream()
                        .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().equals(name)
                                && span.getTraceId().equals(traceId)).findFirst(),
                Optional::isPresent, Duration.ofSeconds(10), "a server span " + name + " in trace " + traceId).orElseThrow();
    }

    private static Optional<SpanData> authSpan(String name) {
        authTracing.flush();
        return AUTH_SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().equals(name)).findFirst();
    }
}
