package io.tollgate.connect.routing;

import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The backend of a call: the tenant's Spark Connect upstream (its first one, by registry order),
 * then the endpoint its (tenant, subject, session id) hashes to, or its per-user template filled.
 * A backend token goes only over TLS, or to a loopback address (development).
 */
@Singleton
public class BackendRoutes {
    /** host:port, host a DNS name, IPv4 or bracketed IPv6; nothing else reaches a channel builder. */
    private static final Pattern ENDPOINT = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?"
            + "|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

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
            endpoint = EndpointTemplate.fill(upstream.getEndpointTemplate(), tenant.getId(), accountName);
        } else {
            throw new NoSparkBackendException("the Spark Connect upstream has neither endpoints nor a template");
        }
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new NoSparkBackendException("the Spark Connect endpoint is not host:port");
        }
        if (!upstream.getBackendToken().isEmpty() && !upstream.getTls() && !isLoopback(endpoint)) {
            throw new NoSparkBackendException("the Spark Connect upstream has a backend token but no TLS: the token"
                    + " is sent only over TLS (or to a loopback address)");
        }
        return new SparkBackend(endpoint, upstream.getTls(), upstream.getCaCertificatePem(), upstream.getBackendToken());
    }

    /** The endpoints a tenant's sessions are spread over: 1 for a per-user template. */
    public int endpointCount(Tenant tenant) throws NoSparkBackendException {
        return Math.max(1, sparkUpstream(tenant).getEndpointsCount());
    }

    /** Whether the endpoint's host is this machine, where a token in the clear crosses no network. */
    private static boolean isLoopback(String endpoint) {
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return host.equals("localhost") || host.equals("[::1]") || LOOPBACK_V4.matcher(host).matches();
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
