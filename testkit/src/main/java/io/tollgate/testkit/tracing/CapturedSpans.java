package io.tollgate.testkit.tracing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.testkit.await.Await;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Captures a service's exported spans in memory (OpenTelemetry's {@link InMemorySpanExporter}),
 * when the service is started with {@link #properties()}: the exporter is one more
 * {@link SpanExporter} bean, so spans pass the service's real sampler, batch queue and redaction
 * on their way to it. Only for tests: it keeps what a test makes, which a test bounds.
 */
@Factory
@Requires(property = CapturedSpans.ENABLED, value = "true")
public class CapturedSpans {
    /** The switch; no service reads it. */
    public static final String ENABLED = "tollgate.test.capture-spans";

    @Singleton
    InMemorySpanExporter capturedSpans() {
        return InMemorySpanExporter.create();
    }

    /** The property that adds the in-memory exporter to a service started for a test. */
    public static Map<String, String> properties() {
        return Map.of(ENABLED, "true");
    }

    /** Every span the service has ended so far, exported now. */
    public static List<SpanData> of(ApplicationContext service) {
        service.getBean(Tracing.class).flush();
        return service.getBean(InMemorySpanExporter.class).getFinishedSpanItems();
    }

    /**
     * Waits until the service has ended a span of this kind and name (a server's span can end just
     * after its caller has the answer) and returns it.
     */
    public static SpanData await(ApplicationContext service, SpanKind kind, String name) {
        return Await.value(() -> of(service).stream()
                        .filter(span -> span.getKind() == kind && span.getName().equals(name)).findFirst(),
                Optional::isPresent, Duration.ofSeconds(10), "a " + kind + " span " + name).orElseThrow();
    }

    /** Forgets what was captured so far (exported first), between tests that share a service. */
    public static void reset(ApplicationContext service) {
        service.getBean(Tracing.class).flush();
        service.getBean(InMemorySpanExporter.class).reset();
    }
}
