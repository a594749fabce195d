package io.tollgate.auth.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.domain.TokenSubject;
import io.tollgate.auth.service.keys.SigningKeys;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.Role;
import io.tollgate.common.auth.TokenClaims;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Signs access tokens (JWTs) in the shape every Tollgate service's TokenVerifier expects. */
@Singleton
public class TokenIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(TokenIssuer.class);
    /** RFC 9068's claim naming the client a token was issued to. */
    static final String CLIENT_ID_CLAIM = "client_id";

    private final AuthConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    public TokenIssuer(AuthConfig config, SigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** A fresh token for the subject with exactly these scopes and the configured lifetime. */
    public IssuedToken issue(TokenSubject subject, Set<String> scopes) {
        // JWT times are whole seconds; truncating here keeps the Principal equal to what a
        // verifier will read back from the token.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration ttl = config.accessTokenTtl();
        Instant expiresAt = issuedAt.plus(ttl);
        List<String> roles = roles(subject);
        List<String> sortedScopes = scopes.stream().sorted().toList();
        String tokenId = UUID.randomUUID().toString();

        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .subject(subject.subject())
                .audience(config.audience())
                .claim(TokenClaims.TENANT, subject.tenantId())
                .claim(TokenClaims.ROLES, roles)
                .claim(TokenClaims.SCOPE, String.join(" ", sortedScopes))
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt));
        if (subject.clientId() != null) {
            claims.claim(CLIENT_ID_CLAIM, subject.clientId());
        }
        String token = sign(claims.build());
        Principal principal = new Principal(subject.subject(), subject.tenantId(), Set.copyOf(roles),
                Set.copyOf(sortedScopes), tokenId, issuedAt, expiresAt);
        return new IssuedToken(token, ttl, principal);
    }

    // platform-admin means something only in the platform tenant; anywhere else it is dropped
    // rather than handed out (the bootstrap refuses such accounts; this guards rows made otherwise).
    private static List<String> roles(TokenSubject subject) {
        boolean platform = PlatformTenant.ID.equals(subject.tenantId());
        if (!platform && subject.roles().contains(Role.PLATFORM_ADMIN)) {
            LOG.warn("{} in tenant {} holds platform-admin outside the platform tenant; not granting it",
                    subject.subject(), subject.tenantId());
        }
        return subject.roles().stream()
                .filter(role -> platform || role != Role.PLATFORM_ADMIN)
                .map(Role::wireName).sorted().toList();
    }

    private String sign(JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(keys.algorithm())
                .type(JOSEObjectType.JWT)
                .keyID(keys.activeKid())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(keys.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }
}
