package io.tollgate.flight.server;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.common.tracing.TracingConfig;
import io.tollgate.common.tracing.TracingFactory;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tracing.CapturedSpans;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flight SQL query is one trace from flight-service's front door through the login it forwards to
 * auth-service: a real Flight SQL client, flight-service as it runs (spans captured behind its own
 * SDK), and auth-service's contract served behind common's internal tracing with an SDK of its own.
 */
class FlightTracingTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final InMemorySpanExporter AUTH_SPANS = InMemorySpanExporter.create();
    private static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    private static Tracing authTracing;
    private static FlightSqlServer server;
    private static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        authTracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(AUTH_SPANS), "auth-service");
        server = FlightSqlServer.start(ShopSchema.create(DB), Map.<String, Object>copyOf(CapturedSpans.properties()),
                new InternalCallTracing(authTracing));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        server.close();
        allocator.close();
        authTracing.close();
    }

    @Test
    void aQueryWithALoginIsOneTraceThroughFlightAndAuthServiceStartedAtTheFrontDoor() throws Exception {
        FlightCallHeaders headers = new FlightCallHeaders();
        String basic = Base64.getEncoder().encodeToString(("alice@acme:" + FlightSqlServer.PASSWORD).getBytes(StandardCharsets.UTF_8));
        headers.insert("authorization", "Basic " + basic);
        // A tenant's client may send a trace context: the front door does not adopt it.
        headers.insert("traceparent", "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01");
        try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator, server.location()).build())) {
            FlightInfo info = client.execute("SELECT 1", new HeaderCallOption(headers));
            assertEquals(1, info.getEndpoints().size());
        }

        SpanData query = CapturedSpans.await(server.context(), SpanKind.SERVER, "arrow.flight.protocol.FlightService/GetFlightInfo");
        SpanData login = CapturedSpans.await(server.context(), SpanKind.CLIENT, "tollgate.auth.v1.AuthService/Authenticate");
        SpanData authenticated = Await.value(() -> authSpan("tollgate.auth.v1.AuthService/Authenticate"), Optional::isPresent,
                Duration.ofSeconds(10), "auth-service ends its Authenticate span").orElseThrow();

        assertEquals("0000000000000000", query.getParentSpanId(), "the query's span is the root of its trace");
        assertNotEquals(CALLER_TRACE, query.getTraceId(), "the caller's trace id was not adopted");
        assertEquals(query.getTraceId(), login.getTraceId());
        assertEquals(query.getSpanId(), login.getParentSpanId(), "the login is made inside the query's span");
        assertEquals(query.getTraceId(), authenticated.getTraceId(), "auth-service continues the query's trace");
        assertEquals(login.getSpanId(), authenticated.getParentSpanId());
        assertTrue(authenticated.getParentSpanContext().isRemote(), "its parent came over the wire");
        assertEquals("flight-service", query.getResource().getAttribute(
                AttributeKey.stringKey("service.name")));
    }

    private static Optional<SpanData> authSpan(String name) {
        authTracing.flush();
        return AUTH_SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().equals(name)).findFirst();
    }
}
