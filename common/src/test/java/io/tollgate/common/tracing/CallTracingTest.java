package io.tollgate.common.tracing;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two services, each with its own SDK, over real gRPC on loopback: a front service whose endpoint
 * calls a back service through a channel with the shared client interceptor, the back service
 * serving behind the shared server interceptor. The trace a caller starts runs through both.
 */
class CallTracingTest {
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final Metadata.Key<String> TRACEPARENT = Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

    private static final InMemorySpanExporter FRONT_SPANS = InMemorySpanExporter.create();
    private static final InMemorySpanExporter BACK_SPANS = InMemorySpanExporter.create();
    private static final List<AutoCloseable> OPEN = new ArrayList<>();
    private static Tracing front;
    private static Tracing back;
    private static Tracing trustingFront;
    private static int internalPort;
    private static int publicPort;
    private static int trustingPublicPort;
    /** Released when a server has finished a call, its span ended (which can follow the client's answer). */
    private static final Semaphore FINISHED_CALLS = new Semaphore(0);

    @BeforeAll
    static void start() throws IOException {
        back = tracing(BACK_SPANS, false, "back");
        front = tracing(FRONT_SPANS, false, "front");
        trustingFront = tracing(FRONT_SPANS, true, "trusting-front");
        int backPort = serve(ServerInterceptors.intercept(new Router(), new InternalCallTracing(back), FINISHED));
        ManagedChannel toBack = NettyChannelBuilder.forAddress("127.0.0.1", backPort).usePlaintext().build();
        OPEN.add(toBack::shutdownNow);
        Channel calls = ClientInterceptors.intercept(toBack, new InternalCallTracing(front).client());
        RouterServiceGrpc.RouterServiceBlockingStub router = RouterServiceGrpc.newBlockingStub(calls);
        internalPort = serve(ServerInterceptors.intercept(new Front(router), new InternalCallTracing(front), FINISHED));
        publicPort = serve(ServerInterceptors.intercept(new Front(router), new PublicCallTracing(front).serverInterceptor(),
                FINISHED));
        trustingPublicPort = serve(ServerInterceptors.intercept(new Front(router),
                new PublicCallTracing(trustingFront).serverInterceptor(), FINISHED));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable each : OPEN) {
            each.close();
        }
        front.close();
        back.close();
        trustingFront.close();
    }

    /** Outermost on each server: counts a call once every interceptor inside it (tracing's too) is done. */
    private static final ServerInterceptor FINISHED = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onComplete() {
                    super.onComplete();
                    FINISHED_CALLS.release();
                }

                @Override
                public void onCancel() {
                    super.onCancel();
                    FINISHED_CALLS.release();
                }
            };
        }
    };

    @BeforeEach
    void forgetSpans() {
        FINISHED_CALLS.drainPermits();
        FRONT_SPANS.reset();
        BACK_SPANS.reset();
    }

    @Test
    void anInternalCallContinuesItsCallersTraceThroughTheServiceItCalls() {
        callWithTraceContext(internalPort);

        SpanData frontServer = only(FRONT_SPANS, SpanKind.SERVER);
        SpanData frontClient = only(FRONT_SPANS, SpanKind.CLIENT);
        SpanData backServer = only(BACK_SPANS, SpanKind.SERVER);
        for (SpanData span : List.of(frontServer, frontClient, backServer)) {
            assertEquals(CALLER_TRACE, span.getTraceId(), span.getName() + " is in the caller's trace");
        }
        assertEquals(CALLER_SPAN, frontServer.getParentSpanId(), "the front's span is a child of the caller's");
        assertTrue(frontServer.getParentSpanContext().isRemote());
        assertEquals(frontServer.getSpanId(), frontClient.getParentSpanId(), "the call out is made inside the front's span");
        assertEquals(frontClient.getSpanId(), backServer.getParentSpanId(), "the back's span is a child of the call out");
        assertTrue(backServer.getParentSpanContext().isRemote(), "its parent came over the wire");
        assertEquals("tollgate.router.v1.RouterService/ResolveTenant", backServer.getName());
        assertEquals("back", backServer.getResource().getAttribute(AttributeKey.stringKey("service.name")));
    }

    @Test
    void aPublicFrontDoorStartsATraceOfItsOwnWhateverContextTheCallerSends() {
        callWithTraceContext(publicPort);

        SpanData frontServer = only(FRONT_SPANS, SpanKind.SERVER);
        SpanData backServer = only(BACK_SPANS, SpanKind.SERVER);
        assertNotEquals(CALLER_TRACE, frontServer.getTraceId(), "a caller cannot choose the trace id");
        assertEquals("0000000000000000", frontServer.getParentSpanId(), "the front door's span is a root");
        assertEquals(frontServer.getTraceId(), backServer.getTraceId(), "the internal hop still carries the new trace");
        assertEquals(only(FRONT_SPANS, SpanKind.CLIENT).getSpanId(), backServer.getParentSpanId());
    }

    @Test
    void aFrontDoorThatTrustsItsCallersContinuesTheirTrace() {
        callWithTraceContext(trustingPublicPort);

        SpanData frontServer = only(FRONT_SPANS, SpanKind.SERVER);
        assertEquals(CALLER_TRACE, frontServer.getTraceId());
        assertEquals(CALLER_SPAN, frontServer.getParentSpanId());
        assertEquals(CALLER_TRACE, only(BACK_SPANS, SpanKind.SERVER).getTraceId());
    }

    private static void callWithTraceContext(int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(TRACEPARENT, "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01");
            AuthServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .authenticate(AuthenticateRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
        try {
            assertTrue(FINISHED_CALLS.tryAcquire(2, 10, TimeUnit.SECONDS), "both servers finished their calls");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        front.flush();
        trustingFront.flush();
        back.flush();
    }

    private static SpanData only(InMemorySpanExporter spans, SpanKind kind) {
        List<SpanData> ofKind = spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind).toList();
        assertEquals(1, ofKind.size(), () -> "one " + kind + " span in " + spans.getFinishedSpanItems());
        return ofKind.get(0);
    }

    private static Tracing tracing(InMemorySpanExporter exporter, boolean trustCallerContext, String service) {
        return new TracingFactory().tracing(new TracingConfig(null, 1.0, trustCallerContext), List.of(exporter), service);
    }

    private static int serve(io.grpc.ServerServiceDefinition service) throws IOException {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
        OPEN.add(() -> {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        });
        return server.getPort();
    }

    /** The back service: answers from inside its server span. */
    private static final class Router extends RouterServiceGrpc.RouterServiceImplBase {
        @Override
        public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> out) {
            out.onNext(ResolveTenantResponse.getDefaultInstance());
            out.onCompleted();
        }
    }

    /** The front service: its endpoint calls the back service before it answers. */
    private static final class Front extends AuthServiceGrpc.AuthServiceImplBase {
        private final RouterServiceGrpc.RouterServiceBlockingStub router;

        Front(RouterServiceGrpc.RouterServiceBlockingStub router) {
            this.router = router;
        }

        @Override
        public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> out) {
            router.resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build());
            out.onNext(AuthenticateResponse.getDefaultInstance());
            out.onCompleted();
        }
    }
}
