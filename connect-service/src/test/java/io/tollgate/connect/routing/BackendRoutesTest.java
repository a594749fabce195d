package io.tollgate.connect.routing;

import io.tollgate.common.spark.EndpointTemplate;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.Upstream;
import io.tollgate.proto.router.v1.UpstreamKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which backend a call's (tenant, subject, session) goes to. */
class BackendRoutesTest {
    private final BackendRoutes routes = new BackendRoutes();

    private static Tenant tenant(SparkConnectUpstream.Builder spark) {
        return Tenant.newBuilder().setId("acme").addUpstreams(Upstream.newBuilder().setName("trino").setUrl("http://t"))
                .addUpstreams(Upstream.newBuilder().setName("spark").setKind(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT)
                        .setSparkConnect(spark)).build();
    }

    @Test
    void addingAnEndpointMovesOnlyTheSessionsItNowWins() throws Exception {
        List<String> sessions = IntStream.range(0, 300).mapToObj(i -> UUID.randomUUID().toString()).toList();
        Tenant three = tenant(SparkConnectUpstream.newBuilder().addAllEndpoints(List.of("a:1", "b:1", "c:1")));
        Tenant four = tenant(SparkConnectUpstream.newBuilder().addAllEndpoints(List.of("a:1", "b:1", "c:1", "d:1")));

        int moved = 0;
        for (String session : sessions) {
            String before = routes.route(three, "alice@acme", "alice", session).endpoint();
            String after = routes.route(four, "alice@acme", "alice", session).endpoint();
            if (!before.equals(after)) {
                assertEquals("d:1", after, "a session moves only to the new endpoint");
                moved++;
            }
        }
        assertTrue(moved > 30 && moved < 130, "about a quarter moved: " + moved);
    }

    @Test
    void theSameSessionIdOfTwoSubjectsIsHashedApart() throws Exception {
        Tenant many = tenant(SparkConnectUpstream.newBuilder().addAllEndpoints(
                IntStream.range(0, 16).mapToObj(i -> "spark-" + i + ":15002").toList()));
        Map<String, Long> split = IntStream.range(0, 64).mapToObj(i -> UUID.randomUUID().toString())
                .collect(Collectors.groupingBy(s -> sameOrNot(many, s), Collectors.counting()));
        assertTrue(split.getOrDefault("different", 0L) > 32, split.toString());
    }

    private String sameOrNot(Tenant tenant, String session) {
        try {
            return routes.route(tenant, "alice@acme", "alice", session).endpoint()
                    .equals(routes.route(tenant, "bob@acme", "bob", session).endpoint()) ? "same" : "different";
        } catch (NoSparkBackendException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aTemplateGivesEachUserTheirOwnBackendAndTheBackendToken() throws Exception {
        Tenant perUser = tenant(SparkConnectUpstream.newBuilder().setEndpointTemplate("{user}.{tenant}.spark.svc:15002")
                .setTls(true).setBackendToken("secret"));
        SparkBackend alice = routes.route(perUser, "alice@acme", "alice", "s");
        assertEquals(new SparkBackend(EndpointTemplate.userLabel("alice", "acme") + ".acme.spark.svc:15002", true, "",
                "secret"), alice);

        Function<String, String> endpointOf = name -> {
            try {
                return routes.route(perUser, name + "@acme", name, "s").endpoint();
            } catch (NoSparkBackendException e) {
                throw new AssertionError(e);
            }
        };
        assertNotEquals(endpointOf.apply("alice.b"), endpointOf.apply("alice-b"));
        assertNotEquals(endpointOf.apply("Alice"), endpointOf.apply("alice"));
        assertTrue(endpointOf.apply("Alice.B").matches("alice-b-[0-9a-f]{16}\\.acme\\.spark\\.svc:15002"));
    }

    @Test
    void noAccountNameIsAnotherAccountsLabel() {
        String label = EndpointTemplate.userLabel("alice-smith", "acme");
        assertNotEquals(label, EndpointTemplate.userLabel(label, "acme"));
        assertNotEquals(EndpointTemplate.userLabel("bob", "acme"), EndpointTemplate.userLabel("bob", "globex"));
    }

    @Test
    void aTemplateWithoutUserAndTenantAsWholeLabelsIsRefused() {
        for (String template : List.of("spark-{tenant}-{user}.svc:1", "{user}.spark.svc:1", "{tenant}.spark.svc:1",
                "spark-{user}.{tenant}.svc:1", "{user}.{tenant}.{user}.svc:1", "{user}.{tenant}.svc:{user}")) {
            assertThrows(NoSparkBackendException.class, () -> routes.route(
                    tenant(SparkConnectUpstream.newBuilder().setEndpointTemplate(template)), "a@acme", "a", "s"), template);
        }
    }

    @Test
    void aTenantWithoutAUsableSparkUpstreamHasNoBackend() {
        assertThrows(NoSparkBackendException.class, () -> routes.route(Tenant.newBuilder().setId("acme").build(), "a@acme", "a", "s"));
        assertThrows(NoSparkBackendException.class, () -> routes.route(tenant(SparkConnectUpstream.newBuilder()), "a@acme", "a", "s"));
        assertThrows(NoSparkBackendException.class, () -> routes.route(
                tenant(SparkConnectUpstream.newBuilder().addEndpoints("not an endpoint")), "a@acme", "a", "s"));
    }

    @Test
    void aBackendTokenIsNeverSentInTheClearBeyondThisMachine() throws Exception {
        assertThrows(NoSparkBackendException.class, () -> routes.route(tenant(SparkConnectUpstream.newBuilder()
                .addEndpoints("spark.acme.svc:15002").setBackendToken("secret")), "a@acme", "a", "s"));
        assertEquals("secret", routes.route(tenant(SparkConnectUpstream.newBuilder()
                .addEndpoints("spark.acme.svc:15002").setBackendToken("secret").setTls(true)), "a@acme", "a", "s").token());
        assertEquals("secret", routes.route(tenant(SparkConnectUpstream.newBuilder()
                .addEndpoints("127.0.0.1:15002").setBackendToken("secret")), "a@acme", "a", "s").token());
    }

    @Test
    void anEndpointsKeptChecksLeaveEachUpstreamsOwnRulesToIt() throws Exception {
        // The endpoint's checks are kept from call to call: what the upstream adds (TLS, a token) is not.
        for (int call = 0; call < 3; call++) {
            assertEquals("secret", routes.route(tenant(SparkConnectUpstream.newBuilder()
                    .addEndpoints("spark.acme.svc:15002").setBackendToken("secret").setTls(true)), "a@acme", "a", "s").token());
            assertThrows(NoSparkBackendException.class, () -> routes.route(tenant(SparkConnectUpstream.newBuilder()
                    .addEndpoints("spark.acme.svc:15002").setBackendToken("secret")), "a@acme", "a", "s"));
            assertEquals("", routes.route(tenant(SparkConnectUpstream.newBuilder()
                    .addEndpoints("spark.acme.svc:15002")), "a@acme", "a", "s").token());
            assertThrows(NoSparkBackendException.class, () -> routes.route(
                    tenant(SparkConnectUpstream.newBuilder().addEndpoints("spark.acme.svc:99999")), "a@acme", "a", "s"));
        }
    }
}
