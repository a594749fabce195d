package io.tollgate.common.tls;

import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;

/**
 * Puts the internal mutual TLS on a service's gRPC server (micronaut-grpc's, the only
 * {@link ServerBuilder} our services have) before it is built: without a certificate, no
 * connection completes its handshake. Under the development switch the server stays plaintext.
 */
@Singleton
public class InternalServerTls implements BeanCreatedEventListener<ServerBuilder<?>> {
    private final InternalTls tls;

    public InternalServerTls(InternalTls tls) {
        this.tls = tls;
    }

    @Override
    public ServerBuilder<?> onCreated(BeanCreatedEvent<ServerBuilder<?>> event) {
        ServerBuilder<?> builder = event.getBean();
        if (!tls.enabled()) {
            return builder;
        }
        if (!(builder instanceof NettyServerBuilder netty)) {
            throw new ConfigurationException("the internal gRPC server is a " + builder.getClass().getName()
                    + ", to which mutual TLS cannot be applied; refusing to serve without it");
        }
        return netty.sslContext(tls.serverContext());
    }
}
