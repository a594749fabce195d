package io.tollgate.connect.routing;

import io.tollgate.connect.message.MalformedRequestException;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * The id of the session a CloneSession creates. Spark creates the clone on the server that holds
 * the source session, while every later call for the clone is routed by the clone's own id: so
 * the id must be one that routes to that same server. The gateway chooses such an id when the
 * client names none (Spark's clients normally do not; they take the id from the response), and
 * refuses one the client names that routes elsewhere. With a per-user template every id routes
 * to the same server, so any id is kept.
 */
@Singleton
public class CloneSessionIds {
    /**
     * Tries per endpoint: a random id routes to the source's endpoint with probability 1/n, so
     * 32·n tries all miss with probability below e^-32.
     */
    private static final int TRIES_PER_ENDPOINT = 32;

    private final BackendRoutes routes;

    public CloneSessionIds(BackendRoutes routes) {
        this.routes = routes;
    }

    /**
     * The id for a clone of a session that routes to {@code source}.
     *
     * @param requested the client's {@code new_session_id}; empty when it named none
     * @throws MalformedRequestException when the client named an id that routes to another server
     * @throws NoSparkBackendException   when the tenant's upstream no longer routes (as for any call)
     */
    public String choose(Tenant tenant, String subject, String accountName, SparkBackend source, String requested)
            throws MalformedRequestException, NoSparkBackendException {
        if (!requested.isEmpty()) {
            if (!routes.route(tenant, subject, accountName, requested).endpoint().equals(source.endpoint())) {
                throw new MalformedRequestException("new_session_id routes to another Spark Connect server than"
                        + " session_id; leave it unset and the gateway chooses one");
            }
            return requested;
        }
        int tries = TRIES_PER_ENDPOINT * routes.endpointCount(tenant);
        for (int i = 0; i < tries; i++) {
            String candidate = UUID.randomUUID().toString();
            if (routes.route(tenant, subject, accountName, candidate).endpoint().equals(source.endpoint())) {
                return candidate;
            }
        }
        throw new IllegalStateException("no session id among " + tries + " routes to the source's endpoint");
    }
}
