package io.tollgate.rck;

import io.tollgate.testkit.s3.S3MockServer;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.S3WarehouseStorage;
import io.tollgate.testkit.suite.Suite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog the kit runs against: the suite started as the end-to-end tests start it (router,
 * auth, flight and catalog as separate processes, a shared PostgreSQL), with the kit's tenant's
 * warehouse on the run's storage kind (for s3, on an S3Mock started with it), and the Iceberg
 * client settings that reach that warehouse with an OAuth2 client credential.
 */
final class KitCatalog implements AutoCloseable {
    /** The tenant whose warehouse the kit fills and empties; the kit sees no other. */
    private static final DemoTenant TENANT = DemoTenant.all().get(0);
    /**
     * The kit asks for table locations under {@code file:/tmp} (fixed in Iceberg's CatalogTests)
     * and view locations in JUnit temporary directories, which catalog-service confines to the
     * warehouse's root like any other: so the kit's tenant's warehouse is rooted there. Locations
     * outside a root are refused; catalog-service's own tests show that.
     */
    private static final String FILE_WAREHOUSE_ROOT = "file:///tmp";

    /** The bucket of the s3 run's warehouse, on an S3Mock started for the run. */
    private static final String S3_BUCKET = "rck-lake";
    /** S3Mock checks no signature, but the catalog signs with the warehouse's region and keys all the same. */
    private static final String S3_REGION = "us-east-1";

    private final Suite suite;
    private final KitClientCredential credential;
    private final S3MockServer s3;

    private KitCatalog(Suite suite, KitClientCredential credential, S3MockServer s3) {
        this.suite = suite;
        this.credential = credential;
        this.s3 = s3;
    }

    static KitCatalog start(KitStorage storage, Path stateDir) throws IOException, SQLException, InterruptedException {
        return switch (storage) {
            case FILE -> start(stateDir, Map.of(TENANT.id(), FILE_WAREHOUSE_ROOT), Map.of(), null);
            case S3 -> startOnS3(stateDir);
        };
    }

    /**
     * The kit's tenant's warehouse in a bucket of a test-started S3Mock, with storage settings and
     * keys as the registry takes them (the keys are made up for the run: S3Mock accepts any).
     */
    private static KitCatalog startOnS3(Path stateDir) throws IOException, SQLException, InterruptedException {
        S3MockServer s3 = S3MockServer.start(S3_BUCKET);
        try {
            S3WarehouseStorage storage = new S3WarehouseStorage(s3.endpoint(), S3_REGION, true,
                    "rck-" + UUID.randomUUID(), UUID.randomUUID().toString());
            return start(stateDir, Map.of(TENANT.id(), "s3://" + S3_BUCKET + "/" + TENANT.id()),
                    Map.of(TENANT.id(), storage), s3);
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    private static KitCatalog start(Path stateDir, Map<String, String> warehouseLocations,
                                    Map<String, S3WarehouseStorage> warehouseStorage, S3MockServer s3)
            throws IOException, SQLException, InterruptedException {
        Suite suite = Suite.startForTest(stateDir, warehouseLocations, warehouseStorage);
        try {
            return new KitCatalog(suite, KitClientCredential.create(suite, TENANT), s3);
        } catch (IOException | InterruptedException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    /**
     * The catalog properties the kit's client is initialised with (the kit reads them from system
     * properties as well as from {@code CATALOG_*} environment variables).
     */
    Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("uri", suite.catalogUri());
        properties.put("warehouse", TENANT.warehouseName());
        properties.put("rest.auth.type", "oauth2");
        properties.put("credential", credential.icebergCredential());
        // No oauth2-server-uri: the client trades its credential at the catalog's own
        // /v1/oauth/tokens, as any Iceberg client does by default.
        // A table or view is created only in a namespace that exists (404 otherwise, as the spec
        // says): the kit then creates the namespace first, as it does for Iceberg's own catalogs.
        properties.put("rck.requires-namespace-create", "true");
        if (s3 != null) {
            // The client reads and writes the table's files itself, each S3 request signed by the
            // catalog: it never holds the warehouse's keys. The catalog's table config tells its
            // S3FileIO the endpoint, region, addressing and where to sign.
            properties.put("header.X-Iceberg-Access-Delegation", "remote-signing");
            properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
            // The JDK's HTTP client, the one this module has: Iceberg 1.11 defaults to the AWS
            // SDK's Apache client, which is left out (one HTTP client, as in catalog-service).
            properties.put("http-client.type", "urlconnection");
        }
        return properties;
    }

    /** What the catalog does not serve of what the kit tests. */
    Set<KitFeature> notServed() throws IOException, InterruptedException {
        return new KitFeatureProbe(suite.catalogUri(), credential.accessToken(suite))
                .notServed(TENANT.warehouseName());
    }

    @Override
    public void close() {
        try {
            suite.close();
        } finally {
            if (s3 != null) {
                s3.close();
            }
        }
    }
}
