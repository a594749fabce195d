package io.tollgate.auth.service.oauth;

import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.InvalidScopeException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.AuthenticationService;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client credentials presented at a data service's token endpoint (Iceberg's
 * {@code credential=id:secret}), for an access token: first as a service client, through the token
 * endpoint's own client_credentials grant (its rate limit, checks and audit); when no client has
 * that id and secret, as an account's name@tenant and password, so that a person can use an
 * Iceberg client with the same login as Flight SQL. Both kinds of refusal are the one
 * {@link AuthenticationFailedException}: the caller cannot tell which was tried.
 */
@Singleton
public class ClientCredentialsExchange {
    private final TokenEndpointService tokens;
    private final AuthenticationService accounts;

    public ClientCredentialsExchange(TokenEndpointService tokens, AuthenticationService accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    /**
     * @param requestedScopes the scopes asked for; empty for all the client or account may have
     * @throws AuthenticationFailedException    for every refusal of the credentials, alike
     * @throws RateLimitedException             when the id or the address made too many attempts
     * @throws TenantStatusUnavailableException when the tenant registry cannot be asked
     * @throws InvalidScopeException            when none of the requested scopes can be granted
     */
    public IssuedToken exchange(String clientId, String secret, Optional<Set<String>> requestedScopes,
                                String clientAddress) throws AuthenticationFailedException, RateLimitedException,
            TenantStatusUnavailableException, InvalidScopeException {
        Map<String, String> form = new HashMap<>();
        form.put("grant_type", TokenEndpointService.CLIENT_CREDENTIALS);
        requestedScopes.ifPresent(scopes -> form.put("scope", String.join(" ", scopes)));
        try {
            // Takes the attempt from the rate limiter, once for both kinds.
            return tokens.token(new TokenRequest(form,
                    new ClientCredentials(clientId, secret, ClientCredentials.Method.CLIENT_SECRET_POST),
                    clientAddress)).access();
        } catch (OAuthException e) {
            if (e.error() == OAuthError.INVALID_SCOPE) {
                throw new InvalidScopeException(e.description());
            }
            if (e.error() != OAuthError.INVALID_CLIENT) {
                throw new AuthenticationFailedException();
            }
        }
        return accounts.issue(clientId, secret, requestedScopes, clientAddress, TokenEndpointService.CLIENT_CREDENTIALS);
    }
}
