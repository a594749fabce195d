package io.tollgate.connect.routing;

import io.tollgate.common.cache.BoundedMemo;
import io.tollgate.common.spark.EndpointTemplate;
import io.tollgate.common.spark.InvalidEndpointTemplateException;
import io.tollgate.common.spark.SparkEndpoints;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * The backend of a call: the tenant's Spark Connect upstream (its first one, by registry order),
 * then the endpoint its (tenant, subject, session id) hashes to, or its per-user template filled.
 * A backend token goes only over TLS, or to a loopback address (development). The endpoint and
 * template rules are common's ({@link SparkEndpoints}, {@link EndpointTemplate}): router-service
 * stores no upstream that breaks them, and one that does anyway is refused here.
 */
@Singleton
public class BackendRoutes {
    /** Endpoints whose checks are kept (the tenants' endpoints, and templates filled per user). */
    static final int MAX_CHECKED_ENDPOINTS = 10_000;

    /** What common's rules say of an endpoint, worked out once per endpoint: a regular expression or three. */
    private enum EndpointCheck {
        REFUSED, LOOPBACK, REMOTE;

        static EndpointCheck of(String endpoint) {
            if (!SparkEndpoints.isEndpoint(endpoint)) {
                return REFUSED;
            }
            return SparkEndpoints.isLoopback(endpoint) ? LOOPBACK : REMOTE;
        }
    }

    private final BoundedMemo<String, EndpointCheck> checked = new BoundedMemo<>(MAX_CHECKED_ENDPOINTS, EndpointCheck::of);

    /**
     * @param accountName the caller's account name within its tenant (for per-user templates)
     * @throws NoSparkBackendException when the tenant has no Spark Connect upstream, or it names no
     *                                 usable endpoint
     */
    public SparkBackend route(Tenant tenant, String subject, String accountName, String sessionId)
            throws NoSparkBackendException {
        SparkConnectUpstream upstream = sparkUpstream(tenant);
        String endpoint;
        if (!upstream.getEndpointsList().isEmpty()) {
            List<String> endpoints = upstream.getEndpointsList();
            endpoint = Rendezvous.choose(endpoints, tenant.getId() + '\u0000' + subject + '\u0000' + sessionId);
        } else if (!upstream.getEndpointTemplate().isEmpty()) {
            endpoint = filled(upstream.getEndpointTemplate(), tenant.getId(), accountName);
        } else {
            throw new NoSparkBackendException("the Spark Connect upstream has neither endpoints nor a template");
        }
        EndpointCheck check = checked.get(endpoint);
        if (check == EndpointCheck.REFUSED) {
            throw new NoSparkBackendException("the Spark Connect endpoint is not host:port");
        }
        if (!upstream.getBackendToken().isEmpty() && !upstream.getTls() && check != EndpointCheck.LOOPBACK) {
            throw new NoSparkBackendException("the Spark Connect upstream has a backend token but no TLS: the token"
                    + " is sent only over TLS (or to a loopback address)");
        }
        return new SparkBackend(endpoint, upstream.getTls(), upstream.getCaCertificatePem(), upstream.getBackendToken());
    }

    private static String filled(String template, String tenantId, String accountName) throws NoSparkBackendException {
        try {
            return EndpointTemplate.fill(template, tenantId, accountName);
        } catch (InvalidEndpointTemplateException e) {
            throw new NoSparkBackendException("the endpoint template is refused: " + e.getMessage());
        }
    }

    /** The endpoints a tenant's sessions are spread over: 1 for a per-user template. */
    public int endpointCount(Tenant tenant) throws NoSparkBackendException {
        return Math.max(1, sparkUpstream(tenant).getEndpointsCount());
    }

    private static SparkConnectUpstream sparkUpstream(Tenant tenant) throws NoSparkBackendException {
        for (Upstream upstream : tenant.getUpstreamsList()) {
            if (upstream.getKind() == UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT && upstream.hasSparkConnect()) {
                return upstream.getSparkConnect();
            }
        }
        throw new NoSparkBackendException("the tenant has no Spark Connect upstream");
    }
}
