package io.tollgate.catalog;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.common.auth.TokenVerifierFactory;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Singleton;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.apache.iceberg.rest.RESTCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the catalog tests of transactions, ETags and idempotency keys share: one token signer the
 * catalog trusts, the properties that point a catalog at a test database and registry, tenants with
 * a local warehouse, and Iceberg's Java client logged in as a tenant's user. The client writes its
 * manifests with Iceberg's in-memory FileIO (the catalog only records their locations), so that
 * appends need no Hadoop on the client side.
 */
final class CatalogTestTenants {
    static final TestTokens TOKENS = new TestTokens("tollgate", "tollgate");
    /** Set on a catalog that should trust {@link #TOKENS} instead of fetching auth-service's JWKS. */
    static final String TRUST_TEST_TOKENS = "catalog-test.trust-test-tokens";

    private CatalogTestTenants() {
    }

    /** A catalog's properties: this database, this registry, auth-service unreachable, internal TLS. */
    static Map<String, String> catalogProperties(PostgresDatabase db, RegistryDouble registry, PortForward noAuth) {
        Map<String, String> properties = new HashMap<>(db.datasourceProperties());
        properties.put(TRUST_TEST_TOKENS, "true");
        properties.put("grpc.channels.router.address", registry.address());
        properties.put("grpc.channels.auth.address", "localhost:" + noAuth.port());
        InternalCertificates.shared().properties("catalog-service").forEach((k, v) -> properties.put(k, v.toString()));
        return properties;
    }

    /** The catalog's properties: its database, the neighbours' addresses, internal TLS, any port, test tokens. */
    static Map<String, String> properties(PostgresDatabase db, String spec, String routerAddress, String authAddress) {
        Map<String, String> properties = new HashMap<>(db.datasourceProperties());
        properties.put("spec.name", spec);
        properties.put("micronaut.server.port", "-1");
        properties.put("grpc.channels.router.address", routerAddress);
        properties.put("grpc.channels.auth.address", authAddress);
        properties.put(TRUST_TEST_TOKENS, "true");
        InternalCertificates.shared().properties("catalog-service").forEach((k, v) -> properties.put(k, v.toString()));
        return properties;
    }

    /** A tenant with its warehouse {@code <id>-lake} at {@code <storage>/<id>}. */
    static Tenant.Builder tenantBuilder(String id, TenantStatus status, Path storage) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(status).setRevision(1)
                .addWarehouses(Warehouse.newBuilder().setName(id + "-lake").setLocation("file://" + storage.resolve(id)));
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tenant tenant(String id, String warehouse, Path root) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .setRevision(1)
                .addWarehouses(Warehouse.newBuilder().setName(warehouse).setLocation("file://" + root))
                .build();
    }

    static String token(String subject, String tenant, String role) {
        return TOKENS.mint(subject, tenant, List.of(role), Duration.ofMinutes(10));
    }

    /** Iceberg's Java client for a tenant's user; {@code extra} adds or overrides client properties. */
    static RESTCatalog client(String uri, String subject, String tenant, String role, String warehouse,
                              Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of(
                "uri", uri,
                "warehouse", warehouse,
                "token", token(subject, tenant, role),
                CatalogProperties.FILE_IO_IMPL, InMemoryFileIO.class.getName()));
        properties.putAll(extra);
        RESTCatalog catalog = new RESTCatalog();
        catalog.initialize(subject, properties);
        return catalog;
    }

    static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("catalog-warehouses").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts {@link #TOKENS} where {@link #TRUST_TEST_TOKENS} is set. */
    @Factory
    @Requires(property = TRUST_TEST_TOKENS, value = "true")
    static class TrustedTestTokens {
        @Singleton
        @Replaces(bean = TokenVerifier.class, factory = TokenVerifierFactory.class)
        TokenVerifier tokenVerifier(TokenVerifierConfig config, RevocationSet revocations) {
            return new TokenVerifier(config, TOKENS.keys(), revocations, Clock.systemUTC());
        }
    }
}
