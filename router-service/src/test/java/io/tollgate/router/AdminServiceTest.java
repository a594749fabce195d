package io.tollgate.router;

import io.micronaut.runtime.server.EmbeddedServer;
import io.tollgate.router.support.AdminClient;
import io.tollgate.router.support.JwksServer;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The service as it runs, with its admin REST API reachable over HTTP and trusting the test
 * token keys (published as a JWKS, as auth-service does).
 */
public abstract class AdminServiceTest extends RouterServiceTest {
    protected static final String ISSUER = "tollgate-test";
    protected static final String AUDIENCE = "tollgate";
    protected final TestTokens tokens = new TestTokens(ISSUER, AUDIENCE);
    private final JwksServer jwks = new JwksServer(tokens);

    @Inject
    protected EmbeddedServer server;

    @Override
    protected String bootstrapJson() {
        return "{\"tenants\":[]}";
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("micronaut.server.port", "-1");
        properties.put("tollgate.tokens.issuer", ISSUER);
        properties.put("tollgate.tokens.audience", AUDIENCE);
        properties.put("tollgate.tokens.jwks-uri", jwks.uri());
        return properties;
    }

    /** A client whose token carries the platform-admin role, for subject {@code ops@platform}. */
    protected AdminClient admin() {
        return new AdminClient(server.getURI(), token("ops@platform", "platform", List.of("platform-admin")));
    }

    protected String token(String subject, String tenant, List<String> roles) {
        return tokens.mint(subject, tenant, roles, Duration.ofMinutes(10));
    }

    @AfterAll
    void stopJwks() {
        jwks.close();
    }
}
