package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code tollgate.router.kubernetes.*} settings. Off by default; on in the {@code k8s}
 * environment (application-k8s.yml). The API server, token and CA come from micronaut-kubernetes'
 * {@code kubernetes.client.*} (in a pod: the service account's).
 *
 * @param enabled        resolve {@code secret:} password references and {@code service:} hosts
 * @param secretCacheTtl how long a Secret's value read from the API server is reused; 0 reads it
 *                       every time a route is served
 * @param apiTimeout     how long one API server call may take (the client's default is to wait forever)
 */
@ConfigurationProperties("tollgate.router.kubernetes")
public record KubernetesConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "30s") Duration secretCacheTtl,
        @Bindable(defaultValue = "5s") Duration apiTimeout) {
}
