package io.tollgate.flight.server;

import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Context;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.health.ControlPlaneSync;
import io.tollgate.common.health.GrpcReadiness;
import io.tollgate.common.lifecycle.Drainable;
import io.tollgate.common.lifecycle.InFlightCalls;
import io.tollgate.common.ports.ReportedEndpoint;
import io.tollgate.common.tls.ServerTls;
import io.tollgate.common.tls.ServerTlsSettings;
import io.tollgate.common.tracing.PublicCallTracing;
import io.tollgate.flight.auth.AuthMiddleware;
import io.tollgate.flight.auth.ClientAddressInterceptor;
import io.tollgate.flight.auth.FlightCallAuthenticator;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.config.FlightTlsConfig;
import io.tollgate.flight.metrics.FlightMetrics;
import io.tollgate.flight.sql.CallRecordMiddleware;
import io.tollgate.flight.sql.TollgateFlightSqlProducer;
import jakarta.annotation.PreDestroy;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.grpc.ServerInterceptorAdapter;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the Arrow Flight SQL endpoint for the life of the application, with the auth middleware in
 * front of the producer and the standard gRPC health service on the same port (NOT_SERVING until
 * {@link ControlPlaneSync} is ready, as the HTTP readiness check); over TLS (optionally
 * asking for client certificates) when {@code tollgate.flight.tls.*} says so. A TLS configuration
 * that cannot be used stops start-up: the endpoint never falls back to plaintext. Every call is a
 * server span (common's public-door tracing), current while the middleware authenticates, so a
 * login forwarded to auth-service continues the call's trace, and while a DoPut's work runs on
 * arrow-java's executor (arrow carries gRPC's context there, and OpenTelemetry's gRPC
 * instrumentation keeps its own context in gRPC's); {@code CallRecordMiddleware} names the call's
 * tenant and command on it.
 * <p>
 * On SIGTERM it drains (common's {@code lifecycle}): new calls are refused, result streams in flight
 * finish, within {@code tollgate.shutdown.drain-period}.
 */
@Context
public class FlightEndpointServer implements Drainable, ReportedEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(FlightEndpointServer.class);

    private final FlightServer server;
    private final int port;
    private final InFlightCalls inFlight;
    /**
     * gRPC's call executor, ours rather than arrow-java's default (the same cached pool): arrow's
     * FlightServer.shutdown() stops its own at once, and calls in flight then never complete.
     */
    private final ExecutorService callExecutor = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, "flight-server-executor-" + count.incrementAndGet());
        }
    });
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GrpcReadiness readiness;

    public FlightEndpointServer(FlightConfig config, FlightTlsConfig tlsConfig, TollgateFlightSqlProducer producer,
                                FlightCallAuthenticator authenticator, TokenVerifier verifier, BufferAllocator allocator,
                                ControlPlaneSync sync, FlightMetrics metrics, InFlightCalls inFlight,
                                PublicCallTracing tracing) {
        this.inFlight = inFlight;
        GrpcReadiness health = new GrpcReadiness(sync, "flight-readiness");
        this.readiness = health;
        Optional<ServerTlsSettings> settings = ServerTlsSettings.from(FlightTlsConfig.PREFIX, tlsConfig.certChain(),
                tlsConfig.privateKey(), tlsConfig.clientCa(), tlsConfig.clientAuth());
        Optional<ServerTls> tls = settings.map(ServerTls::load);
        Consumer<NettyServerBuilder> transport = builder -> {
            // Interceptors added last run first: a draining server refuses the call before any
            // work (in-flight accounting), then the call's span opens, then the client's address is
            // noted, then the middlewares run: the call's record (metrics, the span's tenant and
            // command), then the auth middleware (a Basic login goes to auth-service inside the
            // span, with the address; its refusals counted).
            // The middlewares are added here rather than with FlightServer.Builder#middleware: Arrow
            // adds that adapter after this consumer, so it would run before the span and the address.
            builder.addService(health.service())
                    .intercept(new ServerInterceptorAdapter(List.of(
                            new ServerInterceptorAdapter.KeyFactory<>(CallRecordMiddleware.KEY,
                                    new CallRecordMiddleware.Factory(metrics)),
                            new ServerInterceptorAdapter.KeyFactory<>(AuthMiddleware.KEY,
                                    CallRecordMiddleware.countingRefusals(metrics,
                                            new AuthMiddleware.Factory(authenticator))))))
                    .intercept(new ClientAddressInterceptor())
                    .intercept(tracing.serverInterceptor())
                    .intercept(inFlight)
                    .callExecutor(new InlineStreamCalls(verifier));
            // Arrow's own TLS context (from useTls below) allows every protocol version and only
            // knows required client certificates; ours replaces it. Arrow applies this consumer
            // after setting its context, so the last sslContext wins.
            tls.ifPresent(t -> builder.sslContext(t.context()));
        };
        FlightServer.Builder builder = FlightServer.builder(allocator, location(config, tls.isPresent()), producer)
                .executor(callExecutor)
                .transportHint("grpc.builderConsumer", transport);
        if (settings.isPresent()) {
            try {
                // Required by Arrow for a grpc+tls location; the files were read and checked above.
                builder.useTls(settings.get().certChain().toFile(), settings.get().privateKey().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("the Flight endpoint's certificate files cannot be read", e);
            }
        }
        this.server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("the Flight SQL endpoint could not start on port " + config.port(), e);
        }
        this.port = server.getPort();
        LOG.info("Flight SQL endpoint listening on {}:{} with {}", config.host(), server.getPort(),
                tls.map(ServerTls::description).orElse("plaintext (no TLS: tollgate.flight.tls.cert-chain is unset)"));
    }

    private static Location location(FlightConfig config, boolean tls) {
        return tls ? Location.forGrpcTls(config.host(), config.port())
                : Location.forGrpcInsecure(config.host(), config.port());
    }

    /** Reported as {@code flight}. */
    @Override
    public String portName() {
        return "flight";
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    @Override
    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "Flight SQL endpoint on port " + port;
    }

    @Override
    public void stopAccepting() {
        // Once: the drain stops it, and the context's stop afterwards finds it stopped.
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        readiness.close();
        server.shutdown();
    }

    @Override
    public boolean awaitIdle(Instant deadline) throws InterruptedException {
        return inFlight.awaitNone(deadline);
    }

    @Override
    public void stopNow() {
        try {
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without a drain first (a test's context closing): what is in flight gets 10 s. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopAccepting();
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Flight SQL calls still running after 10 s; closing anyway");
        }
        close();
    }

    private void close() throws InterruptedException {
        if (closed.compareAndSet(false, true)) {
            server.close();
            callExecutor.shutdown();
        }
    }
}
