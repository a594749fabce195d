package io.tollgate.connect.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tollgate.common.metrics.TenantTags;
import io.tollgate.connect.limits.BytesInFlight;
import io.tollgate.connect.limits.OpenCallCaps;
import io.tollgate.connect.session.TenantLimits;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The meters. {@code method} and {@code status} come from closed lists (Spark Connect's RPCs, gRPC's
 * status codes) and {@code tenant} from {@link TenantTags}, so the series stay few: at most
 * {@code tollgate.metrics.tenant-series} + 2 tenant values per meter.
 */
@Singleton
public class ConnectMetrics {
    static final String CALLS = "tollgate.connect.calls";
    static final String BYTES = "tollgate.connect.message";
    static final String SESSIONS = "tollgate.connect.sessions";
    static final String OPERATIONS = "tollgate.connect.operations";
    static final String BYTES_IN_FLIGHT = "tollgate.connect.bytes.in.flight";
    static final String OPEN_CALLS = "tollgate.connect.calls.open";

    private final MeterRegistry registry;
    private final TenantTags tenants;
    private final TenantLimits limits;
    /** The tags whose usage gauges are registered; no more than {@link TenantTags} gives out. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    /*
     * The meters of each series, looked up here rather than built and registered on every call (a
     * registry's look-up sorts and hashes the tags). Bounded as the series are: closed lists of
     * methods and statuses, and TenantTags' tags.
     */
    private final ConcurrentHashMap<CallSeries, Timer> callTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, TenantBytes> tenantBytes = new ConcurrentHashMap<>();

    private record CallSeries(String method, String status, String tenant) {
    }

    /** A tenant tag's byte counters each way. */
    record TenantBytes(Counter received, Counter sent) {
    }

    public ConnectMetrics(MeterRegistry registry, TenantTags tenants, TenantLimits limits, BytesInFlight inFlight,
                          OpenCallCaps openCalls) {
        this.registry = registry;
        this.tenants = tenants;
        this.limits = limits;
        Gauge.builder(BYTES_IN_FLIGHT, inFlight, BytesInFlight::total).baseUnit("bytes")
                .description("Spark Connect message bytes the gateway holds now, counted against tollgate.connect.limits.bytes-in-flight")
                .register(registry);
        Gauge.builder(OPEN_CALLS, openCalls, OpenCallCaps::open)
                .description("Spark Connect calls open now, counted against tollgate.connect.limits.max-calls-per-tenant")
                .register(registry);
    }

    /** The tag of a verified tenant id (or of none, for null). */
    String tenantTag(String tenantId) {
        return tenantId == null ? TenantTags.NONE : tenants.of(tenantId);
    }

    Timer.Sample start() {
        return Timer.start(registry);
    }

    /** A call ended with {@code status}; {@code tenant} is a tag from {@link #tenantTag}. */
    void called(Timer.Sample sample, String method, String status, String tenant) {
        sample.stop(callTimers.computeIfAbsent(new CallSeries(method, status, tenant), series ->
                Timer.builder(CALLS).description("Spark Connect calls by RPC, status and tenant")
                        .tag("method", series.method()).tag("status", series.status()).tag("tenant", series.tenant())
                        .register(registry)));
    }

    /** The counters of message bytes of a tenant tag, from clients (received) and to them (sent). */
    TenantBytes bytes(String tenant) {
        return tenantBytes.computeIfAbsent(tenant, tag -> new TenantBytes(bytes("received", tag), bytes("sent", tag)));
    }

    private Counter bytes(String direction, String tenant) {
        return Counter.builder(BYTES).description("Spark Connect message bytes, from clients (received) and to them (sent)")
                .baseUnit("bytes").tag("direction", direction).tag("tenant", tenant).register(registry);
    }

    /**
     * Gauges of what the tenants under {@code tenant} hold against their limits, registered when a
     * tag is first seen (a tag never outnumbers {@link TenantTags}' bound); read at each scrape.
     */
    void watchUsage(String tenant) {
        if (TenantTags.NONE.equals(tenant) || !watched.add(tenant)) {
            return;
        }
        Gauge.builder(SESSIONS, () -> held(tenant, TenantLimits.Usage::sessions))
                .description("Spark Connect sessions open, counted against max_spark_sessions")
                .tag("tenant", tenant).register(registry);
        Gauge.builder(OPERATIONS, () -> held(tenant, TenantLimits.Usage::operations))
                .description("Spark Connect operations running, counted against max_spark_operations")
                .tag("tenant", tenant).register(registry);
    }

    private int held(String tenant, ToIntFunction<TenantLimits.Usage> count) {
        return limits.usage().entrySet().stream()
                .filter(e -> tenant.equals(tenants.of(e.getKey())))
                .mapToInt(e -> count.applyAsInt(e.getValue())).sum();
    }
}
