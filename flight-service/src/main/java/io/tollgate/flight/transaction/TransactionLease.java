package io.tollgate.flight.transaction;

import io.tollgate.flight.tenant.TenantSession;

import java.time.Clock;

/** One call's use of an open transaction; closing it lets the next call in and restarts the idle clock. */
public final class TransactionLease implements AutoCloseable {
    private final OpenTransaction transaction;
    private final Clock clock;
    private boolean released;

    TransactionLease(OpenTransaction transaction, Clock clock) {
        this.transaction = transaction;
        this.clock = clock;
    }

    public TenantSession session() {
        return transaction.session;
    }

    @Override
    public void close() {
        if (!released) {
            released = true;
            transaction.lastUsed = clock.instant();
            transaction.inUse.release();
        }
    }
}
