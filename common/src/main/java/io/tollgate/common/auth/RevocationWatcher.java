package io.tollgate.common.auth;

import com.google.protobuf.Timestamp;
import io.tollgate.common.grpc.ReconnectingStream;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.Revocation;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link RevocationSet} current from auth-service's WatchRevocations stream: it catches
 * up from the last sequence it saw, then applies each revocation as it happens, reconnecting with
 * back-off. While auth-service is away it keeps what it has.
 */
public final class RevocationWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationWatcher.class);

    private final RevocationSet revocations;
    private final ReconnectingStream<WatchRevocationsResponse> stream;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private volatile long lastSequence;
    private volatile boolean caughtUp;

    public RevocationWatcher(AuthServiceGrpc.AuthServiceStub authService, RevocationSet revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "revocation-watcher");
            thread.setDaemon(true);
            return thread;
        });
        this.stream = new ReconnectingStream<>("WatchRevocations",
                // waitForReady: a stream opened while auth-service is away waits for it rather than
                // failing at once and pushing the shared channel into back-off.
                observer -> authService.withWaitForReady().watchRevocations(
                        WatchRevocationsRequest.newBuilder().setAfterSequence(lastSequence).build(), observer),
                this::apply, scheduler, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public void start() {
        stream.start();
        scheduler.scheduleAtFixedRate(() -> revocations.purgeExpired(clock.instant()), 1, 1, TimeUnit.MINUTES);
    }

    /** Whether the initial catch-up has completed at least once. */
    public boolean caughtUp() {
        return caughtUp;
    }

    private void apply(WatchRevocationsResponse response) {
        for (Revocation revocation : response.getRevocationsList()) {
            Instant revokedAt = instant(revocation.getRevokedAt());
            Instant expiresAt = instant(revocation.getExpiresAt());
            switch (revocation.getTarget().getTargetCase()) {
                case TOKEN_ID -> revocations.revokeToken(revocation.getTarget().getTokenId(), expiresAt);
                case SUBJECT -> revocations.revokeSubject(revocation.getTarget().getSubject().getTenantId(),
                        revocation.getTarget().getSubject().getSubject(), revokedAt, expiresAt);
                case TENANT_ID -> revocations.revokeTenant(revocation.getTarget().getTenantId(), revokedAt, expiresAt);
                default -> LOG.warn("revocation {} has no target; ignored", revocation.getSequence());
            }
            lastSequence = Math.max(lastSequence, revocation.getSequence());
        }
        if (response.getCaughtUp() && !caughtUp) {
            caughtUp = true;
            LOG.info("revocations caught up at sequence {}", lastSequence);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    @Override
    public void close() {
        stream.close();
        scheduler.shutdownNow();
    }
}
