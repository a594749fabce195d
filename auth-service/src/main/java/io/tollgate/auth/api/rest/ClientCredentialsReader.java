package io.tollgate.auth.api.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.tollgate.auth.domain.ClientAuthenticationFailedException;
import io.tollgate.auth.service.oauth.ClientCredentials;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.common.http.BasicCredentials;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads client credentials as RFC 6749 §2.3.1 sends them: HTTP Basic with the form-encoded id and
 * secret, or {@code client_id} and {@code client_secret} form parameters. Using both in one
 * request is an invalid_request; a malformed Basic header, or another Authorization scheme, an
 * invalid_client. The two parameters are removed from the form, which then holds only the
 * request's own parameters.
 */
final class ClientCredentialsReader {
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";

    private ClientCredentialsReader() {
    }

    static Optional<ClientCredentials> read(HttpRequest<?> request, Map<String, String> form) throws OAuthException {
        List<String> authorization = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        String formId = form.remove(CLIENT_ID);
        String formSecret = form.remove(CLIENT_SECRET);
        if (authorization.size() > 1) {
            throw new OAuthException(OAuthError.INVALID_REQUEST, "more than one Authorization header");
        }
        if (authorization.size() == 1) {
            if (formSecret != null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "more than one client authentication method");
            }
            ClientCredentials basic = basic(authorization.get(0));
            if (formId != null && !formId.equals(basic.clientId())) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "client_id does not match the Authorization header");
            }
            return Optional.of(basic);
        }
        if (formSecret != null) {
            if (formId == null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "client_secret without client_id");
            }
            return Optional.of(new ClientCredentials(formId, formSecret, ClientCredentials.Method.CLIENT_SECRET_POST));
        }
        // A client_id alone identifies a public client; it authenticates nothing.
        return Optional.empty();
    }

    private static ClientCredentials basic(String header) throws OAuthException {
        BasicCredentials basic = BasicCredentials.parse(header).orElseThrow(ClientCredentialsReader::invalidClient);
        return new ClientCredentials(basic.id(), basic.secret(), ClientCredentials.Method.CLIENT_SECRET_BASIC);
    }

    private static OAuthException invalidClient() {
        return new OAuthException(OAuthError.INVALID_CLIENT, ClientAuthenticationFailedException.MESSAGE);
    }
}
