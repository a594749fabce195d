package io.tollgate.connect.routing;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.tollgate.common.grpc.EventLoops;
import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.connect.config.ConnectConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The channels to Spark Connect backends: one per (endpoint, TLS, CA) and event loop, at most
 * {@code tollgate.connect.max-backend-channels} of them, the least recently used retired first,
 * and any unused for {@code backend-channel-idle} retired too. A retired channel takes no new call
 * and is shut down when its last call (a {@link Lease}) ends: an eviction never cuts a running query.
 *
 * <p>A call leased on one of the server's transport threads (an event loop, as every proxied call
 * is) gets a channel whose connection lives on that same event loop: one channel per (backend,
 * event loop). The proxy forwards each message, header, request and end from one hop to the other
 * on the thread it arrived on; a write to a connection on another event loop wakes that loop's
 * thread, a hand-off per forwarded write. Measured (docs/benchmarks.md): at 1 client, with its two
 * connections on different loops the gateway spent 1.57-1.83x the CPU per {@code select 1} of an
 * empty proxy, on one loop 1.15-1.37x. Only where epoll is available ({@link EventLoops}); a lease
 * taken on any other thread (a first-seen token's admission) gets grpc-netty's choice of loop.
 */
@Singleton
public class BackendChannels {
    private static final Logger LOG = LoggerFactory.getLogger(BackendChannels.class);

    /** A call's hold on a channel; {@link #close()} when the call has ended. */
    public final class Lease implements AutoCloseable {
        private final Pooled pooled;
        private boolean closed;

        private Lease(Pooled pooled) {
            this.pooled = pooled;
        }

        public Channel channel() {
            return pooled.channel;
        }

        @Override
        public void close() {
            synchronized (BackendChannels.this) {
                if (closed) {
                    return;
                }
                closed = true;
                pooled.leases--;
                pooled.lastUsed = clock.getAsLong();
                if (pooled.retired && pooled.leases == 0) {
                    pooled.channel.shutdown();
                }
            }
        }
    }

    private static final class Pooled {
        final ManagedChannel channel;
        int leases;
        boolean retired;
        long lastUsed;

        Pooled(ManagedChannel channel, long lastUsed) {
            this.channel = channel;
            this.lastUsed = lastUsed;
        }
    }

    private final int maxChannels;
    private final long idleNanos;
    private final int maxMessageBytes;
    /** A client span per backend call, its W3C trace context (only that) sent along. */
    private final ClientInterceptor tracing;
    private final LongSupplier clock = System::nanoTime;
    /** Access order: the eldest entry is the least recently leased. */
    private final LinkedHashMap<PoolKey, Pooled> live = new LinkedHashMap<>(16, 0.75f, true);
    /** Retired channels whose calls are still running; each is shut down by its last lease. */
    private final List<Pooled> draining = new ArrayList<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "backend-channel-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public BackendChannels(ConnectConfig config, InternalCallTracing tracing) {
        this.tracing = tracing.client();
        this.maxChannels = config.maxBackendChannels();
        this.idleNanos = config.backendChannelIdle().toNanos();
        this.maxMessageBytes = config.maxMessageBytes();
        long period = Math.max(1, Math.min(config.backendChannelIdle().toMillis() / 2, 30_000));
        sweeper.scheduleWithFixedDelay(this::retireIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A lease on the channel to {@code backend}, opened if need be.
     *
     * @throws NoSparkBackendException when the backend's CA certificate cannot be used
     */
    public synchronized Lease lease(SparkBackend backend) throws NoSparkBackendException {
        PoolKey key = new PoolKey(backend.channelKey(), EventLoops.current());
        Pooled pooled = live.get(key);
        if (pooled == null) {
            pooled = new Pooled(open(backend, key.eventLoop()), clock.getAsLong());
            live.put(key, pooled);
            retireBeyondLimit();
        }
        pooled.leases++;
        pooled.lastUsed = clock.getAsLong();
        return new Lease(pooled);
    }

    /** Channels open now (live and draining), for tests and metrics. */
    public synchronized int openChannels() {
        draining.removeIf(p -> p.channel.isTerminated());
        return live.size() + draining.size();
    }

    /** A backend's channel on one event loop (null: grpc-netty's choice). */
    private record PoolKey(SparkBackend.ChannelKey channelKey, EventLoop eventLoop) {
    }

    private ManagedChannel open(SparkBackend backend, EventLoop eventLoop) throws NoSparkBackendException {
        // Always through DNS: a bare host:port is parsed as a URI, and a host named like a resolver
        // scheme (e.g. "unix") would pick that resolver instead.
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget("dns:///" + backend.endpoint())
                .maxInboundMessageSize(maxMessageBytes)
                // The backend's answers are handed to the client on the transport's thread, not
                // through an executor (a thread wake-up per message): the proxy's listener only
                // forwards and never blocks (as the server's calls do: see ConnectServer).
                .directExecutor()
                .intercept(tracing);
        EventLoops.on(builder, eventLoop);
        if (!backend.tls()) {
            builder.usePlaintext();
        } else if (!backend.caCertificate().isEmpty()) {
            try {
                builder.sslContext(GrpcSslContexts.forClient()
                        .trustManager(new ByteArrayInputStream(backend.caCertificate().getBytes(StandardCharsets.US_ASCII)))
                        .build());
            } catch (SSLException | IllegalArgumentException e) {
                LOG.warn("the CA certificate of Spark Connect backend {} cannot be used: {}", backend.endpoint(),
                        e.getMessage());
                throw new NoSparkBackendException("the backend's CA certificate cannot be used");
            }
        }
        return builder.build();
    }

    private void retireBeyondLimit() {
        Iterator<Pooled> eldest = live.values().iterator();
        while (live.size() > maxChannels && eldest.hasNext()) {
            Pooled pooled = eldest.next();
            eldest.remove();
            retire(pooled);
        }
    }

    private synchronized void retireIdle() {
        long now = clock.getAsLong();
        Iterator<Map.Entry<PoolKey, Pooled>> entries = live.entrySet().iterator();
        while (entries.hasNext()) {
            Pooled pooled = entries.next().getValue();
            if (pooled.leases == 0 && now - pooled.lastUsed >= idleNanos) {
                entries.remove();
                retire(pooled);
            }
        }
        draining.removeIf(p -> p.channel.isTerminated());
    }

    private void retire(Pooled pooled) {
        pooled.retired = true;
        if (pooled.leases == 0) {
            pooled.channel.shutdown();
        } else {
            draining.add(pooled);
        }
    }

    @PreDestroy
    void close() {
        sweeper.shutdownNow();
        List<Pooled> open = new ArrayList<>();
        synchronized (this) {
            open.addAll(live.values());
            open.addAll(draining);
            live.clear();
            draining.clear();
        }
        // Outside the lock: shutting a channel down now ends its calls, whose listeners run on this
        // thread (direct executor) and take their call's lock, which a call may hold while it
        // waits for this one (leasing or giving back a channel).
        open.forEach(p -> p.channel.shutdownNow());
    }
}
