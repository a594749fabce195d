package io.tollgate.flight.server;

import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Context;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.health.ControlPlaneSync;
import io.tollgate.common.health.GrpcReadiness;
import io.tollgate.common.ports.ReportedEndpoint;
import io.tollgate.common.tls.ServerTls;
import io.tollgate.common.tls.ServerTlsSettings;
import io.tollgate.flight.auth.AuthMiddleware;
import io.tollgate.flight.auth.ClientAddressInterceptor;
import io.tollgate.flight.auth.FlightCallAuthenticator;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.config.FlightTlsConfig;
import io.tollgate.flight.sql.TollgateFlightSqlProducer;
import jakarta.annotation.PreDestroy;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the Arrow Flight SQL endpoint for the life of the application, with the auth middleware in
 * front of the producer and the standard gRPC health service on the same port (NOT_SERVING until
 * {@link ControlPlaneSync} is ready, as the HTTP readiness check); over TLS (optionally
 * asking for client certificates) when {@code tollgate.flight.tls.*} says so. A TLS configuration
 * that cannot be used stops start-up: the endpoint never falls back to plaintext.
 */
@Context
public class FlightEndpointServer implements ReportedEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(FlightEndpointServer.class);

    private final FlightServer server;
    private final GrpcReadiness readiness;

    public FlightEndpointServer(FlightConfig config, FlightTlsConfig tlsConfig, TollgateFlightSqlProducer producer,
                                FlightCallAuthenticator authenticator, TokenVerifier verifier, BufferAllocator allocator,
                                ControlPlaneSync sync) {
        GrpcReadiness health = new GrpcReadiness(sync, "flight-readiness");
        this.readiness = health;
        Optional<ServerTlsSettings> settings = ServerTlsSettings.from(FlightTlsConfig.PREFIX, tlsConfig.certChain(),
                tlsConfig.privateKey(), tlsConfig.clientCa(), tlsConfig.clientAuth());
        Optional<ServerTls> tls = settings.map(ServerTls::load);
        Consumer<NettyServerBuilder> transport = builder -> {
            builder.addService(health.service())
                    .intercept(new ClientAddressInterceptor())
                    .callExecutor(new InlineStreamCalls(verifier));
            // Arrow's own TLS context (from useTls below) allows every protocol version and only
            // knows required client certificates; ours replaces it. Arrow applies this consumer
            // after setting its context, so the last sslContext wins.
            tls.ifPresent(t -> builder.sslContext(t.context()));
        };
        FlightServer.Builder builder = FlightServer.builder(allocator, location(config, tls.isPresent()), producer)
                .middleware(AuthMiddleware.KEY, new AuthMiddleware.Factory(authenticator))
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
        return server.getPort();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        readiness.close();
        server.shutdown();
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Flight SQL calls still running after 10 s; closing anyway");
        }
        server.close();
    }
}
