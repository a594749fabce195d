package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Verifies Tollgate access tokens locally: signature against auth-service's cached JWKS (fetched
 * again, rate-limited, when a token names an unknown key), an algorithm allow-list, and the
 * {@code iss}, {@code aud}, {@code exp} and {@code nbf} claims with a small skew.
 *
 * <p>Cheap enough for every call: a token that verified once is remembered until it expires, so
 * the signature is checked once per token, not once per request. A token refused for what it is
 * (malformed, a bad signature or claims, expired) is remembered as refused for
 * {@link #REFUSAL_MEMORY} by its SHA-256 alone, so that the same forged token sent again and again
 * costs a hash, not a signature check (and never a key-set fetch).
 *
 * <p>A token seen for the first time is checked against the key set in hand when that set is
 * fresh and holds its key ({@link KeySetInHand}): a signature check, never a wait. A token naming a
 * key that a set fetched moments ago lacks is refused as the keys being unavailable without a
 * fetch, so that forged tokens with made-up key ids cannot keep the key cache fetching (or waiting).
 */
public final class TokenVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(TokenVerifier.class);
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "iat", "jti", TokenClaims.TENANT);
    /** How long a token refused for what it is stays refused without a check. */
    static final Duration REFUSAL_MEMORY = Duration.ofSeconds(30);
    // Refusals that the same token would get again (not KEYS_UNAVAILABLE: the keys may come back).
    private static final Set<InvalidTokenException.Reason> LASTING = EnumSet.of(InvalidTokenException.Reason.MALFORMED,
            InvalidTokenException.Reason.BAD_SIGNATURE, InvalidTokenException.Reason.BAD_CLAIMS,
            InvalidTokenException.Reason.EXPIRED);

    /** The rate limit's window on fetching the key set: nimbus' default, the one it always had here. */
    static final Duration FETCH_WINDOW = Duration.ofMillis(JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL);
    /**
     * How long after {@link #answersWithoutKeys} said yes its answer still holds for {@link #verify}
     * (a caller asks, then verifies on the same thread straight away): a set that expires, or a
     * fetch window that closes, within this margin is not counted on.
     */
    static final long ASK_MARGIN_MILLIS = 2_000;
    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final OccasionalWarning UNKNOWN_KEY = new OccasionalWarning(LOG,
            "token refused: it names a key ({}) that auth-service's key set, fetched lately, lacks"
                    + " ({} more such refusals since the last warning)", WARNING_INTERVAL);
    private static final OccasionalWarning KEYS_DOWN = new OccasionalWarning(LOG,
            "token keys unavailable: {} ({} more since the last warning)", WARNING_INTERVAL);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Set<JWSAlgorithm> algorithms;
    /** What the key cache holds; null when the keys come from a source that does not say (tests, tools). */
    private final KeySetInHand keySet;
    private final int maxTokenLength;
    private final int cacheSize;
    private final long skewSeconds;
    private final Clock clock;
    private final RevocationSet revocations;
    private final ConcurrentHashMap<String, Principal> verified = new ConcurrentHashMap<>();
    /** SHA-256 of a refused token, to its refusal; at most {@code cacheSize} of them. */
    private final ConcurrentHashMap<String, Refusal> refused = new ConcurrentHashMap<>();

    private record Refusal(InvalidTokenException.Reason reason, Instant until) {
    }

    public TokenVerifier(TokenVerifierConfig config, JWKSource<SecurityContext> keys, RevocationSet revocations,
                         Clock clock) {
        this(config, keys, null, revocations, clock);
    }

    private TokenVerifier(TokenVerifierConfig config, JWKSource<SecurityContext> cache, KeySetInHand keySet,
                          RevocationSet revocations, Clock clock) {
        this.keySet = keySet;
        this.revocations = revocations;
        this.maxTokenLength = config.maxTokenLength();
        this.cacheSize = config.cacheSize();
        this.skewSeconds = config.clockSkew().toSeconds();
        this.clock = clock;
        this.algorithms = config.algorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toUnmodifiableSet());
        JWKSource<SecurityContext> keys = KeySetInHand.orInHand(cache);
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                config.audience(), new JWTClaimsSet.Builder().issuer(config.issuer()).build(), REQUIRED_CLAIMS);
        claims.setMaxClockSkew((int) skewSeconds);
        processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
        Set<JWSAlgorithm> standard = new HashSet<>(algorithms);
        standard.remove(JWSAlgorithm.EdDSA);
        processor.setJWSKeySelector(EdDsaKeys.selector(algorithms,
                standard.isEmpty() ? (header, context) -> List.of() : new JWSVerificationKeySelector<>(standard, keys), keys));
        processor.setJWSVerifierFactory(new EdDsaKeys.VerifierFactory());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** A verifier that trusts {@code keys} and knows of no revocations (tests, tools). */
    public TokenVerifier(TokenVerifierConfig config, JWKSource<SecurityContext> keys, Clock clock) {
        this(config, keys, new RevocationSet(), clock);
    }

    /** A verifier that fetches keys from {@code config.jwksUri()} and knows of no revocations. */
    public static TokenVerifier fromJwksUri(TokenVerifierConfig config) {
        return fromJwksUri(config, new RevocationSet());
    }

    /** A verifier that fetches keys from {@code config.jwksUri()} and refuses what {@code revocations} holds. */
    public static TokenVerifier fromJwksUri(TokenVerifierConfig config, RevocationSet revocations) {
        try {
            // nimbus' own defaults for the fetch (what JWKSourceBuilder.create(URL) uses).
            JWKSetSource<SecurityContext> fetches = new URLBasedJWKSetSource<>(config.jwksUri().toURL(),
                    new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                            JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT));
            return fromKeySetSource(config, fetches, FETCH_WINDOW, revocations, Clock.systemUTC());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("tollgate.tokens.jwks-uri is not a URL", e);
        }
    }

    /**
     * A verifier whose key sets come from {@code fetches} through nimbus' cache (time to live
     * {@code jwksCacheTtl}, at most two fetches per {@code fetchWindow}, the last set kept through
     * an outage), knowing what that cache holds.
     */
    static TokenVerifier fromKeySetSource(TokenVerifierConfig config, JWKSetSource<SecurityContext> fetches,
                                          Duration fetchWindow, RevocationSet revocations, Clock clock) {
        long timeToLive = config.jwksCacheTtl().toMillis();
        KeySetInHand keySet = new KeySetInHand(fetches, timeToLive, fetchWindow.toMillis());
        JWKSource<SecurityContext> cache = JWKSourceBuilder.create(keySet)
                .cache(timeToLive, 5_000)
                .rateLimited(fetchWindow.toMillis())
                .outageTolerantForever()
                .build();
        return new TokenVerifier(config, cache, keySet, revocations, clock);
    }

    /**
     * The principal a token speaks for.
     *
     * @throws InvalidTokenException when the token is not acceptable, for whatever reason
     */
    public Principal verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty()) {
            throw new InvalidTokenException(InvalidTokenException.Reason.MALFORMED);
        }
        if (token.length() > maxTokenLength) {
            throw new InvalidTokenException(InvalidTokenException.Reason.OVERSIZED);
        }
        Instant now = clock.instant();
        Principal known = verified.get(token);
        if (known != null) {
            // An expired entry stays until remember() sweeps it: removing it here would let a call
            // that found it remembered (answersWithoutKeys) go on to a check that waits on the keys.
            if (now.isBefore(known.expiresAt().plusSeconds(skewSeconds))) {
                return notRevoked(known);
            }
            throw new InvalidTokenException(InvalidTokenException.Reason.EXPIRED);
        }
        String digest = digest(token);
        Refusal refusal = refused.get(digest);
        if (refusal != null && now.isBefore(refusal.until())) {
            throw new InvalidTokenException(refusal.reason());
        }
        SecurityContext keys = keysFor(token, 0);
        Principal principal;
        try {
            principal = toPrincipal(process(token, keys));
        } catch (InvalidTokenException e) {
            if (LASTING.contains(e.reason())) {
                rememberRefusal(digest, e.reason(), now);
            }
            throw e;
        }
        remember(token, principal, now);
        return notRevoked(principal);
    }

    /**
     * Whether {@link #verify} answers this token without fetching the key set, so that it cannot
     * wait on a fetch: a token it verified before, one it refused lately, one it refuses for its
     * size or shape alone (not three base64url parts), one whose key is in the fresh set in hand
     * (a signature check), or one naming a key that a set fetched lately lacks (refused at once).
     * Says nothing of whether the token is acceptable.
     */
    public boolean answersWithoutKeys(String token) {
        if (token == null || token.isEmpty() || token.length() > maxTokenLength) {
            return true;
        }
        // Checked first: a token verified before is every call but a session's first.
        if (verified.containsKey(token) || !compactShape(token)) {
            return true;
        }
        Refusal refusal = refused.get(digest(token));
        if (refusal != null && clock.instant().isBefore(refusal.until())) {
            return true;
        }
        return keySet != null && need(token, ASK_MARGIN_MILLIS).need() != KeySetInHand.Need.MAY_FETCH;
    }

    /**
     * The key set to verify a first-seen token against: the set in hand when its key is there (or
     * it needs none), null when verifying it may fetch.
     *
     * @throws InvalidTokenException (keys unavailable) when it names a key that a set fetched lately lacks
     */
    private SecurityContext keysFor(String token, long margin) throws InvalidTokenException {
        if (keySet == null) {
            return null;
        }
        KeySetInHand.Answer answer = need(token, margin);
        return switch (answer.need()) {
            case IN_HAND -> answer.keys();
            case MAY_FETCH -> null;
            case LACKING -> {
                UNKNOWN_KEY.warn(printable(answer.keyId()));
                throw new InvalidTokenException(InvalidTokenException.Reason.KEYS_UNAVAILABLE);
            }
        };
    }

    private KeySetInHand.Answer need(String token, long margin) {
        // Not a JWS header: the processor refuses it as it parses, before it looks for a key (and
        // given an empty set in hand, it could not fetch one if it did).
        KeySetInHand.Answer noKeyNeeded = new KeySetInHand.Answer(KeySetInHand.Need.IN_HAND,
                new KeySetInHand.InHand(new JWKSet()), null);
        int headerEnd = token.indexOf('.');
        if (headerEnd < 0) {
            return noKeyNeeded;
        }
        try {
            return keySet.need(JWSHeader.parse(new Base64URL(token.substring(0, headerEnd))), algorithms, margin);
        } catch (ParseException | RuntimeException e) {
            return noKeyNeeded; // whatever the header holds, a caller's bytes fail closed
        }
    }

    // A key id as a log may show it: the caller chose it.
    private static String printable(String keyId) {
        if (keyId == null) {
            return "none";
        }
        String shown = keyId.replaceAll("[^A-Za-z0-9._-]", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "..." : shown;
    }

    // A JWS in compact form: three base64url parts joined by dots (the payload may not be empty).
    private static boolean compactShape(String token) {
        int dots = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return dots == 2;
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private void rememberRefusal(String digest, InvalidTokenException.Reason reason, Instant now) {
        if (refused.size() >= cacheSize) {
            refused.values().removeIf(r -> !now.isBefore(r.until()));
            if (refused.size() >= cacheSize) {
                refused.clear();
            }
        }
        refused.put(digest, new Refusal(reason, now.plus(REFUSAL_MEMORY)));
    }

    // Checked on every call, cached or not: a revocation can arrive after the token was verified.
    private Principal notRevoked(Principal principal) throws InvalidTokenException {
        if (revocations.isRevoked(principal)) {
            throw new InvalidTokenException(InvalidTokenException.Reason.REVOKED);
        }
        return principal;
    }

    private JWTClaimsSet process(String token, SecurityContext keys) throws InvalidTokenException {
        try {
            return processor.process(token, keys);
        } catch (ParseException e) {
            throw refused(InvalidTokenException.Reason.MALFORMED, e);
        } catch (ExpiredJWTException e) {
            throw refused(InvalidTokenException.Reason.EXPIRED, e);
        } catch (BadJWTException e) {
            throw refused(InvalidTokenException.Reason.BAD_CLAIMS, e);
        } catch (BadJOSEException e) {
            throw refused(InvalidTokenException.Reason.BAD_SIGNATURE, e);
        } catch (KeySourceException e) {
            KEYS_DOWN.warn(e.getMessage());
            throw new InvalidTokenException(InvalidTokenException.Reason.KEYS_UNAVAILABLE);
        } catch (Exception e) {
            throw refused(InvalidTokenException.Reason.MALFORMED, e);
        }
    }

    private static InvalidTokenException refused(InvalidTokenException.Reason reason, Exception cause) {
        LOG.debug("token refused ({}): {}", reason, cause.getMessage());
        return new InvalidTokenException(reason);
    }

    private static Principal toPrincipal(JWTClaimsSet claims) throws InvalidTokenException {
        try {
            String tenant = claims.getStringClaim(TokenClaims.TENANT);
            List<String> roles = claims.getStringListClaim(TokenClaims.ROLES);
            String scope = claims.getStringClaim(TokenClaims.SCOPE);
            Set<String> scopes = new HashSet<>();
            if (scope != null && !scope.isBlank()) {
                scopes.addAll(List.of(scope.trim().split("\\s+")));
            }
            if (tenant == null || tenant.isBlank()) {
                throw new InvalidTokenException(InvalidTokenException.Reason.BAD_CLAIMS);
            }
            return new Principal(claims.getSubject(), tenant, roles == null ? Set.of() : Set.copyOf(roles), scopes,
                    claims.getJWTID(), claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException(InvalidTokenException.Reason.BAD_CLAIMS);
        }
    }

    private void remember(String token, Principal principal, Instant now) {
        if (verified.size() >= cacheSize) {
            verified.values().removeIf(p -> !now.isBefore(p.expiresAt()));
            if (verified.size() >= cacheSize) {
                verified.clear();
            }
        }
        verified.put(token, principal);
    }
}
