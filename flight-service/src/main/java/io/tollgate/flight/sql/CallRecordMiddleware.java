package io.tollgate.flight.sql;

import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
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
 * Records every Flight call where operators look: times it and counts it by method, Flight SQL
 * command or action, status and tenant ({@link FlightMetrics}), and names its tenant and command on
 * the call's server span (common's public-door tracing opened it before this middleware was made;
 * its status code is the span's {@code rpc.grpc.status_code}). A call the auth middleware refuses
 * ends before any middleware hears of it (arrow-java closes it from the factory), so
 * {@link #countingRefusals} counts those; the tenant is the one the auth middleware verified
 * ({@link AuthMiddleware#TENANT}), and the command is named by the producer once it has recognised
 * it ({@link #command}) from Flight SQL's closed list, never from the caller's bytes as such: a
 * span never carries SQL text, a table name or a credential.
 */
public final class CallRecordMiddleware implements FlightServerMiddleware {
    /** The key under which the producer finds this middleware in its call context. */
    public static final Key<CallRecordMiddleware> KEY = Key.of("tollgate-call-record");
    /** The command of a call that names none (a handshake) or that was not recognised. */
    static final String NO_COMMAND = "none";
    /** The verified tenant, on the call's span. */
    public static final AttributeKey<String> TENANT_ATTRIBUTE = AttributeKey.stringKey("tollgate.tenant");
    /** The Flight SQL command or action, on the call's span. */
    public static final AttributeKey<String> COMMAND_ATTRIBUTE = AttributeKey.stringKey("tollgate.flight.command");

    private final FlightMetrics metrics;
    private final Timer.Sample sample;
    private final String method;
    private final RequestContext context;
    /** Kept, not looked up: the producer may name the command on a thread of its own. */
    private final Span span;
    private volatile String command = NO_COMMAND;

    private CallRecordMiddleware(FlightMetrics metrics, String method, RequestContext context) {
        this.metrics = metrics;
        this.sample = metrics.start();
        this.method = method;
        this.context = context;
        this.span = Span.current();
    }

    /**
     * Names the call's Flight SQL command or action, when the producer has recognised it (the auth
     * middleware has verified the tenant by then).
     */
    static void command(FlightProducer.CallContext call, String name) {
        CallRecordMiddleware middleware = call.getMiddleware(KEY);
        if (middleware != null) {
            middleware.command = name;
            middleware.span.setAttribute(COMMAND_ATTRIBUTE, name);
            String tenant = middleware.context.get(AuthMiddleware.TENANT);
            if (tenant != null) {
                middleware.span.setAttribute(TENANT_ATTRIBUTE, tenant);
            }
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
    public static final class Factory implements FlightServerMiddleware.Factory<CallRecordMiddleware> {
        private final FlightMetrics metrics;

        public Factory(FlightMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public CallRecordMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            return new CallRecordMiddleware(metrics, methodOf(info), context);
        }
    }
}
