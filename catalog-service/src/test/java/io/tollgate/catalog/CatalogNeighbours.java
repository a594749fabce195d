package io.tollgate.catalog;

import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.identity.IdentityDouble;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.service.ServiceReplica;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a catalog under test stands on, for one test class: its own real PostgreSQL database,
 * router-service (a {@link RegistryDouble} streaming the class's tenants, or a closed port),
 * auth-service (a closed port unless the class brings a double), warehouse directories, and the
 * properties that point a catalog at all of them. Register it on a static field
 * ({@code @RegisterExtension}) so the class's other static fields can use it; after the class's
 * own {@code @AfterAll} methods it closes every neighbour and deletes every directory it made.
 */
final class CatalogNeighbours implements AfterAllCallback {
    private final PostgresDatabase db = PostgresDatabase.create();
    /** Closed last-in first-out, as neighbours started later may lean on earlier ones. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final List<Path> directories = new ArrayList<>();
    private Path storage;
    private String routerAddress;
    private String authAddress;

    PostgresDatabase db() {
        return db;
    }

    /** The class's directory for warehouses, made on first use, as its real path (so locations compare as written). */
    synchronized Path storage() {
        if (storage == null) {
            storage = newDirectory();
        }
        return storage;
    }

    /** Another directory apart from {@link #storage()}, deleted with it. */
    synchronized Path newDirectory() {
        Path directory = Directories.createTemporary("catalog-warehouses");
        directories.add(directory);
        return directory;
    }

    /** Starts the registry that streams these tenants to the catalog. */
    synchronized RegistryDouble serve(List<Tenant> tenants) {
        RegistryDouble registry = closeAfter(RegistryDouble.serving(tenants));
        routerAddress = registry.address();
        return registry;
    }

    /** Router-service is a port that closes every connection: the tenant directory never syncs. */
    synchronized CatalogNeighbours withoutRegistry() {
        routerAddress = "localhost:" + closeAfter(PortForward.open()).port();
        return this;
    }

    /** Auth-service is this double (else a port that closes every connection). */
    synchronized IdentityDouble authenticateWith(IdentityDouble identity) {
        authAddress = closeAfter(identity).address();
        return identity;
    }

    /** Closes this after the class, with the neighbours. */
    synchronized <T extends AutoCloseable> T closeAfter(T neighbour) {
        toClose.push(neighbour);
        return neighbour;
    }

    /**
     * A catalog's properties: this database, these neighbours, internal TLS, and trust in
     * {@link CatalogTestTenants#TOKENS} instead of auth-service's JWKS.
     */
    synchronized Map<String, String> catalogProperties() {
        if (routerAddress == null) {
            throw new IllegalStateException("serve tenants or go without a registry first");
        }
        if (authAddress == null) {
            authAddress = "localhost:" + closeAfter(PortForward.open()).port();
        }
        Map<String, String> properties = new HashMap<>(CatalogTestTenants.serviceProperties(db));
        properties.put(CatalogTestTenants.TRUST_TEST_TOKENS, "true");
        properties.put("grpc.channels.router.address", routerAddress);
        properties.put("grpc.channels.auth.address", authAddress);
        return properties;
    }

    /** {@link #catalogProperties()} for a {@code @MicronautTest}: its beans fenced by {@code spec}, any port. */
    Map<String, String> properties(String spec) {
        Map<String, String> properties = catalogProperties();
        properties.put("spec.name", spec);
        properties.put("micronaut.server.port", "-1");
        return properties;
    }

    /**
     * A catalog-service replica standing on these neighbours, with {@code extra} settings, once it
     * has received the registry; the caller closes it.
     */
    ServiceReplica startCatalog(Map<String, String> extra) {
        Map<String, Object> properties = new HashMap<>(catalogProperties());
        properties.putAll(extra);
        ServiceReplica replica = ServiceReplica.start("catalog-service", "flight-service", properties);
        try {
            Await.until(replica.bean(TenantDirectory.class)::synced, Duration.ofSeconds(10),
                    "the replica did not receive the tenant registry");
        } catch (RuntimeException | Error e) {
            replica.close();
            throw e;
        }
        return replica;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        Exception failure = null;
        while (!toClose.isEmpty()) {
            try {
                toClose.pop().close();
            } catch (Exception e) {
                failure = first(failure, e);
            }
        }
        for (Path directory : directories) {
            try {
                Directories.deleteRecursively(directory);
            } catch (IOException e) {
                failure = first(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Exception first(Exception failure, Exception next) {
        if (failure == null) {
            return next;
        }
        failure.addSuppressed(next);
        return failure;
    }
}
