package io.tollgate.router.service.kubernetes;

import io.kubernetes.client.util.ClientBuilder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.tollgate.router.config.KubernetesConfig;
import jakarta.inject.Singleton;

/**
 * Bounds every Kubernetes API call: the client waits forever by default (made for watches), and a
 * hung API server must not hold route serving or admin writes.
 */
@Singleton
@Requires(property = "tollgate.router.kubernetes.enabled", value = "true")
class KubernetesClientTimeouts implements BeanCreatedEventListener<ClientBuilder> {
    private final KubernetesConfig config;

    KubernetesClientTimeouts(KubernetesConfig config) {
        this.config = config;
    }

    @Override
    public ClientBuilder onCreated(BeanCreatedEvent<ClientBuilder> event) {
        return event.getBean().setReadTimeout(config.apiTimeout());
    }
}
