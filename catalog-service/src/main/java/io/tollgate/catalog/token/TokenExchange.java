package io.tollgate.catalog.token;

import io.grpc.StatusRuntimeException;
import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.ProtocolScope;
import io.tollgate.common.http.BasicCredentials;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/**
 * One token request: grant_type must be client_credentials, the requested scope must include
 * {@code catalog} (none asked: {@code catalog}; {@code sign} is read as {@code catalog}), and auth-service exchanges the credentials
 * (ExchangeClientCredentials: a service client's id and secret, or an account's name@tenant and
 * password; its rate limits and audit apply). Its refusals become OAuth2 errors with our own
 * descriptions; anything else it answers is unexpected.
 */
@Singleton
public class TokenExchange {
    public static final String CLIENT_CREDENTIALS = "client_credentials";
    /** auth-service's own words for every refusal of credentials. */
    public static final String INVALID_CLIENT = "client authentication failed";
    /**
     * The scope Iceberg's remote-signing client (S3V4RestSignerClient) asks for when the client
     * names none: the sign endpoint is a catalog route, so it is granted as {@code catalog}, what
     * the same credential gets without a scope; refusing it would fail every stock client that
     * logs in with {@code credential=} and reads an S3 warehouse.
     */
    static final String ICEBERG_SIGNER_SCOPE = "sign";

    private final AuthServiceGrpc.AuthServiceBlockingStub auth;

    public TokenExchange(AuthServiceGrpc.AuthServiceBlockingStub auth) {
        this.auth = auth;
    }

    /**
     * @param grantType     the {@code grant_type} parameter, or null
     * @param credentials   the client's id and secret (HTTP Basic or form), or null when it sent none
     * @param scope         the {@code scope} parameter (space-separated), or null
     * @param clientAddress the caller's address, for auth-service's rate limits and audit trail
     * @throws TokenRefusedException for every refusal OAuth2 names
     */
    public IssuedCatalogToken issue(@Nullable String grantType, @Nullable BasicCredentials credentials,
                                    @Nullable String scope, String clientAddress) {
        if (grantType == null) {
            throw new TokenRefusedException(TokenRefusal.INVALID_REQUEST, "missing parameter: grant_type");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new TokenRefusedException(TokenRefusal.UNSUPPORTED_GRANT_TYPE,
                    "unsupported grant_type: this endpoint serves client_credentials only");
        }
        if (credentials == null) {
            throw new TokenRefusedException(TokenRefusal.INVALID_CLIENT, INVALID_CLIENT);
        }
        List<String> scopes = scopes(scope);
        ExchangeClientCredentialsResponse response;
        try {
            response = auth.exchangeClientCredentials(ExchangeClientCredentialsRequest.newBuilder()
                    .setClientId(credentials.id()).setClientSecret(credentials.secret())
                    .setClientAddress(clientAddress).addAllScopes(scopes).build());
        } catch (StatusRuntimeException e) {
            throw refusal(e);
        }
        return new IssuedCatalogToken(response.getAccessToken(), response.getExpiresInSeconds(),
                response.getPrincipal().getScopesList());
    }

    private static List<String> scopes(@Nullable String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of(ProtocolScope.CATALOG.scope());
        }
        List<String> requested = Arrays.stream(scope.trim().split(" +"))
                .map(asked -> asked.equals(ICEBERG_SIGNER_SCOPE) ? ProtocolScope.CATALOG.scope() : asked)
                .distinct().toList();
        if (!requested.contains(ProtocolScope.CATALOG.scope())) {
            throw new TokenRefusedException(TokenRefusal.INVALID_SCOPE,
                    "the scope must include '" + ProtocolScope.CATALOG.scope() + "'");
        }
        return requested;
    }

    private static RuntimeException refusal(StatusRuntimeException e) {
        return switch (e.getStatus().getCode()) {
            case UNAUTHENTICATED -> new TokenRefusedException(TokenRefusal.INVALID_CLIENT, INVALID_CLIENT);
            case INVALID_ARGUMENT -> new TokenRefusedException(TokenRefusal.INVALID_SCOPE,
                    "none of the requested scopes can be granted");
            case RESOURCE_EXHAUSTED -> new TokenRefusedException(TokenRefusal.SLOW_DOWN,
                    "too many requests; retry later");
            case UNAVAILABLE, DEADLINE_EXCEEDED -> new TokenRefusedException(TokenRefusal.TEMPORARILY_UNAVAILABLE,
                    "the identity service is unavailable; retry later");
            default -> e;
        };
    }
}
