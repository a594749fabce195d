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
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The static pieces every catalog test shares: the one token signer the catalog trusts, tokens of a
 * tenant's user, tenants of the registry with local warehouses, and the properties any catalog
 * needs to start at all. The neighbours of a test class are {@link CatalogNeighbours}; a catalog
 * that has synced its registry is {@link RegistryBackedCatalogTest}.
 */
final class CatalogTestTenants {
    static final TestTokens TOKENS = new TestTokens("tollgate", "tollgate");
    /** Set on a catalog that should trust {@link #TOKENS} instead of fetching auth-service's JWKS. */
    static final String TRUST_TEST_TOKENS = "catalog-test.trust-test-tokens";

    private CatalogTestTenants() {
    }

    /** What any catalog needs to start: its database and its internal TLS. */
    static Map<String, String> serviceProperties(PostgresDatabase db) {
        Map<String, String> properties = new HashMap<>(db.datasourceProperties());
        InternalCertificates.shared().properties("catalog-service").forEach((k, v) -> properties.put(k, v.toString()));
        return properties;
    }

    /** A tenant with its warehouse {@code <id>-lake} at {@code <storage>/<id>}. */
    static Tenant.Builder tenantBuilder(String id, TenantStatus status, Path storage) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(status)
                .addWarehouses(Warehouse.newBuilder().setName(id + "-lake").setLocation("file://" + storage.resolve(id)));
    }

    /** An active tenant of the registry with one local warehouse. */
    static Tenant tenant(String id, String warehouse, Path root) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .addWarehouses(Warehouse.newBuilder().setName(warehouse).setLocation("file://" + root))
                .build();
    }

    static String token(String subject, String tenant, String role) {
        return TOKENS.mint(subject, tenant, List.of(role), Duration.ofMinutes(10));
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
