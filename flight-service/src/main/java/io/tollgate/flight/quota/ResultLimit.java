package io.tollgate.flight.quota;

import io.tollgate.flight.tenant.TenantRoute;

/**
 * What one result (one stream) has sent against its tenant's row and byte quotas. Charged once per
 * record batch, before the batch is sent, so that no row past a limit reaches the client and the
 * cost is a few additions per batch, never a check per value.
 */
public final class ResultLimit {
    private final long maxRows;
    private final long maxBytes;
    private long rows;
    private long bytes;

    private ResultLimit(long maxRows, long maxBytes) {
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    /** Rows counted so far. */
    public long rows() {
        return rows;
    }

    /** Bytes counted so far. */
    public long bytes() {
        return bytes;
    }

    /** The limits of the tenant's quotas (0: none). */
    public static ResultLimit of(TenantRoute.Quotas quotas) {
        return new ResultLimit(quotas.maxResultRows(), quotas.maxResultBytes());
    }

    /**
     * Counts a batch about to be sent.
     *
     * @throws QuotaExceededException when the result with this batch would exceed a limit; the batch
     *                                is then not counted and must not be sent
     */
    public void charge(long batchRows, long batchBytes) {
        if (maxRows > 0 && rows + batchRows > maxRows) {
            throw QuotaExceededException.resultRows(maxRows);
        }
        if (maxBytes > 0 && bytes + batchBytes > maxBytes) {
            throw QuotaExceededException.resultBytes(maxBytes);
        }
        rows += batchRows;
        bytes += batchBytes;
    }
}
