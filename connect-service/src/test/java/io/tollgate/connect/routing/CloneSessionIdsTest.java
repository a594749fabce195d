package io.tollgate.connect.routing;

import io.tollgate.connect.message.MalformedRequestException;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A clone's session id routes to the server of its source, whatever the tenant's endpoints. */
class CloneSessionIdsTest {
    private final BackendRoutes routes = new BackendRoutes();
    private final CloneSessionIds ids = new CloneSessionIds(routes);

    private static Tenant tenant(SparkConnectUpstream.Builder spark) {
        return Tenant.newBuilder().setId("acme").addUpstreams(Upstream.newBuilder().setName("spark")
                .setKind(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT).setSparkConnect(spark)).build();
    }

    @Test
    void theIdTheGatewayChoosesRoutesToTheSourcesServerAmongMany() throws Exception {
        Tenant many = tenant(SparkConnectUpstream.newBuilder().addAllEndpoints(
                IntStream.range(0, 16).mapToObj(i -> "spark-" + i + ".acme.svc:15002").toList()));
        for (int i = 0; i < 50; i++) {
            SparkBackend source = routes.route(many, "alice@acme", "alice", UUID.randomUUID().toString());

            String clone = ids.choose(many, "alice@acme", "alice", source, "");

            assertEquals(source.endpoint(), routes.route(many, "alice@acme", "alice", clone).endpoint());
        }
    }

    @Test
    void aNamedIdIsKeptOnlyWhereItRoutesBesideItsSource() throws Exception {
        Tenant three = tenant(SparkConnectUpstream.newBuilder().addAllEndpoints(List.of("a:1", "b:1", "c:1")));
        SparkBackend source = routes.route(three, "alice@acme", "alice", UUID.randomUUID().toString());
        List<String> named = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID().toString()).toList();

        for (String id : named) {
            if (routes.route(three, "alice@acme", "alice", id).endpoint().equals(source.endpoint())) {
                assertEquals(id, ids.choose(three, "alice@acme", "alice", source, id));
            } else {
                assertThrows(MalformedRequestException.class, () -> ids.choose(three, "alice@acme", "alice", source, id));
            }
        }
    }

    @Test
    void withAPerUserTemplateAnyNamedIdIsKept() throws Exception {
        Tenant perUser = tenant(SparkConnectUpstream.newBuilder().setEndpointTemplate("{user}.{tenant}.spark.svc:15002"));
        SparkBackend source = routes.route(perUser, "alice@acme", "alice", UUID.randomUUID().toString());
        String named = UUID.randomUUID().toString();

        assertEquals(named, ids.choose(perUser, "alice@acme", "alice", source, named));
    }
}
