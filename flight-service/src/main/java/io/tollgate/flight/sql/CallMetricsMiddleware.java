package io.tollgate.flight.sql;

import io.micrometer.core.instrument.Timer;
import io.tollgate.flight.auth.AuthMiddleware;
import io.tollgate.flight.metrics.FlightMetrics;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

import java.util.Locale;

/**
 * Times every Flight call and counts it by method, Flight SQL command or action, status and tenant
 * ({@link FlightMetrics}). A call the auth middleware refuses ends before any middleware hears of
 * it (arrow-java closes it from the factory), so {@link #countingRefusals} counts those; the
 * tenant is the one the auth middleware verified ({@link AuthMiddleware#TENANT}), and
 * the command is named by the producer once it has recognised it ({@link #command}) from Flight
 * SQL's closed list, never from the caller's bytes as such.
 */
public final class CallMetricsMiddleware implements FlightServerMiddleware {
    /** The key under which the producer finds this middleware in its call context. */
    public static final Key<CallMetricsMiddleware> KEY = Key.of("tollgate-call-metrics");
    /** The command of a call that names none (a handshake) or that was not recognised. */
    static final String NO_COMMAND = "none";

    private final FlightMetrics metrics;
    private final Timer.Sample sample;
    private final String method;
    private final RequestContext context;
    private volatile String command = NO_COMMAND;

    private CallMetricsMiddleware(FlightMetrics metrics, String method, RequestContext context) {
        this.metrics = metrics;
        this.sample = metrics.start();
        this.method = method;
        this.context = context;
    }

    /** Names the call's Flight SQL command or action, when the producer has recognised it. */
    static void command(FlightProducer.CallContext call, String name) {
        CallMetricsMiddleware middleware = call.getMiddleware(KEY);
        if (middleware != null) {
            middleware.command = name;
        }
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
    }

    @Override
    public void onCallCompleted(CallStatus status) {
        metrics.called(sample, method, command, status.code().name(), context.get(AuthMiddleware.TENANT));
    }

    @Override
    public void onCallErrored(Throwable err) {
    }

    /**
     * The factory, counting the calls it refuses (with no tenant: none was verified) before
     * arrow-java closes them.
     */
    public static <T extends FlightServerMiddleware> FlightServerMiddleware.Factory<T> countingRefusals(
            FlightMetrics metrics, FlightServerMiddleware.Factory<T> factory) {
        return (info, incomingHeaders, context) -> {
            Timer.Sample sample = metrics.start();
            try {
                return factory.onCallStarted(info, incomingHeaders, context);
            } catch (FlightRuntimeException e) {
                metrics.called(sample, methodOf(info), NO_COMMAND, e.status().code().name(), null);
                throw e;
            }
        };
    }

    private static String methodOf(CallInfo info) {
        return info.method().name().toLowerCase(Locale.ROOT);
    }

    /** Makes one per call. */
    public static final class Factory implements FlightServerMiddleware.Factory<CallMetricsMiddleware> {
        private final FlightMetrics metrics;

        public Factory(FlightMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public CallMetricsMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new CallMetricsMiddleware(metrics, methodOf(info), context);
        }
    }
}
