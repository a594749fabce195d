package io.tollgate.connect.tracing;

import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.connect.proto.ExecutePlanResponse;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.tracing.CapturedSpans;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Spark Connect call is one trace started at the gateway's public door: a server span for the
 * client's call, a client span for the backend call inside it, and the backend sent that client
 * span's W3C context and nothing of the client's own (spans captured behind the gateway's SDK, the
 * backend's headers as it received them).
 */
class ConnectTracingTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Metadata.Key<String> TRACEPARENT = key("traceparent");
    private static final Metadata.Key<String> TRACESTATE = key("tracestate");
    private static final Metadata.Key<String> BAGGAGE = key("baggage");
    private final SharedNeighbours shared = SharedNeighbours.get();

    @Test
    void anExecutePlanIsATraceFromTheFrontDoorToTheBackendCarryingOnlyTheGatewaysContext() {
        // A tenant's client may send a trace context: the front door does not adopt it, nor pass it on.
        Metadata clientContext = new Metadata();
        clientContext.put(TRACEPARENT, "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01");
        clientContext.put(TRACESTATE, "vendor=client");
        clientContext.put(BAGGAGE, "tenant=globex");
        String session = SparkRequests.newSession();
        shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "acme"))
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(clientContext))
                .executePlan(SparkRequests.execute(session, "rows:1")).forEachRemaining(ExecutePlanResponse::getResponseId);

        SparkBackendDouble.Received received = shared.backendA.receivedFor(session).get(0);
        List<String> traceparents = list(received.headers().getAll(TRACEPARENT));
        assertEquals(1, traceparents.size(), "one trace context reaches the backend: " + traceparents);
        String[] context = traceparents.get(0).split("-");
        assertNull(received.headers().get(TRACESTATE), "the client's trace state is not passed on");
        assertNull(received.headers().get(BAGGAGE), "nor its baggage");

        SpanData backendCall = span(SpanKind.CLIENT, context[2]);
        SpanData call = span(SpanKind.SERVER, backendCall.getParentSpanId());
        assertEquals("spark.connect.SparkConnectService/ExecutePlan", call.getName());
        assertEquals("spark.connect.SparkConnectService/ExecutePlan", backendCall.getName());
        assertEquals(context[1], call.getTraceId(), "the backend continues the gateway's trace");
        assertNotEquals(CALLER_TRACE, call.getTraceId(), "the caller's trace id was not adopted");
        assertFalse(call.getParentSpanContext().isValid(), "the call's span is the root of its trace");
        assertEquals("connect-service", call.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        assertTrue(call.getAttributes().asMap().keySet().stream().noneMatch(k -> k.getKey().contains("metadata")),
                "no header is recorded");
    }

    /** The span of this kind and id the gateway has ended (a server span can end just after its caller has the answer). */
    private SpanData span(SpanKind kind, String spanId) {
        return Await.value(() -> CapturedSpans.of(shared.gateway.context()).stream()
                        .filter(span -> span.getKind() == kind && span.getSpanId().equals(spanId)).findFirst(),
                Optional::isPresent, Duration.ofSeconds(10), "a " + kind + " span " + spanId).orElseThrow();
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    private static List<String> list(Iterable<String> values) {
        return values == null ? List.of() : StreamSupport.stream(values.spliterator(), false).toList();
    }
}
