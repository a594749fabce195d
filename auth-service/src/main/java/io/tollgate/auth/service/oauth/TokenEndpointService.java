package io.tollgate.auth.service.oauth;

import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.ClientAuthenticationFailedException;
import io.tollgate.auth.domain.GrantedTokens;
import io.tollgate.auth.domain.InvalidRefreshTokenException;
import io.tollgate.auth.domain.InvalidScopeException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.domain.TokenSubject;
import io.tollgate.auth.service.AccessScopes;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.auth.service.AuthenticationService;
import io.tollgate.auth.service.ClientAuthenticationService;
import io.tollgate.auth.service.RefreshTokenService;
import io.tollgate.auth.service.TokenIssuer;
import io.tollgate.auth.service.ratelimit.LoginRateLimiter;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OAuth2 token endpoint's logic (RFC 6749): the password, client_credentials and
 * refresh_token grants, with their errors. Service clients may use client_credentials only;
 * password and refresh_token are for people, through public clients that do not authenticate.
 */
@Singleton
public class TokenEndpointService {
    public static final String PASSWORD = "password";
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    public static final String REFRESH_TOKEN = "refresh_token";
    /** The grants offered, as discovery lists them. */
    public static final List<String> GRANTS = List.of(PASSWORD, CLIENT_CREDENTIALS, REFRESH_TOKEN);

    private final AuthenticationService accounts;
    private final ClientAuthenticationService clients;
    private final RefreshTokenService refreshTokens;
    private final TokenIssuer issuer;
    private final AccessScopes scopes;
    private final LoginRateLimiter rateLimiter;
    private final AuditLog audit;

    public TokenEndpointService(AuthenticationService accounts, ClientAuthenticationService clients,
                                RefreshTokenService refreshTokens, TokenIssuer issuer, AccessScopes scopes,
                                LoginRateLimiter rateLimiter, AuditLog audit) {
        this.accounts = accounts;
        this.clients = clients;
        this.refreshTokens = refreshTokens;
        this.issuer = issuer;
        this.scopes = scopes;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
    }

    /**
     * Serves one token request.
     *
     * @throws OAuthException                   for every refusal RFC 6749 §5.2 names
     * @throws RateLimitedException             when the caller made too many requests
     * @throws TenantStatusUnavailableException when the tenant registry cannot be asked
     */
    public GrantedTokens token(TokenRequest request)
            throws OAuthException, RateLimitedException, TenantStatusUnavailableException {
        String grantType = request.parameter("grant_type")
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST, "missing parameter: grant_type"));
        if (!GRANTS.contains(grantType)) {
            throw new OAuthException(OAuthError.UNSUPPORTED_GRANT_TYPE, "unsupported grant_type");
        }
        Optional<Set<String>> requestedScopes = requestedScopes(request);
        return switch (grantType) {
            case PASSWORD -> password(request, requestedScopes);
            case CLIENT_CREDENTIALS -> clientCredentials(request, requestedScopes);
            default -> refresh(request, requestedScopes);
        };
    }

    private GrantedTokens password(TokenRequest request, Optional<Set<String>> requestedScopes)
            throws OAuthException, RateLimitedException, TenantStatusUnavailableException {
        String username = required(request, "username");
        String password = required(request, "password");
        rateLimiter.check(username, request.clientAddress());
        refuseServiceClient(request);
        Account account;
        try {
            account = accounts.verifyPassword(username, password, request.clientAddress());
        } catch (AuthenticationFailedException e) {
            throw new OAuthException(OAuthError.INVALID_GRANT, AuthenticationFailedException.MESSAGE);
        }
        Set<String> granted = grant(requestedScopes, scopes.forAccounts());
        IssuedToken access = issuer.issue(TokenSubject.of(account), granted);
        String refresh = refreshTokens.startFamily(account, granted, access);
        audit.tokenIssued(PASSWORD, access.principal(), null, request.clientAddress());
        return new GrantedTokens(access, refresh);
    }

    private GrantedTokens clientCredentials(TokenRequest request, Optional<Set<String>> requestedScopes)
            throws OAuthException, RateLimitedException, TenantStatusUnavailableException {
        ClientCredentials credentials = request.clientCredentials()
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_CLIENT, ClientAuthenticationFailedException.MESSAGE));
        rateLimiter.check(credentials.clientId(), request.clientAddress());
        ServiceClient client = authenticate(credentials, request.clientAddress());
        Set<String> granted = grant(requestedScopes, client.allowedScopes());
        // No refresh token: a client holds its secret and simply asks again (RFC 6749 §4.4.3).
        IssuedToken access = issuer.issue(TokenSubject.of(client), granted);
        audit.tokenIssued(CLIENT_CREDENTIALS, access.principal(), client.clientId(), request.clientAddress());
        return new GrantedTokens(access, null);
    }

    private GrantedTokens refresh(TokenRequest request, Optional<Set<String>> requestedScopes)
            throws OAuthException, RateLimitedException, TenantStatusUnavailableException {
        String token = required(request, "refresh_token");
        // A refresh token is not guessable; only the address is limited.
        rateLimiter.check(null, request.clientAddress());
        refuseServiceClient(request);
        try {
            return refreshTokens.refresh(token, requestedScopes, request.clientAddress());
        } catch (InvalidRefreshTokenException e) {
            throw new OAuthException(OAuthError.INVALID_GRANT, InvalidRefreshTokenException.MESSAGE);
        } catch (InvalidScopeException e) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, e.getMessage());
        }
    }

    /**
     * Service clients get client_credentials only. A request that authenticates one on another
     * grant is refused, but only after its credentials are checked, so that the answer does not
     * reveal anything to someone who does not hold them.
     */
    private void refuseServiceClient(TokenRequest request) throws OAuthException, TenantStatusUnavailableException {
        Optional<ClientCredentials> credentials = request.clientCredentials();
        if (credentials.isPresent()) {
            authenticate(credentials.get(), request.clientAddress());
            throw new OAuthException(OAuthError.UNAUTHORIZED_CLIENT,
                    "this client may use the client_credentials grant only");
        }
    }

    private ServiceClient authenticate(ClientCredentials credentials, String clientAddress)
            throws OAuthException, TenantStatusUnavailableException {
        try {
            return clients.authenticate(credentials.clientId(), credentials.secret(), clientAddress);
        } catch (ClientAuthenticationFailedException e) {
            throw new OAuthException(OAuthError.INVALID_CLIENT, ClientAuthenticationFailedException.MESSAGE);
        }
    }

    private static Optional<Set<String>> requestedScopes(TokenRequest request) throws OAuthException {
        try {
            return Scopes.parse(request.parameters().get("scope"));
        } catch (InvalidScopeException e) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, e.getMessage());
        }
    }

    private static Set<String> grant(Optional<Set<String>> requested, Set<String> allowed) throws OAuthException {
        try {
            return Scopes.grant(requested, allowed);
        } catch (InvalidScopeException e) {
            throw new OAuthException(OAuthError.INVALID_SCOPE, e.getMessage());
        }
    }

    private static String required(TokenRequest request, String name) throws OAuthException {
        return request.parameter(name)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST, "missing parameter: " + name));
    }
}
