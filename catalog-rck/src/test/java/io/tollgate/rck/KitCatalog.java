package io.tollgate.rck;

import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalog the kit runs against: the suite started as the end-to-end tests start it (router,
 * auth, flight and catalog as separate processes, a shared PostgreSQL), and the Iceberg client
 * settings that reach one demo tenant's warehouse with an OAuth2 client credential.
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

    private final Suite suite;
    private final KitClientCredential credential;

    private KitCatalog(Suite suite, KitClientCredential credential) {
        this.suite = suite;
        this.credential = credential;
    }

    static KitCatalog start(KitStorage storage, Path stateDir) throws IOException, SQLException, InterruptedException {
        if (storage != KitStorage.FILE) {
            throw new UnsupportedOperationException("the kit cannot run on " + storage.wireName()
                    + " storage yet: see KitStorage");
        }
        Suite suite = Suite.startForTest(stateDir, Map.of(TENANT.id(), FILE_WAREHOUSE_ROOT));
        try {
            return new KitCatalog(suite, KitClientCredential.create(suite, TENANT));
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
        return properties;
    }

    /** What the catalog does not serve of what the kit tests. */
    Set<KitFeature> notServed() throws IOException, InterruptedException {
        return new KitFeatureProbe(suite.catalogUri(), credential.accessToken(suite))
                .notServed(TENANT.warehouseName());
    }

    @Override
    public void close() {
        suite.close();
    }
}
