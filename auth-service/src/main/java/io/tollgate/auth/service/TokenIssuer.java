package io.tollgate.auth.service;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.domain.Account;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.Role;
import io.tollgate.common.auth.TokenClaims;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Signs access tokens (RS256 JWTs) in the shape every Tollgate service's TokenVerifier expects. */
@Singleton
public class TokenIssuer {
    private final AuthConfig config;
    private final SigningKeys keys;
    private final Clock clock;

    public TokenIssuer(AuthConfig config, SigningKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** A fresh token for the account, with the configured scopes and lifetime. */
    public IssuedToken issue(Account account) {
        // JWT times are whole seconds; truncating here keeps the Principal equal to what a
        // verifier will read back from the token.
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration ttl = config.accessTokenTtl();
        Instant expiresAt = issuedAt.plus(ttl);
        List<String> roles = account.roles().stream().map(Role::wireName).sorted().toList();
        List<String> scopes = List.copyOf(new LinkedHashSet<>(config.defaultScopes()));
        String tokenId = UUID.randomUUID().toString();
        String subject = account.name().toString();

        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(config.issuer())
                .subject(subject)
                .audience(config.audience())
                .claim(TokenClaims.TENANT, account.name().tenantId())
                .claim(TokenClaims.ROLES, roles)
                .claim(TokenClaims.SCOPE, String.join(" ", scopes))
                .jwtID(tokenId)
                .issueTime(Date.from(issuedAt))
                .notBeforeTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build();
        String token = sign(claims);
        Principal principal = new Principal(subject, account.name().tenantId(), Set.copyOf(roles), Set.copyOf(scopes),
                tokenId, issuedAt, expiresAt);
        return new IssuedToken(token, ttl, principal);
    }

    private String sign(JWTClaimsSet claims) {
        RSAKey key = keys.signingKey();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(JOSEObjectType.JWT)
                .keyID(key.getKeyID())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token", e);
        }
        return jwt.serialize();
    }
}
