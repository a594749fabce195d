package io.tollgate.common.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.Role;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.tenant.PlatformTenant;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

import java.util.List;
import java.util.Map;

/**
 * Lets Micronaut Security accept Tollgate bearer tokens: each one is checked by the service's
 * {@link TokenVerifier} (signature, claims, revocations), and becomes an {@link Authentication}
 * whose roles are the token's roles and whose attributes carry the tenant ({@value #TENANT}),
 * scopes and token id. Present only in services that use Micronaut Security.
 */
@Singleton
@Requires(classes = TokenValidator.class)
@Requires(beans = TokenVerifier.class)
public class TollgateTokenValidator implements TokenValidator<HttpRequest<?>> {
    /** Attribute holding the tenant id: named as the token's own claim. */
    public static final String TENANT = TokenClaims.TENANT;
    /** Attribute holding the scopes (a list). */
    public static final String SCOPES = "scopes";
    /** Attribute holding the token id. */
    public static final String TOKEN_ID = "jti";

    private final TokenVerifier verifier;

    public TollgateTokenValidator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        try {
            Principal principal = verifier.verify(token);
            return Publishers.just(Authentication.build(principal.subject(), effectiveRoles(principal),
                    Map.of(TENANT, principal.tenantId(),
                            SCOPES, List.copyOf(principal.scopes()),
                            TOKEN_ID, principal.tokenId() == null ? "" : principal.tokenId())));
        } catch (InvalidTokenException e) {
            // Empty, not an error: the request stays anonymous and is refused by the security rules.
            return Publishers.empty();
        }
    }

    /**
     * The roles the request may use. platform-admin acts across tenants, so it counts only for the
     * reserved tenant that has no data of its own; in any other tenant's token it is ignored (defence
     * in depth: auth-service never issues it elsewhere).
     */
    static List<String> effectiveRoles(Principal principal) {
        return principal.roles().stream()
                .filter(role -> !Role.PLATFORM_ADMIN.wireName().equals(role) || PlatformTenant.is(principal.tenantId()))
                .sorted()
                .toList();
    }

    /** The principal's tenant, as this validator recorded it. */
    public static String tenantOf(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(TENANT);
        return tenant == null ? null : tenant.toString();
    }

    /** The principal's scopes, as this validator recorded them; empty when it recorded none. */
    public static List<?> scopesOf(Authentication authentication) {
        return authentication.getAttributes().get(SCOPES) instanceof List<?> scopes ? scopes : List.of();
    }
}
