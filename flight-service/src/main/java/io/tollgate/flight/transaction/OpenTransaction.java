package io.tollgate.flight.transaction;

import io.tollgate.flight.tenant.TenantSession;

import java.time.Instant;
import java.util.concurrent.Semaphore;

/**
 * One open transaction: its pinned tenant session, and who may use it. One call at a time holds
 * {@link #inUse}; whoever ends it (the client, or the idle reaper) does so holding it, and marks it
 * ended so that a call that was waiting finds it gone rather than using a closed connection.
 */
final class OpenTransaction {
    final TransactionId id;
    final TenantSession session;
    // The backend login (so the pool) the session came from: transactions are bounded per pool.
    final String login;
    final Semaphore inUse = new Semaphore(1);
    volatile Instant lastUsed;
    // Read and written only while holding inUse.
    boolean ended;

    OpenTransaction(TransactionId id, TenantSession session, String login, Instant now) {
        this.id = id;
        this.session = session;
        this.login = login;
        this.lastUsed = now;
    }
}
