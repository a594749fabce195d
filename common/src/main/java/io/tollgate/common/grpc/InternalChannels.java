package io.tollgate.common.grpc;

import io.grpc.ClientInterceptors;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.common.tls.InternalTls;
import io.tollgate.common.tracing.InternalCallTracing;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Opens the channels to internal services: micronaut-grpc's builder for {@code grpc.channels.<name>}
 * (address and tuning from configuration), then this service's certificate presented and the
 * server required to be the expected service (its certificate's name is checked in place of the
 * dialled host, so the same certificates work behind any address), the default unary deadline, and
 * a client span per call carrying the trace context to the callee.
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
        // The last interceptor runs first: the span covers the whole call, deadline included.
        return new InternalChannel(connection,
                ClientInterceptors.intercept(connection, new UnaryDeadline(deadline), tracing.client()));
    }
}
