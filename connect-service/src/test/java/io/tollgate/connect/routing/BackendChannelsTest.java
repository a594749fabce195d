package io.tollgate.connect.routing;

import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.common.tracing.TracingConfig;
import io.tollgate.common.tracing.TracingFactory;
import io.tollgate.connect.config.ConnectConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool keeps at most its limit of channels live, and a retired channel serves its calls to their end. */
class BackendChannelsTest {
    private static ConnectConfig config(int maxChannels) {
        return new ConnectConfig("127.0.0.1", 0, true, 1 << 20, 1, 1, 1, Duration.ofHours(1), maxChannels,
                Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(5), 32, List.of());
    }

    private static SparkBackend backend(String endpoint) {
        return new SparkBackend(endpoint, false, "", "");
    }

    @Test
    void theLeastRecentlyUsedChannelIsRetiredButClosesOnlyWhenItsLastCallEnds() throws Exception {
        Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "connect-service");
        BackendChannels channels = new BackendChannels(config(2), new InternalCallTracing(tracing));
        try {
            BackendChannels.Lease first = channels.lease(backend("127.0.0.1:1"));
            channels.lease(backend("127.0.0.1:2")).close();
            BackendChannels.Lease third = channels.lease(backend("127.0.0.1:3"));

            // The first channel is beyond the limit but still has a call: it drains, not closes.
            assertEquals(3, channels.openChannels());
            assertTrue(!((io.grpc.ManagedChannel) first.channel()).isShutdown());
            first.close();
            assertTrue(((io.grpc.ManagedChannel) first.channel()).isShutdown());

            BackendChannels.Lease again = channels.lease(backend("127.0.0.1:3"));
            assertSame(third.channel(), again.channel(), "a live channel is shared by its backend's calls");
        } finally {
            channels.close();
            tracing.close();
        }
    }

    @Test
    void aHostNamedLikeAResolverSchemeIsStillAHostName() throws Exception {
        Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(), "connect-service");
        BackendChannels channels = new BackendChannels(config(2), new InternalCallTracing(tracing));
        try (BackendChannels.Lease lease = channels.lease(backend("unix:15002"))) {
            assertEquals("unix:15002", lease.channel().authority());
        } finally {
            channels.close();
        }
    }
}
