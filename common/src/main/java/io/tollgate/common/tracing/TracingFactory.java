package io.tollgate.common.tracing;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.tracing.opentelemetry.DefaultOpenTelemetryFactory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the SDK from {@link TracingConfig}: spans named after the service
 * ({@code micronaut.application.name}), sampled by ratio at the root and by the parent's decision
 * after, each exporter behind {@link RedactingSpanExporter} and a bounded batch queue (the SDK's:
 * 2,048 spans, dropped beyond, never blocking a call). Other {@link SpanExporter} beans (a test's
 * in-memory one) are added to the OTLP one. Replaces micronaut-tracing's factory, which reads
 * {@code otel.*} and the process environment: one set of keys, documented with the others.
 */
@Factory
public class TracingFactory {
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    /** Public for a test's stand-in of another service, which needs an SDK of its own. */
    @Singleton
    @Bean(preDestroy = "close")
    public Tracing tracing(TracingConfig config, List<SpanExporter> extraExporters,
                    @Value("${micronaut.application.name:tollgate}") String serviceName) {
        List<SpanExporter> exporters = new ArrayList<>(extraExporters);
        if (config.otlpEndpoint() != null) {
            exporters.add(OtlpHttpSpanExporter.builder().setEndpoint(config.otlpEndpoint().toString()).build());
        }
        SdkTracerProviderBuilder tracers = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())));
        for (SpanExporter exporter : exporters) {
            tracers.addSpanProcessor(BatchSpanProcessor.builder(new RedactingSpanExporter(exporter)).build());
        }
        return new Tracing(OpenTelemetrySdk.builder().setTracerProvider(tracers.build()).build(),
                config.trustCallerContext());
    }

    /** What Micronaut's HTTP server spans (and anything else asking for OpenTelemetry) use: public doors. */
    @Singleton
    @Replaces(bean = OpenTelemetry.class, factory = DefaultOpenTelemetryFactory.class)
    OpenTelemetry openTelemetry(Tracing tracing) {
        return tracing.publicDoors();
    }
}
