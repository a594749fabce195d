package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.SparkConnectUpstream;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.UpstreamKind;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.CallerChannels;
import io.tollgate.testkit.json.JsonBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A tenant's Spark Connect upstreams and quotas, through the admin API, the history and the routes. */
@MicronautTest(transactional = false)
class SparkConnectUpstreamsApiTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    private static final String BACKEND_TOKEN = "spark-backend-token-of-hooli";

    private static String withSpark(String id, String sparkConnect) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"jdbc:postgresql://db.example:5432/shared",
                   "isolationMode":"SHARED_RLS","credentials":{"username":"%s_app","password":"pw"}},
                 "quotas":{"maxSparkSessions":3,"maxSparkOperations":5,"maxSparkArtifactBytes":67108864},
                 "upstreams":[{"name":"trino","url":"https://trino.example:8443"},
                              {"name":"spark","kind":"SPARK_CONNECT","sparkConnect":%s}]}"""
                .formatted(id, id.replace('-', '_'), sparkConnect);
    }

    private static String sharedWithToken(String tokenField) {
        return """
                {"endpoints":["spark-0.hooli.svc:15002","spark-1.hooli.svc:15002"],"tls":true,%s}"""
                .formatted(tokenField);
    }

    private final CallerChannels callers = new CallerChannels();

    @AfterEach
    void closeChannels() throws InterruptedException {
        callers.close();
    }

    @Test
    void aSparkConnectUpstreamIsStoredShownWithItsTokenMaskedAndRoutedToConnectServiceWithTheToken() {
        Response created = admin().post(PATH, withSpark("hooli",
                sharedWithToken("\"backendToken\":\"" + BACKEND_TOKEN + "\"")));
        assertEquals(201, created.status(), created::toString);

        Response read = admin().get(PATH + "/hooli");
        JsonBody body = JsonBody.parse(read.body());
        body.assertEquals("/upstreams/0/kind", "HTTP");
        body.assertEquals("/upstreams/0/url", "https://trino.example:8443");
        body.assertEquals("/upstreams/1/kind", "SPARK_CONNECT");
        body.assertEquals("/upstreams/1/sparkConnect/endpoints",
                List.of("spark-0.hooli.svc:15002", "spark-1.hooli.svc:15002"));
        body.assertEquals("/upstreams/1/sparkConnect/tls", true);
        body.assertEquals("/upstreams/1/sparkConnect/backendTokenRef", "literal:***");
        body.assertEquals("/quotas/maxSparkSessions", 3);
        body.assertEquals("/quotas/maxSparkOperations", 5);
        body.assertEquals("/quotas/maxSparkArtifactBytes", 67108864);
        for (Response shown : List.of(created, read, admin().get(PATH), admin().get(PATH + "/hooli/history"))) {
            assertFalse(shown.body().contains(BACKEND_TOKEN), shown.body());
        }

        Tenant route = routedAs("connect-service", "hooli");
        SparkConnectUpstream spark = route.getUpstreams(1).getSparkConnect();
        assertEquals(UpstreamKind.UPSTREAM_KIND_SPARK_CONNECT, route.getUpstreams(1).getKind());
        assertEquals(List.of("spark-0.hooli.svc:15002", "spark-1.hooli.svc:15002"), spark.getEndpointsList());
        assertEquals(BACKEND_TOKEN, spark.getBackendToken());
        assertEquals(UpstreamKind.UPSTREAM_KIND_HTTP, route.getUpstreams(0).getKind());
        assertEquals(3, route.getQuotas().getMaxSparkSessions());
        assertEquals(5, route.getQuotas().getMaxSparkOperations());
        assertEquals(67108864L, route.getQuotas().getMaxSparkArtifactBytes());
    }

    @Test
    void aPerUserTemplateRoundTripsAndAChangedTokenIsAChangeOfUpstreamsWithTheTokenMasked() {
        Response created = admin().post(PATH, withSpark("endframe",
                "{\"endpointTemplate\":\"{user}.{tenant}.spark.svc:15002\",\"tls\":true,\"backendToken\":\""
                        + BACKEND_TOKEN + "\"}"));
        assertEquals(201, created.status(), created::toString);
        Response changed = admin().put(PATH + "/endframe", withSpark("endframe",
                "{\"endpointTemplate\":\"{user}.{tenant}.spark.svc:15002\",\"tls\":true,\"backendToken\":\"another-"
                        + BACKEND_TOKEN + "\"}"), created.etag());
        assertEquals(200, changed.status(), changed::toString);

        JsonBody.parse(changed.body()).assertEquals("/upstreams/1/sparkConnect/endpointTemplate",
                "{user}.{tenant}.spark.svc:15002");
        Response history = admin().get(PATH + "/endframe/history");
        assertFalse(history.body().contains(BACKEND_TOKEN), history.body());
        JsonBody changes = JsonBody.parse(history.body());
        changes.assertEquals("/changes/1/description/changed/upstreams/to/1/sparkConnect/backendTokenRef",
                "literal:***");
        assertEquals("another-" + BACKEND_TOKEN,
                routedAs("connect-service", "endframe").getUpstreams(1).getSparkConnect().getBackendToken());
    }

    @Test
    void whatGetShowsForALiteralTokenCannotBeWrittenBackAsTheToken() {
        Response created = admin().post(PATH, withSpark("raviga",
                sharedWithToken("\"backendToken\":\"" + BACKEND_TOKEN + "\"")));

        Response refused = admin().put(PATH + "/raviga", withSpark("raviga",
                sharedWithToken("\"backendTokenRef\":\"literal:***\"")), created.etag());

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("upstreams[1].sparkConnect.backendTokenRef"), refused.problemFields());
        assertEquals(BACKEND_TOKEN, routedAs("connect-service", "raviga").getUpstreams(1).getSparkConnect()
                .getBackendToken());
    }

    @Test
    void templatesConnectServiceWouldRefuseAndTokensInTheClearAreRefusedAtTheFieldWithoutEchoingThem() {
        for (String template : List.of("spark-{tenant}-{user}.svc:15002", "{user}.spark.svc:15002")) {
            Response refused = admin().post(PATH, withSpark("hooli-xyz", "{\"endpointTemplate\":\"" + template + "\"}"));
            assertEquals(400, refused.status(), refused::toString);
            assertEquals(List.of("upstreams[1].sparkConnect.endpointTemplate"), refused.problemFields(), template);
        }
        Response clear = admin().post(PATH, withSpark("hooli-xyz",
                "{\"endpoints\":[\"spark-0.hooli.svc:15002\"],\"backendToken\":\"" + BACKEND_TOKEN + "\"}"));
        assertEquals(400, clear.status(), clear::toString);
        assertEquals(List.of("upstreams[1].sparkConnect.tls"), clear.problemFields());
        assertFalse(clear.body().contains(BACKEND_TOKEN), clear.body());
        assertEquals(404, admin().get(PATH + "/hooli-xyz").status());
    }

    @Test
    void aTokenReferenceThatCannotBeResolvedIsRefusedBeforeAnythingIsWritten() {
        Response refused = admin().post(PATH, withSpark("aviato",
                sharedWithToken("\"backendTokenRef\":\"secret:spark/aviato#token\"")));

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("upstreams[1].sparkConnect.backendTokenRef"), refused.problemFields());
        assertEquals(404, admin().get(PATH + "/aviato").status());
    }

    @Test
    void aSparkConnectUpstreamWithoutATokenIsRoutedWithoutOne() {
        assertEquals(201, admin().post(PATH, withSpark("bachman", "{\"endpoints\":[\"localhost:15002\"]}")).status());

        JsonBody.parse(admin().get(PATH + "/bachman").body())
                .assertEquals("/upstreams/1/sparkConnect", Map.of("endpoints", List.of("localhost:15002"), "tls", false));
        SparkConnectUpstream spark = routedAs("connect-service", "bachman").getUpstreams(1).getSparkConnect();
        assertEquals("", spark.getBackendToken());
        assertFalse(spark.getTls());
    }

    private Tenant routedAs(String caller, String id) {
        return callers.resolve(grpcPort(), caller, id);
    }
}
