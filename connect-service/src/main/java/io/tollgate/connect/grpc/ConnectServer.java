package io.tollgate.connect.grpc;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.common.health.ControlPlaneSync;
import io.tollgate.common.health.GrpcReadiness;
import io.tollgate.common.lifecycle.Drainable;
import io.tollgate.common.lifecycle.InFlightCalls;
import io.tollgate.common.ports.ReportedEndpoint;
import io.tollgate.common.tls.ServerTls;
import io.tollgate.common.tls.ServerTlsSettings;
import io.tollgate.common.tracing.PublicCallTracing;
import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.config.ConnectTlsConfig;
import io.tollgate.connect.metrics.MeteredCalls;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the Spark Connect endpoint for the life of the application: the proxy, and the standard gRPC
 * health service on the same port (NOT_SERVING until {@link ControlPlaneSync} is ready). TLS from
 * {@code tollgate.connect.tls.*}; without it the endpoint starts only when
 * {@code tollgate.connect.plaintext} is set (development), and never falls back to plaintext when a
 * TLS setting is half-configured. Messages up to {@code max-message-bytes} are accepted; connections
 * close when idle or old, and carry at most {@code max-calls-per-connection} calls at once.
 * <p>
 * A public door: every call is a server span (common's public-door tracing) and is metered. On
 * SIGTERM it drains (common's {@code lifecycle}): new calls are refused, calls in flight (result
 * streams, uploads) finish within {@code tollgate.shutdown.drain-period}.
 */
@Context
public class ConnectServer implements Drainable, ReportedEndpoint {
    static final String TLS_PREFIX = "tollgate.connect.tls";
    private static final Logger LOG = LoggerFactory.getLogger(ConnectServer.class);

    private final Server server;
    private final GrpcReadiness readiness;
    private final InFlightCalls inFlight;
    private final AtomicBoolean stopping = new AtomicBoolean();

    ConnectServer(ConnectConfig config, ConnectTlsConfig tlsConfig, SparkConnectProxy proxy, ControlPlaneSync sync,
                  InFlightCalls inFlight, PublicCallTracing tracing, MeteredCalls metered) {
        this.inFlight = inFlight;
        Optional<ServerTls> tls = ServerTlsSettings.from(TLS_PREFIX, tlsConfig.certChain(), tlsConfig.privateKey(),
                tlsConfig.clientCa(), tlsConfig.clientAuth()).map(ServerTls::load);
        if (tls.isEmpty() && !config.plaintext()) {
            throw new ConfigurationException(TLS_PREFIX + ".cert-chain and " + TLS_PREFIX + ".private-key are not set:"
                    + " Spark Connect clients send their tokens over this port, so it serves TLS (set"
                    + " tollgate.connect.plaintext=true only for development on localhost)");
        }
        this.readiness = new GrpcReadiness(sync, "connect-readiness");
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()))
                .maxInboundMessageSize(config.maxMessageBytes())
                // Connections and calls do not outlive their use: a token checked once must not
                // keep a connection, or a parked call on it, open for hours.
                .maxConnectionIdle(config.connectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAge(config.connectionMaxAge().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(config.connectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                .maxConcurrentCallsPerConnection(config.maxCallsPerConnection())
                // Every call starts on the transport's thread: a client resetting streams as fast as
                // it opens them (HTTP/2 "rapid reset") would get round the cap above; at most 200
                // resets per 10 s on one connection, then it is closed.
                .maxRstFramesPerWindow(200, 10)
                // Every call runs on the transport's thread: no hand-off per message, and none at a
                // call's start (a ServerCallExecutorSupplier is asked on the default executor, one
                // thread wake-up each way per call; a select 1 is several calls). Safe because
                // nothing here blocks: health and the interceptors are in memory, and the proxy
                // admits a caller whose token may need auth-service's key set fetched on threads
                // of its own (SparkConnectProxy).
                .directExecutor()
                .addService(proxy.definition())
                .addStreamTracerFactory(proxy.arrivingMessages())
                .addTransportFilter(proxy.connectionShares())
                .addService(readiness.service())
                // Added last runs first: in-flight accounting, then the call's span, then its meters.
                .intercept(metered)
                .intercept(tracing.serverInterceptor())
                .intercept(inFlight);
        tls.ifPresent(t -> builder.sslContext(t.context()));
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("the Spark Connect endpoint could not start on port " + config.port(), e);
        }
        LOG.info("Spark Connect endpoint listening on {}:{} with {}", config.host(), server.getPort(),
                tls.map(ServerTls::description).orElse("PLAINTEXT (tollgate.connect.plaintext=true: development only)"));
    }

    /** Reported as {@code spark-connect}, for launchers that start the service on port 0. */
    @Override
    public String portName() {
        return "spark-connect";
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    @Override
    public int port() {
        return server.getPort();
    }

    @Override
    public String name() {
        return "Spark Connect endpoint on port " + server.getPort();
    }

    @Override
    public void stopAccepting() {
        // Once: the drain stops it, and the context's stop afterwards finds it stopped.
        if (stopping.compareAndSet(false, true)) {
            readiness.close();
            server.shutdown();
        }
    }

    @Override
    public boolean awaitIdle(Instant deadline) throws InterruptedException {
        return inFlight.awaitNone(deadline);
    }

    @Override
    public void stopNow() {
        server.shutdownNow();
    }

    /** Without a drain first (a test's context closing): what is in flight gets 10 s. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopAccepting();
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Spark Connect calls still running after 10 s; closing anyway");
            server.shutdownNow();
        }
    }
}
