package io.tollgate.flight.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.common.metrics.TenantTags;
import jakarta.inject.Singleton;

/**
 * Flight calls and what they streamed. {@code method}, {@code command} and {@code status} come from
 * closed lists (Flight's methods, Flight SQL's commands and actions, gRPC's status codes), so the
 * series stay few.
 */
@Singleton
public class FlightMetrics {
    static final String CALLS = "tollgate.flight.calls";
    static final String ROWS = "tollgate.flight.streamed.rows";
    static final String BYTES = "tollgate.flight.streamed";

    /** What one result stream adds to, resolved once per stream rather than per batch. */
    public record StreamCounters(Counter rows, Counter bytes) {
        /** One batch of {@code rowCount} rows and {@code byteCount} Arrow buffer bytes was sent. */
        public void sent(long rowCount, long byteCount) {
            rows.increment(rowCount);
            bytes.increment(byteCount);
        }
    }

    private final MeterRegistry registry;
    private final TenantTags tenants;

    public FlightMetrics(MeterRegistry registry, TenantTags tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    /** Starts timing a call. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /**
     * A call ended.
     *
     * @param tenantId the verified caller's tenant, or null when the call had none (refused, or
     *                 before a login)
     */
    public void called(Timer.Sample sample, String method, String command, String status, String tenantId) {
        sample.stop(Timer.builder(CALLS).description("Flight calls by method, Flight SQL command or action, and status")
                .tag("method", method).tag("command", command).tag("status", status)
                .tag("tenant", tenants.of(tenantId))
                .register(registry));
    }

    /** The counters of one result stream to a verified caller of {@code tenantId}. */
    public StreamCounters streamed(String tenantId) {
        String tenant = tenants.of(tenantId);
        return new StreamCounters(
                Counter.builder(ROWS).description("Rows streamed to clients (DoGet)").tag("tenant", tenant)
                        .register(registry),
                Counter.builder(BYTES).description("Arrow buffer bytes of the record batches streamed (DoGet)")
                        .baseUnit("bytes").tag("tenant", tenant).register(registry));
    }
}
