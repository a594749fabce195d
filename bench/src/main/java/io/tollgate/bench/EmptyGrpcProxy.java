package io.tollgate.bench;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.EventLoop;
import io.tollgate.common.grpc.EventLoops;
import io.tollgate.common.grpc.RawBytes;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC proxy that does nothing but forward: any method, its
 * messages as bytes, headers and trailers as they come, flow-controlled one message at a time each
 * way, every callback on the transports' threads (as grpc-java's own proxy example, and as
 * connect-service does), each call's backend connection on its client connection's event loop
 * where epoll is available (as connect-service's are: a forwarded write then wakes no other
 * thread). No token, no rewrite, no routing, no metrics, no tracing. What a second
 * gRPC hop costs on this machine before a gateway does anything: the floor under connect-service.
 * The benchmark runs it as a JVM of its own ({@link EmptyGrpcProxyProcess}, through {@link #main}),
 * as connect-service is: a proxy in the benchmark's JVM would share that JVM's compiled code, heap
 * and collector with the clients, which no real hop does.
 */
final class EmptyGrpcProxy implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
    /** What {@link #main} writes before its port. */
    static final String PORT_LINE = "empty proxy listening on ";

    private final String backendEndpoint;
    /** The backend's channel on each event loop that has had a call ("any": grpc-netty's choice of loop). */
    private final Map<Object, ManagedChannel> backends = new ConcurrentHashMap<>();
    private final Server server;

    private EmptyGrpcProxy(String backendEndpoint) throws IOException {
        this.backendEndpoint = backendEndpoint;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES).fallbackHandlerRegistry(new AnyMethod()).build().start();
    }

    /** Starts the proxy on a free loopback port, forwarding to {@code backendEndpoint} (host:port). */
    static EmptyGrpcProxy start(String backendEndpoint) throws IOException {
        return new EmptyGrpcProxy(backendEndpoint);
    }

    int port() {
        return server.getPort();
    }

    /**
     * Runs the proxy until the process is stopped: {@code args[0]} is the backend (host:port); the
     * first line written to standard output is {@link #PORT_LINE} and the port it listens on.
     */
    public static void main(String[] args) throws Exception {
        EmptyGrpcProxy proxy = start(args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        System.out.println(PORT_LINE + proxy.port());
        System.out.flush();
        proxy.server.awaitTermination();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        for (ManagedChannel backend : backends.values()) {
            backend.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The backend's channel on this thread's event loop (any, when this thread is none or epoll is missing). */
    private ManagedChannel backend() {
        EventLoop loop = EventLoops.current();
        return backends.computeIfAbsent(loop == null ? "any" : loop, key -> EventLoops.on(
                NettyChannelBuilder.forTarget("dns:///" + backendEndpoint).usePlaintext().directExecutor()
                        .maxInboundMessageSize(MAX_MESSAGE_BYTES), loop).build());
    }

    private final class AnyMethod extends HandlerRegistry {
        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNKNOWN).setFullMethodName(methodName)
                    .setRequestMarshaller(RawBytes.INSTANCE).setResponseMarshaller(RawBytes.INSTANCE).build();
            return ServerMethodDefinition.create(method, new Forward(method));
        }
    }

    private final class Forward implements ServerCallHandler<byte[], byte[]> {
        private final MethodDescriptor<byte[], byte[]> method;

        Forward(MethodDescriptor<byte[], byte[]> method) {
            this.method = method;
        }

        @Override
        public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
            ClientCall<byte[], byte[]> out = backend().newCall(method, CallOptions.DEFAULT);
            Bridge bridge = new Bridge(call, out);
            out.start(bridge.fromBackend(), headers);
            out.request(1);
            call.request(1);
            return bridge;
        }
    }

    /** One call each way; the next message is asked for only when the other side can take it. */
    private static final class Bridge extends ServerCall.Listener<byte[]> {
        private final ServerCall<byte[], byte[]> client;
        private final ClientCall<byte[], byte[]> backend;
        private boolean clientWaits;
        private boolean backendWaits;

        Bridge(ServerCall<byte[], byte[]> client, ClientCall<byte[], byte[]> backend) {
            this.client = client;
            this.backend = backend;
        }

        @Override
        public synchronized void onMessage(byte[] message) {
            backend.sendMessage(message);
            if (backend.isReady()) {
                client.request(1);
            } else {
                clientWaits = true;
            }
        }

        @Override
        public synchronized void onHalfClose() {
            backend.halfClose();
        }

        @Override
        public synchronized void onCancel() {
            backend.cancel("client cancelled", null);
        }

        @Override
        public synchronized void onReady() {
            if (backendWaits) {
                backendWaits = false;
                backend.request(1);
            }
        }

        ClientCall.Listener<byte[]> fromBackend() {
            return new ClientCall.Listener<>() {
                @Override
                public void onHeaders(Metadata headers) {
                    synchronized (Bridge.this) {
                        client.sendHeaders(headers);
                    }
                }

                @Override
                public void onMessage(byte[] message) {
                    synchronized (Bridge.this) {
                        client.sendMessage(message);
                        if (client.isReady()) {
                            backend.request(1);
                        } else {
                            backendWaits = true;
                        }
                    }
                }

                @Override
                public void onReady() {
                    synchronized (Bridge.this) {
                        if (clientWaits) {
                            clientWaits = false;
                            client.request(1);
                        }
                    }
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    synchronized (Bridge.this) {
                        client.close(status, trailers);
                    }
                }
            };
        }
    }
}
