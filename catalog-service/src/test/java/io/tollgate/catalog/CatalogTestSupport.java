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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What the catalog's tests over a real registry stream share: the service's properties, tenants
 * whose warehouse {@code <id>-lake} lies under a test directory, and tokens signed with a test key
 * that the catalog trusts (instead of fetching auth-service's JWKS) where {@link #TRUST_TEST_TOKENS}
 * is set, still checked against the revocations auth-service streams.
 */
final class CatalogTestSupport {
    /** Set to "true" to have the catalog trust {@link #TOKENS}. */
    static final String TRUST_TEST_TOKENS = "catalog-test.trust-test-tokens";
    static final TestTokens TOKENS = new TestTokens("tollgate", "tollgate");

    private CatalogTestSupport() {
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
    static Tenant.Builder tenant(String id, TenantStatus status, Path storage) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(status).setRevision(1)
                .setWarehouse(Warehouse.newBuilder().setName(id + "-lake").setLocation("file://" + storage.resolve(id)));
    }

    static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trusts {@link #TOKENS}' key instead of fetching auth-service's JWKS. */
    @Factory
    @Requires(property = TRUST_TEST_TOKENS, value = "true")
    static class TestKeyVerifier {
        @Singleton
        @Replaces(bean = TokenVerifier.class, factory = TokenVerifierFactory.class)
        TokenVerifier tokenVerifier(TokenVerifierConfig config, RevocationSet revocations) {
            return new TokenVerifier(config, TOKENS.keys(), revocations, Clock.systemUTC());
        }
    }
}
