package io.tollgate.flight.transaction;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.TransactionConfig;
import io.tollgate.flight.tenant.TenantSession;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This replica's open transactions, each pinning one tenant connection: bounded in number, handed
 * to one call at a time, and rolled back when left idle. Only the tenant and subject that began a
 * transaction can use it; an id from anyone else is refused exactly like a forged one.
 */
@Singleton
public class TransactionRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionRegistry.class);

    private final String replicaId;
    private final TransactionConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, OpenTransaction> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    @Inject
    public TransactionRegistry(TransactionConfig config) {
        this(config, Clock.systemUTC(), true);
    }

    TransactionRegistry(TransactionConfig config, Clock clock, boolean reapInBackground) {
        this.config = config;
        this.clock = clock;
        this.replicaId = randomHex(12);
        if (reapInBackground) {
            long periodMs = Math.max(50, Math.min(config.idleTimeout().toMillis() / 4, 10_000));
            this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "transaction-reaper");
                thread.setDaemon(true);
                return thread;
            });
            reaper.scheduleWithFixedDelay(this::reapIdle, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } else {
            this.reaper = null;
        }
    }

    /** This process's id: transaction ids name it, and only this process accepts them. */
    public String replicaId() {
        return replicaId;
    }

    /** How long a transaction may stay idle. */
    public Duration idleTimeout() {
        return config.idleTimeout();
    }

    /**
     * Takes charge of a begun transaction.
     *
     * @param tenantLimit the most transactions the tenant's backend can hold open here
     * @throws TransactionException ({@link TransactionException.Kind#LIMIT}) when full; the
     *                              caller then still owns the session
     */
    public TransactionId register(Principal principal, TenantSession session, int tenantLimit) {
        return register(principal, session, "", tenantLimit);
    }

    /**
     * Takes charge of a begun transaction whose session came from the pool of one backend login.
     *
     * @param login     the backend login the session logs in as (its pool's)
     * @param poolLimit the most transactions that login's pool can hold open here
     * @throws TransactionException ({@link TransactionException.Kind#LIMIT}) when full; the
     *                              caller then still owns the session
     */
    public synchronized TransactionId register(Principal principal, TenantSession session, String login,
                                               int poolLimit) {
        long ofTenant = open.values().stream().filter(t -> t.id.tenantId().equals(principal.tenantId())).count();
        long ofPool = open.values().stream()
                .filter(t -> t.id.tenantId().equals(principal.tenantId()) && t.login.equals(login)).count();
        if (open.size() >= config.maxOpen() || ofTenant >= config.maxOpenPerTenant() || ofPool >= poolLimit) {
            throw new TransactionException(TransactionException.Kind.LIMIT);
        }
        TransactionId id = new TransactionId(principal.tenantId(), principal.subject(), replicaId, randomHex(16));
        open.put(id.key(), new OpenTransaction(id, session, login, clock.instant()));
        return id;
    }

    /** The transaction, for one call of its owner; waits while another call uses it. */
    public TransactionLease lease(TransactionId id, Principal principal) {
        OpenTransaction transaction = acquire(id, principal);
        return new TransactionLease(transaction, clock);
    }

    /** Ends the transaction: commits or rolls back, and releases its connection. */
    public void end(TransactionId id, Principal principal, boolean commit) throws SQLException {
        OpenTransaction transaction = acquire(id, principal);
        try {
            finish(transaction, commit);
        } finally {
            transaction.inUse.release();
        }
    }

    /** How many transactions are open here. */
    public int size() {
        return open.size();
    }

    private OpenTransaction acquire(TransactionId id, Principal principal) {
        if (!id.tenantId().equals(principal.tenantId()) || !id.subject().equals(principal.subject())) {
            throw new TransactionException(TransactionException.Kind.INVALID);
        }
        if (!id.replicaId().equals(replicaId)) {
            throw new TransactionException(TransactionException.Kind.ELSEWHERE);
        }
        OpenTransaction transaction = open.get(id.key());
        if (transaction == null) {
            throw new TransactionException(TransactionException.Kind.NOT_FOUND);
        }
        if (!transaction.id.equals(id)) {
            // The key is random and the id signed, so this cannot happen short of a bug: fail closed.
            throw new TransactionException(TransactionException.Kind.INVALID);
        }
        try {
            if (!transaction.inUse.tryAcquire(config.busyWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TransactionException(TransactionException.Kind.BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransactionException(TransactionException.Kind.BUSY);
        }
        if (transaction.ended) {
            transaction.inUse.release();
            throw new TransactionException(TransactionException.Kind.NOT_FOUND);
        }
        return transaction;
    }

    // Called holding transaction.inUse.
    private void finish(OpenTransaction transaction, boolean commit) throws SQLException {
        transaction.ended = true;
        open.remove(transaction.id.key());
        try (TenantSession session = transaction.session) {
            if (commit) {
                session.commit();
            }
        }
    }

    /** Rolls back every transaction idle for longer than the idle timeout. */
    void reapIdle() {
        Instant cutoff = clock.instant().minus(config.idleTimeout());
        for (OpenTransaction transaction : List.copyOf(open.values())) {
            if (transaction.lastUsed.isBefore(cutoff) && transaction.inUse.tryAcquire()) {
                try {
                    if (!transaction.ended && transaction.lastUsed.isBefore(cutoff)) {
                        LOG.info("rolling back a transaction of tenant {} left idle for more than {}",
                                transaction.id.tenantId(), config.idleTimeout());
                        finish(transaction, false);
                    }
                } catch (SQLException | RuntimeException e) {
                    LOG.warn("rolling back an idle transaction failed: {}", e.toString());
                } finally {
                    transaction.inUse.release();
                }
            }
        }
    }

    @PreDestroy
    @Override
    public void close() {
        if (reaper != null) {
            reaper.shutdownNow();
        }
        for (OpenTransaction transaction : List.copyOf(open.values())) {
            boolean held = false;
            try {
                // A call still streaming gets a moment to finish; its connection is rolled back
                // when the pool closes anyway.
                held = transaction.inUse.tryAcquire(5, TimeUnit.SECONDS);
                if (held && !transaction.ended) {
                    finish(transaction, false);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("rolling back a transaction at shutdown failed: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                if (held) {
                    transaction.inUse.release();
                }
            }
        }
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
