package io.tollgate.auth.service.oauth;

import io.micronaut.core.annotation.Nullable;

import java.util.Map;
import java.util.Optional;

/**
 * One token-endpoint request, decoded from the wire: its form parameters (each at most once) and
 * the client credentials it carried, if any.
 *
 * @param parameters    the form parameters, client credentials removed
 * @param client        the client's credentials, when it authenticated
 * @param clientAddress the caller's address
 */
public record TokenRequest(Map<String, String> parameters, @Nullable ClientCredentials client, String clientAddress) {

    public TokenRequest {
        parameters = Map.copyOf(parameters);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<ClientCredentials> clientCredentials() {
        return Optional.ofNullable(client);
    }

    @Override
    public String toString() {
        return "TokenRequest[grant_type=" + parameters.get("grant_type") + ", client=" + client + "]";
    }
}
