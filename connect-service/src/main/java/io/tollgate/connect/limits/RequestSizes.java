package io.tollgate.connect.limits;

import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.config.ConnectLimitsConfig;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.session.LimitExceededException;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.Set;

/**
 * The largest request each method may send: {@code max-message-bytes} for the methods that carry a
 * plan or artifact bytes, {@code small-request-bytes} for the rest (a Config or an Interrupt of
 * 100 MiB is no client's, only an attacker's way to take memory).
 */
@Singleton
public class RequestSizes {
    private static final Set<SparkMethod> CARRY_PLANS_OR_ARTIFACTS = EnumSet.of(
            SparkMethod.EXECUTE_PLAN, SparkMethod.ANALYZE_PLAN, SparkMethod.ADD_ARTIFACTS);

    private final int largest;
    private final int small;

    public RequestSizes(ConnectConfig config, ConnectLimitsConfig limits) {
        this.largest = config.maxMessageBytes();
        this.small = Math.min(limits.smallRequestBytes(), largest);
    }

    /** The largest request {@code method} may send, in bytes. */
    public int max(SparkMethod method) {
        return CARRY_PLANS_OR_ARTIFACTS.contains(method) ? largest : small;
    }

    /**
     * Checks a request's size.
     *
     * @throws LimitExceededException when it is over its method's maximum
     */
    public void check(SparkMethod method, long bytes) throws LimitExceededException {
        if (bytes > max(method)) {
            throw new LimitExceededException(CARRY_PLANS_OR_ARTIFACTS.contains(method) ? "max-message-bytes"
                    : "small-request-bytes", max(method), "largest " + method.rpcName() + " request");
        }
    }
}
