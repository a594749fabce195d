package io.tollgate.auth.api.rest;

import io.micronaut.http.HttpRequest;
import io.tollgate.auth.domain.ClientAuthenticationFailedException;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.ClientAuthenticationService;
import io.tollgate.auth.service.oauth.ClientCredentials;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The service client calling introspection or revocation: it must authenticate (Basic or
 * client_secret_post); no credentials at all is an invalid_client like wrong ones.
 */
@Singleton
class CallingClient {
    private final ClientAuthenticationService clients;

    CallingClient(ClientAuthenticationService clients) {
        this.clients = clients;
    }

    ServiceClient authenticate(HttpRequest<?> request, Map<String, String> form, String clientAddress)
            throws OAuthException, TenantStatusUnavailableException {
        ClientCredentials credentials = ClientCredentialsReader.read(request, form).orElseThrow(() ->
                new OAuthException(OAuthError.INVALID_CLIENT, ClientAuthenticationFailedException.MESSAGE));
        try {
            return clients.authenticate(credentials.clientId(), credentials.secret(), clientAddress);
        } catch (ClientAuthenticationFailedException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, ClientAuthenticationFailedException.MESSAGE);
        }
    }
}
