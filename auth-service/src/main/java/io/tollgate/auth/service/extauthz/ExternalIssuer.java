package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.InvalidTokenException.Reason;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.RevocationSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.text.ParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One trusted external identity provider: its tokens are verified against its own JWKS only, with
 * its algorithms, issuer and audience, and then act in its pinned tenant, whatever they say. Its
 * roles are the configured mapping of its role or group claim, nothing else.
 */
final class ExternalIssuer {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalIssuer.class);
    private static final Set<JOSEObjectType> TYPES = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
            new JOSEObjectType("application/at+jwt"));

    private final String name;
    private final String issuer;
    private final String tenantId;
    private final String usernameClaim;
    private final String rolesClaim;
    private final Map<String, String> roleMapping;
    private final RevocationSet revocations;
    private final DefaultJWTProcessor<SecurityContext> processor;

    /**
     * @param roleMapping IdP role or group value to Tollgate role wire name
     */
    ExternalIssuer(String name, String issuer, String audience, Set<JWSAlgorithm> algorithms,
                   JWKSource<SecurityContext> keys, String tenantId, String usernameClaim, String rolesClaim,
                   Map<String, String> roleMapping, int clockSkewSeconds, RevocationSet revocations) {
        this.name = name;
        this.issuer = issuer;
        this.tenantId = tenantId;
        this.usernameClaim = usernameClaim;
        this.rolesClaim = rolesClaim;
        this.roleMapping = Map.copyOf(roleMapping);
        this.revocations = revocations;
        Set<JOSEObjectType> types = new HashSet<>(TYPES);
        types.add(null);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), new HashSet<>(List.of("exp", "iat", "sub", usernameClaim)));
        claims.setMaxClockSkew(clockSkewSeconds);
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(types));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        processor.setJWTClaimsSetVerifier(claims);
    }

    String name() {
        return name;
    }

    String issuer() {
        return issuer;
    }

    String tenantId() {
        return tenantId;
    }

    /**
     * The identity of a token this issuer signed, in the pinned tenant.
     *
     * @throws InvalidTokenException when it is not acceptable, or revoked
     */
    AuthzIdentity verify(String token) throws InvalidTokenException {
        JWTClaimsSet claims = process(token);
        try {
            String username = claims.getStringClaim(usernameClaim);
            if (username == null || username.isBlank()) {
                throw new InvalidTokenException(Reason.BAD_CLAIMS);
            }
            Set<String> roles = mappedRoles(claims.getClaim(rolesClaim));
            Set<String> scopes = scopes(claims);
            Principal principal = new Principal(claims.getSubject(), tenantId, roles, scopes, claims.getJWTID(),
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
            // A revocation of the pinned tenant, of this subject in it, or of the jti applies too.
            if (revocations.isRevoked(principal)) {
                throw new InvalidTokenException(Reason.REVOKED);
            }
            return new AuthzIdentity(claims.getSubject(), username, tenantId, roles, scopes, issuer,
                    claims.getJWTID(), claim -> Optional.ofNullable(claims.getClaim(claim)));
        } catch (ParseException e) {
            throw new InvalidTokenException(Reason.BAD_CLAIMS);
        }
    }

    private JWTClaimsSet process(String token) throws InvalidTokenException {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw refused(Reason.MALFORMED, e);
        } catch (ExpiredJWTException e) {
            throw refused(Reason.EXPIRED, e);
        } catch (BadJWTException e) {
            throw refused(Reason.BAD_CLAIMS, e);
        } catch (BadJOSEException e) {
            throw refused(Reason.BAD_SIGNATURE, e);
        } catch (KeySourceException e) {
            LOG.warn("keys of external issuer {} unavailable: {}", name, e.getMessage());
            throw new InvalidTokenException(Reason.KEYS_UNAVAILABLE);
        } catch (Exception e) {
            throw refused(Reason.MALFORMED, e);
        }
    }

    private InvalidTokenException refused(Reason reason, Exception cause) {
        LOG.debug("token of external issuer {} refused ({}): {}", name, reason, cause.getMessage());
        return new InvalidTokenException(reason);
    }

    private Set<String> mappedRoles(Object claim) {
        Set<String> values = new HashSet<>();
        if (claim instanceof String single) {
            values.add(single);
        } else if (claim instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
        }
        Set<String> roles = new LinkedHashSet<>();
        values.stream().map(roleMapping::get).filter(r -> r != null).forEach(roles::add);
        return roles;
    }

    private static Set<String> scopes(JWTClaimsSet claims) throws ParseException {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        Set<String> scopes = new HashSet<>();
        if (scope instanceof String text && !text.isBlank()) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        } else if (scope instanceof Collection<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
        }
        return scopes;
    }
}
