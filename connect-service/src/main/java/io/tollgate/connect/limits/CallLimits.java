package io.tollgate.connect.limits;

import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.session.Caller;
import io.tollgate.connect.session.LimitExceededException;
import jakarta.inject.Singleton;

/**
 * The replica's limits on a call of any method, taken when its caller is verified: a slot among
 * the open calls, then each message's size and its bytes in flight.
 */
@Singleton
public class CallLimits {
    private final OpenCallCaps caps;
    private final BytesInFlight bytes;
    private final RequestSizes sizes;

    public CallLimits(OpenCallCaps caps, BytesInFlight bytes, RequestSizes sizes) {
        this.caps = caps;
        this.bytes = bytes;
        this.sizes = sizes;
    }

    /**
     * Opens a call within its tenant's and its user's caps.
     *
     * @throws LimitExceededException naming the cap
     */
    public CallAllowance open(Caller caller, SparkMethod method) throws LimitExceededException {
        return new CallAllowance(caller.tenantId(), method, caps.open(caller.tenantId(), caller.principal().subject()),
                bytes, sizes);
    }
}
