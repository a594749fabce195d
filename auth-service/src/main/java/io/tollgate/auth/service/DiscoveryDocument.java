package io.tollgate.auth.service;

import com.nimbusds.jose.JWSAlgorithm;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.service.keys.SigningKeys;
import io.tollgate.auth.service.oauth.ClientCredentials;
import io.tollgate.auth.service.oauth.TokenEndpointService;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authorization server's metadata (OpenID Connect Discovery 1.0 / RFC 8414), with endpoint
 * URLs under {@code tollgate.auth.public-url}. There is no authorization endpoint and no ID token,
 * so {@code response_types_supported} is empty.
 */
@Singleton
public class DiscoveryDocument {
    private final Map<String, Object> metadata;

    public DiscoveryDocument(AuthConfig config, SigningKeys keys, AccessScopes scopes) {
        String base = config.publicUrl().toString().replaceAll("/+$", "");
        List<String> authMethods = Arrays.stream(ClientCredentials.Method.values())
                .map(ClientCredentials.Method::discoveryName).toList();
        List<String> algorithms = keys.publishedAlgorithms().stream().map(JWSAlgorithm::getName).sorted().toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", config.issuer());
        m.put("token_endpoint", base + "/oauth2/token");
        m.put("jwks_uri", base + "/oauth2/jwks");
        m.put("introspection_endpoint", base + "/oauth2/introspect");
        m.put("revocation_endpoint", base + "/oauth2/revoke");
        m.put("grant_types_supported", TokenEndpointService.GRANTS);
        m.put("response_types_supported", List.of());
        m.put("subject_types_supported", List.of("public"));
        m.put("token_endpoint_auth_methods_supported", authMethods);
        m.put("introspection_endpoint_auth_methods_supported", authMethods);
        m.put("revocation_endpoint_auth_methods_supported", authMethods);
        // No ID tokens are issued; this is where clients look for the signing algorithms, and it
        // lists those of the access tokens (every published key's).
        m.put("id_token_signing_alg_values_supported", algorithms);
        m.put("scopes_supported", scopes.forAccounts().stream().sorted().toList());
        this.metadata = Collections.unmodifiableMap(m);
    }

    /** The document, in a stable order of members. */
    public Map<String, Object> metadata() {
        return metadata;
    }
}
