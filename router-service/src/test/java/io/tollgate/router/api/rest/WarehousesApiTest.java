package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.CallerChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's warehouses and quota rates, through the admin API and the routes. */
@MicronautTest(transactional = false)
class WarehousesApiTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    private static final String SECRET_KEY = "s3-secret-key-of-hooli";

    private static String withWarehouses(String id, String warehouses) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"jdbc:postgresql://db.example:5432/shared",
                   "isolationMode":"SHARED_RLS","credentials":{"username":"%s_app","password":"pw"}},
                 "quotas":{"requestsPerSecond":50,"commitsPerMinute":12},
                 "warehouses":%s}""".formatted(id, id.replace('-', '_'), warehouses);
    }

    private static String localAndS3(String secretKeyField) {
        return localAndS3("hooli", secretKeyField);
    }

    /** Each tenant's warehouses lie apart: the registry refuses overlapping roots. */
    private static String localAndS3(String id, String secretKeyField) {
        return """
                [{"name":"lake","location":"file:/srv//warehouses/%1$s/"},
                 {"name":"archive","location":"s3://%1$s-archive/tables/",
                  "storage":{"s3":{"endpoint":"http://minio.example:9000","region":"eu-west-1",
                    "pathStyleAccess":true,"accessKeyId":"HOOLIKEY",%2$s}}}]""".formatted(id, secretKeyField);
    }

    private final CallerChannels callers = new CallerChannels();

    @AfterEach
    void closeChannels() throws InterruptedException {
        callers.close();
    }

    /** The tenant as catalog-service is shown it: the one caller given storage keys. */
    private Tenant routed(String id) {
        return callers.resolve(grpcPort(), "catalog-service", id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void warehousesAreStoredNormalisedInOrderAndShownWithTheSecretKeyMasked() {
        Response created = admin().post(PATH, withWarehouses("hooli",
                localAndS3("\"secretAccessKey\":\"" + SECRET_KEY + "\"")));
        assertEquals(201, created.status(), created::toString);

        Response read = admin().get(PATH + "/hooli");
        List<Map<String, Object>> warehouses = (List<Map<String, Object>>) read.json().get("warehouses");
        assertEquals(List.of("lake", "archive"), warehouses.stream().map(w -> w.get("name")).toList());
        assertEquals("file:///srv/warehouses/hooli", warehouses.get(0).get("location"));
        assertEquals("s3://hooli-archive/tables", warehouses.get(1).get("location"));
        assertEquals(Map.of("s3", Map.of("endpoint", "http://minio.example:9000", "region", "eu-west-1",
                "pathStyleAccess", true, "accessKeyId", "HOOLIKEY", "secretAccessKeyRef", "literal:***")),
                warehouses.get(1).get("storage"));
        assertEquals(50, ((Map<String, Object>) read.json().get("quotas")).get("requestsPerSecond"));
        assertEquals(12, ((Map<String, Object>) read.json().get("quotas")).get("commitsPerMinute"));
        for (Response shown : List.of(created, read, admin().get(PATH), admin().get(PATH + "/hooli/history"))) {
            assertFalse(shown.body().contains(SECRET_KEY), shown.body());
        }

        Tenant route = routed("hooli");
        assertEquals(2, route.getWarehousesCount());
        assertEquals(SECRET_KEY, route.getWarehouses(1).getStorage().getS3().getKeys().getSecretAccessKey());
        assertEquals("HOOLIKEY", route.getWarehouses(1).getStorage().getS3().getKeys().getAccessKeyId());
        assertTrue(route.getWarehouses(1).getStorage().getS3().getPathStyleAccess());
        assertFalse(route.getWarehouses(0).hasStorage(), "a local warehouse has no storage settings");
        assertEquals(50, route.getQuotas().getRequestsPerSecond());
        assertEquals(12, route.getQuotas().getCommitsPerMinute());
    }

    @Test
    void whatGetShowsForALiteralKeyCannotBeWrittenBackAsTheKey() {
        Response created = admin().post(PATH, withWarehouses("raviga",
                localAndS3("raviga", "\"secretAccessKey\":\"" + SECRET_KEY + "\"")));

        Response refused = admin().put(PATH + "/raviga", withWarehouses("raviga",
                localAndS3("raviga", "\"secretAccessKeyRef\":\"literal:***\"")), created.etag());

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("warehouses[1].storage.s3.secretAccessKeyRef"), refused.problemFields());
        assertEquals(SECRET_KEY, routed("raviga").getWarehouses(1).getStorage().getS3().getKeys().getSecretAccessKey());
    }

    @Test
    void aSecretReferenceThatCannotBeResolvedIsRefusedBeforeAnythingIsWritten() {
        Response refused = admin().post(PATH, withWarehouses("aviato",
                localAndS3("aviato", "\"secretAccessKeyRef\":\"secret:lake/aviato-s3#secret-key\"")));

        assertEquals(400, refused.status(), refused::toString);
        assertEquals(List.of("warehouses[1].storage.s3.secretAccessKeyRef"), refused.problemFields());
        assertEquals(404, admin().get(PATH + "/aviato").status());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryRecordsAWarehouseChangeWithTheKeyMasked() {
        Response created = admin().post(PATH, withWarehouses("endframe",
                localAndS3("endframe", "\"secretAccessKey\":\"" + SECRET_KEY + "\"")));
        Response changed = admin().put(PATH + "/endframe", withWarehouses("endframe",
                localAndS3("endframe", "\"secretAccessKey\":\"another-" + SECRET_KEY + "\"")), created.etag());
        assertEquals(200, changed.status(), changed::toString);

        Response history = admin().get(PATH + "/endframe/history");

        assertFalse(history.body().contains(SECRET_KEY), history.body());
        List<Map<String, Object>> changes = (List<Map<String, Object>>) history.json().get("changes");
        Map<String, Object> fields = (Map<String, Object>) ((Map<String, Object>) changes.get(1).get("description"))
                .get("changed");
        assertEquals(List.of("warehouses"), List.copyOf(fields.keySet()), "a changed key is a change");
    }

    @Test
    void aWarehouseRootEqualToInsideOrAboveAnotherWarehousesIsRefused() {
        assertEquals(201, admin().post(PATH, withWarehouses("pied-piper",
                localAndS3("pied-piper", "\"secretAccessKey\":\"" + SECRET_KEY + "\""))).status());

        for (String location : List.of("file:///srv/warehouses/pied-piper", "file:///srv/warehouses/pied-piper/tables",
                "file:///srv/warehouses")) {
            Response refused = admin().post(PATH, withWarehouses("bachman",
                    "[{\"name\":\"lake\",\"location\":\"" + location + "\"}]"));
            assertEquals(400, refused.status(), location + " " + refused);
            assertEquals(List.of("warehouses[0].location"), refused.problemFields());
            assertFalse(refused.toString().contains("pied-piper\""), "names no other tenant");
        }
        Response ownTwice = admin().post(PATH, withWarehouses("bachman",
                "[{\"name\":\"lake\",\"location\":\"file:///srv/bachman\"},"
                        + "{\"name\":\"archive\",\"location\":\"file:///srv/bachman/archive\"}]"));
        assertEquals(400, ownTwice.status(), ownTwice::toString);
        assertEquals(404, admin().get(PATH + "/bachman").status());

        Response sibling = admin().post(PATH, withWarehouses("bachman",
                "[{\"name\":\"lake\",\"location\":\"file:///srv/warehouses/pied-piper2\"}]"));
        assertEquals(201, sibling.status(), "a sibling sharing a name prefix is apart: " + sibling);
    }
}
