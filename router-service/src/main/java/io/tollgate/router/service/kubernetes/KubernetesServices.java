package io.tollgate.router.service.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.micronaut.context.annotation.Requires;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Objects;

/**
 * Resolves a backend host given as a Kubernetes Service ({@code service:<name>.<namespace>:<port>})
 * to the address the data services connect to ({@code GET /api/v1/namespaces/{ns}/services/{name}}).
 */
@Singleton
@Requires(property = "tollgate.router.kubernetes.enabled", value = "true")
public class KubernetesServices {
    private final CoreV1Api api;

    KubernetesServices(CoreV1Api api) {
        this.api = api;
    }

    /**
     * The Service's cluster IP; for a headless Service (no cluster IP) its DNS name, which resolves
     * to the ready endpoints.
     *
     * @throws BackendResolutionException when the Service or the port does not exist, or the API fails
     */
    public String host(String name, String namespace, int port) {
        String what = "Service " + namespace + "/" + name;
        V1Service service;
        try {
            service = api.readNamespacedService(name, namespace).execute();
        } catch (ApiException e) {
            throw KubernetesApiErrors.of(e, Part.HOST, what);
        }
        if (service.getSpec() == null) {
            throw new BackendResolutionException(Part.HOST, Reason.NOT_FOUND, what + " has no spec");
        }
        List<V1ServicePort> ports = service.getSpec().getPorts();
        if (ports == null || ports.stream().noneMatch(p -> Objects.equals(p.getPort(), port))) {
            throw new BackendResolutionException(Part.HOST, Reason.NOT_FOUND, what + " has no port " + port);
        }
        String clusterIp = service.getSpec().getClusterIP();
        if (clusterIp == null || clusterIp.isBlank() || "None".equals(clusterIp)) {
            return name + "." + namespace + ".svc";
        }
        return clusterIp;
    }
}
