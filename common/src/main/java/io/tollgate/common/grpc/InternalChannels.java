package io.tollgate.common.grpc;

import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingClientInterceptor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.common.tls.InternalTls;
import io.tollgate.common.tracing.InternalCallTracing;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the channels to internal services: micronaut-grpc's builder for {@code grpc.channels.<name>}
 * (address and tuning from configuration), then this service's certificate presented and the
 * server required to be the expected service (its certificate's name is checked in place of the
 * dialled host, so the same certificates work behind any address), and the default unary deadline.
 * A client span per call carries the trace context to the callee. Where metrics are on, every call
 * is counted and timed by method and status (Micrometer's {@code grpc.client.*}) and the channel's
 * state is a gauge, {@code tollgate.grpc.channel.ready}.
 */
@Singleton
final class InternalChannels {
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    private final ApplicationContext context;
    private final InternalTls tls;
    private final InternalCallTracing tracing;

    InternalChannels(ApplicationContext context, InternalTls tls, InternalCallTracing tracing) {
        this.context = context;
        this.tls = tls;
        this.tracing = tracing;
    }

    /**
     * The interceptors of every channel: the deadline, the metrics where they are on, then (outermost,
     * the last runs first) the client span, so that the span covers the whole call, deadline included.
     */
    private List<ClientInterceptor> interceptors(Duration deadline) {
        List<ClientInterceptor> interceptors = new ArrayList<>();
        interceptors.add(new UnaryDeadline(deadline));
        context.findBean(MetricCollectingClientInterceptor.class).ifPresent(interceptors::add);
        interceptors.add(tracing.client());
        return interceptors;
    }

    private void gaugeReadiness(InternalService service, ManagedChannel connection) {
        context.findBean(MeterRegistry.class).ifPresent(registry -> Gauge.builder("tollgate.grpc.channel.ready",
                        connection, channel -> channel.getState(false) == ConnectivityState.READY ? 1 : 0)
                .description("1 while the channel to the internal service is connected, else 0")
                .tag("target", service.channel())
                .register(registry));
    }

    InternalChannel open(InternalService service) {
        Duration deadline = context.getProperty(service.deadlineKey(), Duration.class).orElse(DEFAULT_DEADLINE);
        if (deadline.isZero() || deadline.isNegative()) {
            throw new ConfigurationException(service.deadlineKey() + " must be positive");
        }
        NettyChannelBuilder builder = context.createBean(NettyChannelBuilder.class, service.channel());
        if (tls.enabled()) {
            builder.negotiationType(NegotiationType.TLS)
                    .sslContext(tls.clientContext())
                    .overrideAuthority(service.identity());
        } else {
            builder.usePlaintext();
        }
        var connection = builder.build();
        gaugeReadiness(service, connection);
        return new InternalChannel(connection, ClientInterceptors.intercept(connection, interceptors(deadline)));
    }
}
