package io.tollgate.auth.service.extauthz;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Whom a verified token speaks for, as ext_authz needs it, whichever issuer signed it.
 *
 * @param subject  the {@code sub} (for Tollgate accounts and clients {@code name@tenant})
 * @param name     the user name: the account's or client's name without {@code @tenant}, or an
 *                 external issuer's configured username claim
 * @param tenantId the tenant it acts in: Tollgate's {@code tid}, or an external issuer's pin
 * @param roles    role wire names
 * @param scopes   scopes
 * @param issuer   the {@code iss}
 * @param tokenId  the {@code jti}, if any
 * @param claims   every claim of the verified token, for {@code {claim:NAME}}
 */
public record AuthzIdentity(String subject, String name, String tenantId, Set<String> roles, Set<String> scopes,
                            String issuer, @Nullable String tokenId, Claims claims) {

    /** Reads claims of the (already verified) token. */
    @FunctionalInterface
    public interface Claims {
        Optional<Object> get(String name);
    }

    public AuthzIdentity {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(tenantId, "tenantId");
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }
}
