package io.tollgate.auth.service.revocation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.common.auth.RevocationSet;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this replica's {@link RevocationSet} (what its TokenVerifier refuses) current from its own
 * revocation log, the way other services keep theirs from WatchRevocations, but without the
 * network: a {@link RevocationWatch} on the local feed. The catch-up runs on {@link StartupEvent},
 * before the HTTP and gRPC servers start, so no check is ever answered from an empty set; after it
 * every revocation any replica commits arrives within the feed's poll interval (at once for this
 * replica's own).
 */
@Singleton
public class LocalRevocationMirror implements ApplicationEventListener<StartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRevocationMirror.class);

    private final RevocationService revocations;
    private final RevocationSet set;
    private final Clock clock;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "revocation-mirror-purge");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RevocationWatch watch;

    public LocalRevocationMirror(RevocationService revocations, RevocationSet set, Clock clock) {
        this.revocations = revocations;
        this.set = set;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        RevocationWatch started = revocations.watch(0, new Sink());
        started.start();
        watch = started;
        purger.scheduleAtFixedRate(() -> set.purgeExpired(clock.instant()), 1, 1, TimeUnit.MINUTES);
        LOG.info("revocation mirror caught up: {} entries in force", set.size());
    }

    @PreDestroy
    void close() {
        purger.shutdownNow();
        RevocationWatch current = watch;
        if (current != null) {
            current.close();
        }
    }

    private void apply(Revocation revocation) {
        RevocationTarget target = revocation.target();
        if (target instanceof RevocationTarget.Token token) {
            set.revokeToken(token.tokenId(), revocation.expiresAt());
        } else if (target instanceof RevocationTarget.Subject subject) {
            set.revokeSubject(subject.tenantId(), subject.subject(), revocation.revokedAt(), revocation.expiresAt());
        } else if (target instanceof RevocationTarget.Tenant tenant) {
            set.revokeTenant(tenant.tenantId(), revocation.revokedAt(), revocation.expiresAt());
        }
    }

    /** Applies the watch's messages; the watch calls it under its own lock. */
    private final class Sink implements RevocationWatch.Sink {
        @Override
        public void send(List<Revocation> page, boolean caughtUp) {
            page.forEach(LocalRevocationMirror.this::apply);
        }

        @Override
        public void closeForShutdown() {
            LOG.debug("revocation feed closed; the mirror stops following it");
        }
    }
}
