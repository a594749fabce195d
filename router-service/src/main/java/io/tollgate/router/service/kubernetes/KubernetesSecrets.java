package io.tollgate.router.service.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Secret;
import io.micronaut.context.annotation.Requires;
import io.tollgate.router.config.KubernetesConfig;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Reads backend passwords from Kubernetes Secrets ({@code GET /api/v1/namespaces/{ns}/secrets/{name}})
 * with micronaut-kubernetes' client. Exists only with {@code tollgate.router.kubernetes.enabled}.
 */
@Singleton
@Requires(property = "tollgate.router.kubernetes.enabled", value = "true")
public class KubernetesSecrets {
    private final CoreV1Api api;
    // Only the one key a reference names is kept, not the whole Secret.
    private final ExpiringCache<String> values;

    KubernetesSecrets(CoreV1Api api, KubernetesConfig config) {
        this.api = api;
        this.values = new ExpiringCache<>(config.secretCacheTtl(), Clock.systemUTC());
    }

    public String password(PasswordRef.KubernetesSecret ref) {
        return values.get(ref.namespace() + "/" + ref.name() + "#" + ref.key(), () -> read(ref));
    }

    private String read(PasswordRef.KubernetesSecret ref) {
        String what = "Secret " + ref.namespace() + "/" + ref.name();
        V1Secret secret;
        try {
            secret = api.readNamespacedSecret(ref.name(), ref.namespace()).execute();
        } catch (ApiException e) {
            throw KubernetesApiErrors.of(e, Part.CREDENTIALS, what);
        }
        Map<String, byte[]> data = secret.getData();
        byte[] value = data == null ? null : data.get(ref.key());
        if (value == null) {
            throw new BackendResolutionException(Part.CREDENTIALS, Reason.NOT_FOUND,
                    what + " has no key " + ref.key());
        }
        return new String(value, StandardCharsets.UTF_8);
    }
}
