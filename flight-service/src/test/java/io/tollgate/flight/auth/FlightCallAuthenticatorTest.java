package io.tollgate.flight.auth;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.common.auth.CallAuthenticator;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.ProtocolScope;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.flight.config.SessionCookieConfig;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.testkit.tokens.TestTokens;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which credential decides a call, and when the session cookie is handed out. */
class FlightCallAuthenticatorTest {
    private static final String ISSUER = "cookie-test";
    private static final TestTokens TOKENS = new TestTokens(ISSUER, ISSUER);
    private static final RevocationSet REVOCATIONS = new RevocationSet();
    private static final TokenVerifier VERIFIER = new TokenVerifier(new TokenVerifierConfig(ISSUER, ISSUER,
            URI.create("http://unused.invalid/jwks"), List.of("RS256"), Duration.ofSeconds(30), 8192, 1000,
            Duration.ofMinutes(5)), TOKENS.keys(), REVOCATIONS, Clock.systemUTC());
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static Server authService;
    private static ManagedChannel channel;
    private static FlightCallAuthenticator auth;

    @BeforeAll
    static void startAuthService() throws Exception {
        authService = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new AuthServiceGrpc.AuthServiceImplBase() {
                    @Override
                    public void authenticate(AuthenticateRequest request,
                                             StreamObserver<AuthenticateResponse> response) {
                        if (!request.getUsername().equals("ada@acme") || !request.getPassword().equals("s3cret")) {
                            response.onError(Status.UNAUTHENTICATED.asRuntimeException());
                            return;
                        }
                        response.onNext(AuthenticateResponse.newBuilder().setAccessToken(token("ada@acme")).build());
                        response.onCompleted();
                    }
                }).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", authService.getPort()).usePlaintext().build();
        auth = authenticator(true, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        authService.shutdownNow();
    }

    /** A valid token issued now, expiring in exactly 600 s. */
    private static String token(String subject) {
        return TOKENS.sign(TOKENS.baseClaims(subject, "acme", List.of("writer"), NOW, NOW.plusSeconds(600)).build());
    }

    private static FlightCallAuthenticator authenticator(boolean cookieEnabled, Clock clock) {
        return new FlightCallAuthenticator(new CallAuthenticator(VERIFIER, AuthServiceGrpc.newBlockingStub(channel),
                Duration.ofSeconds(5), ProtocolScope.SQL), new SessionCookieConfig(cookieEnabled), clock);
    }

    private static String cookie(String token) {
        return "tollgate_session=\"" + token + "\"";
    }

    private static void assertRefused(Executable call) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, call);
        assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code());
        assertEquals("invalid credentials", refused.status().description());
    }

    @Test
    void aBearerCallWithoutTheCookieGetsItsTokenBackForAsLongAsTheTokenLives() {
        String token = token("w@acme");
        FlightCallAuthenticator.Authenticated result = auth.authenticate("Bearer " + token, null);
        assertEquals("w@acme", result.principal().subject());
        assertNull(result.issuedToken());
        assertEquals("tollgate_session=" + token + "; Max-Age=600", result.setCookie());
    }

    @Test
    void aBearerCallThatSentTheSameTokenInTheCookieGetsNothingNew() {
        String token = token("w@acme");
        assertNull(auth.authenticate("Bearer " + token, List.of("a=1; " + cookie(token))).setCookie());
        assertNull(auth.authenticate("bearer " + token, List.of("tollgate_session=" + token)).setCookie());
    }

    @Test
    void aNewTokenInTheHeaderReplacesAnOlderOneInTheCookie() {
        String older = token("w@acme");
        String newer = token("w2@acme");
        FlightCallAuthenticator.Authenticated result = auth.authenticate("Bearer " + newer, List.of(cookie(older)));
        assertEquals("w2@acme", result.principal().subject(), "the header decides");
        assertEquals("tollgate_session=" + newer + "; Max-Age=600", result.setCookie());
    }

    @Test
    void aBasicLoginHandsBackTheIssuedTokenInTheHeaderAndTheCookie() {
        String basic = Base64.getEncoder().encodeToString("ada@acme:s3cret".getBytes(StandardCharsets.UTF_8));
        FlightCallAuthenticator.Authenticated result = auth.authenticate("Basic " + basic, null);
        assertEquals("ada@acme", result.principal().subject());
        assertEquals("tollgate_session=" + result.issuedToken() + "; Max-Age=600", result.setCookie());

        String wrong = Base64.getEncoder().encodeToString("ada@acme:guess".getBytes(StandardCharsets.UTF_8));
        assertRefused(() -> auth.authenticate("Basic " + wrong, List.of(cookie(token("w@acme")))));
    }

    @Test
    void theCookieAloneAuthenticatesLikeTheBearerHeaderAndIsNotSetAgain() {
        String token = token("w@acme");
        FlightCallAuthenticator.Authenticated result = auth.authenticate(null, List.of("x=y; " + cookie(token)));
        Principal viaHeader = auth.authenticate("Bearer " + token, null).principal();
        assertEquals(viaHeader, result.principal());
        assertNull(result.issuedToken());
        assertNull(result.setCookie());
    }

    @Test
    void anAuthorizationHeaderAlwaysWinsOverTheCookie() {
        List<String> valid = List.of(cookie(token("w@acme")));
        assertRefused(() -> auth.authenticate("Bearer not-a-token", valid));
        assertRefused(() -> auth.authenticate("Bearer ", valid));
        assertRefused(() -> auth.authenticate("Digest abc", valid));
        assertRefused(() -> auth.authenticate("", valid));
    }

    @Test
    void aCookieThatIsNotAValidTokenIsRefusedLikeABadBearerToken() throws Exception {
        String forged = new TestTokens(ISSUER, ISSUER).mint("w@acme", "acme", List.of("writer"), Duration.ofMinutes(10));
        String expired = TOKENS.sign(TOKENS.baseClaims("w@acme", "acme", List.of("writer"),
                NOW.minusSeconds(3600), NOW.minusSeconds(600)).build());
        String revoked = token("revoked@acme");
        auth.authenticate(null, List.of(cookie(revoked)));
        REVOCATIONS.revokeToken(SignedJWT.parse(revoked).getJWTClaimsSet().getJWTID(), NOW.plusSeconds(600));

        assertRefused(() -> auth.authenticate(null, List.of(cookie(forged))));
        assertRefused(() -> auth.authenticate(null, List.of(cookie(expired))));
        assertRefused(() -> auth.authenticate(null, List.of(cookie(revoked))));
        assertRefused(() -> auth.authenticate(null, List.of("tollgate_session=garbage")));
        assertRefused(() -> auth.authenticate(null, List.of("other=" + token("w@acme"))));
        assertRefused(() -> auth.authenticate(null, List.of()));
        assertRefused(() -> auth.authenticate(null, null));
    }

    @Test
    void twoDifferentTokensInTheCookieAreRefused() {
        assertRefused(() -> auth.authenticate(null,
                List.of(cookie(token("w@acme")) + "; " + cookie(token("other@acme")))));
    }

    @Test
    void whenDisabledTheCookieIsNeitherSetNorAccepted() {
        FlightCallAuthenticator disabled = authenticator(false, Clock.fixed(NOW, ZoneOffset.UTC));
        String token = token("w@acme");
        assertNull(disabled.authenticate("Bearer " + token, null).setCookie());
        assertRefused(() -> disabled.authenticate(null, List.of(cookie(token))));
    }

    @Test
    void noCookieForATokenInItsLastSecond() {
        FlightCallAuthenticator late = authenticator(true, Clock.fixed(NOW.plusMillis(599_500), ZoneOffset.UTC));
        assertNull(late.authenticate("Bearer " + token("w@acme"), null).setCookie());
        FlightCallAuthenticator earlier = authenticator(true, Clock.fixed(NOW.plusSeconds(590), ZoneOffset.UTC));
        assertEquals("Max-Age=10", earlier.authenticate("Bearer " + token("w@acme"), null).setCookie()
                .replaceAll(".*; ", ""));
    }

    /** A valid token whose scope is only {@code scope} (e.g. one asked for the catalog alone). */
    private static String tokenWithScope(String subject, String scope) {
        return TOKENS.sign(TOKENS.baseClaims(subject, "acme", List.of("writer"), NOW, NOW.plusSeconds(600))
                .claim(TokenClaims.SCOPE, scope).build());
    }

    private static void assertLacksSql(Executable call) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, call);
        assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code(), "PERMISSION_DENIED: the token is valid");
        assertEquals("token lacks scope 'sql'", refused.status().description());
    }

    @Test
    void aValidTokenIssuedOnlyForTheCatalogIsRefusedNamingTheMissingSqlScope() {
        String catalogOnly = tokenWithScope("w@acme", "catalog");
        assertLacksSql(() -> auth.authenticate("Bearer " + catalogOnly, null));
        assertLacksSql(() -> auth.authenticate(null, List.of(cookie(catalogOnly))));
        assertLacksSql(() -> auth.authenticate("Bearer " + tokenWithScope("w@acme", "sqlx catalog"), null));
        assertLacksSql(() -> auth.authenticate("Bearer " + tokenWithScope("w@acme", ""), null));
        assertEquals("w@acme", auth.authenticate("Bearer " + tokenWithScope("w@acme", "sql"), null)
                .principal().subject());
    }

    @Test
    void aCallWithTwoAuthorizationHeadersIsRefusedWhicheverComesFirst() {
        String valid = "Bearer " + token("w@acme");
        for (List<String> headers : List.of(List.of(valid, "Bearer not-a-token"), List.of("Bearer not-a-token", valid),
                List.of(valid, valid))) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> auth.authenticateHeaders(headers, null));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code());
            assertEquals("more than one authorization header", refused.status().description());
        }
        assertEquals("w@acme", auth.authenticateHeaders(List.of(valid), null).principal().subject());
    }
}
