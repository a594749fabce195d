package io.tollgate.catalog.audit;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One recorded mutation.
 *
 * @param id         its position in the trail (increasing), 0 before it is stored
 * @param time       when it ended
 * @param tenantId   the caller's tenant
 * @param subject    the caller (an account's name@tenant or a client id)
 * @param operation  what was asked, e.g. {@code table.commit}
 * @param target     what it was asked of
 * @param outcome    how it ended
 * @param requestId  the request's id
 */
public record AuditEvent(long id, Instant time, String tenantId, String subject, String operation,
                         AuditTarget target, AuditOutcome outcome, String requestId) {

    @Nullable
    public Long snapshotId() {
        return target.snapshotId();
    }
}
