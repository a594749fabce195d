package io.tollgate.auth.service.oauth;

import java.util.Objects;

/**
 * A client id and secret as presented, before they are checked.
 *
 * @param clientId the client id
 * @param secret   the secret in clear
 * @param method   how they were sent
 */
public record ClientCredentials(String clientId, String secret, Method method) {

    /** RFC 6749 §2.3.1's two ways, by their discovery names. */
    public enum Method {
        CLIENT_SECRET_BASIC("client_secret_basic"),
        CLIENT_SECRET_POST("client_secret_post");

        private final String discoveryName;

        Method(String discoveryName) {
            this.discoveryName = discoveryName;
        }

        public String discoveryName() {
            return discoveryName;
        }
    }

    public ClientCredentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(method, "method");
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", method=" + method + "]";
    }
}
