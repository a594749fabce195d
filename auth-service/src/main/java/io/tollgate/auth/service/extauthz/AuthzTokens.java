package io.tollgate.auth.service.extauthz;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.config.ExtAuthzConfig;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.InvalidTokenException.Reason;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.util.Optional;

/**
 * Verifies a bearer token for ext_authz. The unverified {@code iss} only chooses the verifier:
 * Tollgate's own tokens go to the {@link TokenVerifier} every service uses (signature, claims,
 * revocations), a configured external issuer's to that issuer alone; the chosen verifier then
 * checks that very {@code iss} again, so lying about it gains nothing. Any other issuer is
 * refused.
 */
@Singleton
public class AuthzTokens {
    private final TokenVerifier tollgate;
    private final ExternalIssuers external;
    private final String ownIssuer;
    private final int maxTokenLength;

    public AuthzTokens(TokenVerifier tollgate, ExternalIssuers external, AuthConfig auth, ExtAuthzConfig config) {
        this.tollgate = tollgate;
        this.external = external;
        this.ownIssuer = auth.issuer();
        this.maxTokenLength = config.maxTokenLength();
    }

    AuthzIdentity verify(String token) throws InvalidTokenException {
        if (token.length() > maxTokenLength) {
            throw new InvalidTokenException(Reason.OVERSIZED);
        }
        String issuer = unverifiedIssuer(token);
        if (ownIssuer.equals(issuer)) {
            return of(tollgate.verify(token), token);
        }
        return external.find(issuer).orElseThrow(() -> new InvalidTokenException(Reason.BAD_CLAIMS)).verify(token);
    }

    private static String unverifiedIssuer(String token) throws InvalidTokenException {
        try {
            String issuer = SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
            if (issuer == null) {
                throw new InvalidTokenException(Reason.BAD_CLAIMS);
            }
            return issuer;
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException(Reason.MALFORMED);
        }
    }

    private AuthzIdentity of(Principal principal, String verifiedToken) {
        String subject = principal.subject();
        String suffix = "@" + principal.tenantId();
        // Accounts and clients are name@tenant; a client's legacy bare id (tokens issued before ids
        // were namespaced) contains no '@' and is its name.
        String name = subject.endsWith(suffix) && subject.length() > suffix.length()
                ? subject.substring(0, subject.length() - suffix.length()) : subject;
        return new AuthzIdentity(subject, name, principal.tenantId(), principal.roles(), principal.scopes(), ownIssuer,
                principal.tokenId(), claim -> claimOf(verifiedToken, claim));
    }

    // Read only when a header template asks for a claim, from a token verified a moment ago.
    private static Optional<Object> claimOf(String verifiedToken, String claim) {
        try {
            JWTClaimsSet claims = SignedJWT.parse(verifiedToken).getJWTClaimsSet();
            return Optional.ofNullable(claims.getClaim(claim));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
