package io.tollgate.router.service.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;

/** Kubernetes API errors as resolution failures: the status code decides, the body is never kept. */
final class KubernetesApiErrors {
    private KubernetesApiErrors() {
    }

    static BackendResolutionException of(ApiException e, Part part, String what) {
        return switch (e.getCode()) {
            case 404 -> new BackendResolutionException(part, Reason.NOT_FOUND, what + " does not exist");
            case 401, 403 -> new BackendResolutionException(part, Reason.FORBIDDEN,
                    "the router may not read " + what + " (its RBAC must allow get on it)");
            // 0: no HTTP answer at all (connection refused, timeout).
            default -> new BackendResolutionException(part, Reason.UNAVAILABLE,
                    "the Kubernetes API could not be asked for " + what + " (status " + e.getCode() + ")");
        };
    }
}
