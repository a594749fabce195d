package io.tollgate.connect.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * connect-service's own settings ({@code tollgate.connect.*}).
 *
 * @param host                   the address the Spark Connect endpoint listens on
 * @param port                   the Spark Connect port (Spark's own default, 15002)
 * @param plaintext              serve without TLS; only for development on localhost (Spark's
 *                               clients send tokens in the clear only to {@code localhost}). Without
 *                               it, an endpoint with no certificate does not start
 * @param maxMessageBytes        the largest message taken from a client or a backend: Spark's plans
 *                               and result batches are far above gRPC's 4 MiB default
 * @param maxSessions            sessions a tenant may hold open at once, when its quota says 0
 * @param maxOperations          operations (ExecutePlan, ReattachExecute streams) a tenant may run
 *                               at once, when its quota says 0
 * @param maxArtifactBytes       artifact bytes one session may upload, when the tenant's quota says 0
 * @param sessionIdleTimeout     a session with no call for this long no longer counts as open
 *                               (Spark's own default session timeout is one hour)
 * @param maxBackendChannels     channels to backends kept at once (one per backend and event
 *                               loop); the least recently used one beyond it is closed once its
 *                               calls have finished
 * @param backendChannelIdle     a channel to a backend unused for this long is closed likewise
 * @param interruptTimeout       the deadline of an Interrupt the gateway sends a backend
 * @param revocationCheckInterval how often open calls are checked against revocations and
 *                               tenant suspensions (they end within about this long)
 * @param firstRequestTimeout    a call that has sent no request this long after its headers is
 *                               ended (DEADLINE_EXCEEDED)
 * @param connectionIdle         a client connection with no call for this long is closed
 * @param connectionMaxAge       a client connection is asked to go away (GOAWAY) after this long,
 *                               so that no connection lives on past its caller's token
 * @param connectionAgeGrace     the calls of a connection past its age may finish within this long;
 *                               Spark's clients re-attach a longer operation on a new connection
 * @param maxCallsPerConnection  calls one client connection may have open at once
 * @param forwardedHeaders       client headers passed on to backends besides traceparent and
 *                               tracestate (none by default; never credentials, transport or
 *                               binary headers)
 */
@ConfigurationProperties("tollgate.connect")
public record ConnectConfig(
        @Bindable(defaultValue = "0.0.0.0") String host,
        @Bindable(defaultValue = "15002") int port,
        @Bindable(defaultValue = "false") boolean plaintext,
        @Bindable(defaultValue = "134217728") int maxMessageBytes,
        @Bindable(defaultValue = "32") int maxSessions,
        @Bindable(defaultValue = "16") int maxOperations,
        @Bindable(defaultValue = "1073741824") long maxArtifactBytes,
        @Bindable(defaultValue = "1h") Duration sessionIdleTimeout,
        @Bindable(defaultValue = "256") int maxBackendChannels,
        @Bindable(defaultValue = "10m") Duration backendChannelIdle,
        @Bindable(defaultValue = "5s") Duration interruptTimeout,
        @Bindable(defaultValue = "200ms") Duration revocationCheckInterval,
        @Bindable(defaultValue = "20s") Duration firstRequestTimeout,
        @Bindable(defaultValue = "5m") Duration connectionIdle,
        @Bindable(defaultValue = "1h") Duration connectionMaxAge,
        @Bindable(defaultValue = "5m") Duration connectionAgeGrace,
        @Bindable(defaultValue = "32") int maxCallsPerConnection,
        @Nullable List<String> forwardedHeaders) {
}
