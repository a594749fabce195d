package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Bearer tokens and logins become verified principals, with no wire of a front door involved;
 * auth-service is a gRPC server in this JVM that answers logins as the real one does (a token, or
 * UNAUTHENTICATED, or RESOURCE_EXHAUSTED when throttling).
 */
class CallAuthenticatorTest {
    private static final String ISSUER = "tollgate";
    private static final String PASSWORD = "s3cret";
    /** The client address each login carried, by user. */
    private static final Map<String, String> LOGIN_ADDRESSES = new ConcurrentHashMap<>();
    private static RSAKey key;
    private static RevocationSet revocations;
    private static Server authService;
    private static ManagedChannel channel;
    private static CallAuthenticator sql;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("kid").generate();
        revocations = new RevocationSet();
        TokenVerifier verifier = new TokenVerifier(new TokenVerifierConfig(ISSUER, ISSUER, URI.create("http://unused"),
                List.of("RS256"), Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5)),
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), revocations, Clock.systemUTC());
        String name = InProcessServerBuilder.generateName();
        authService = InProcessServerBuilder.forName(name).addService(new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
                LOGIN_ADDRESSES.put(request.getUsername(), request.getClientAddress());
                if (request.getUsername().startsWith("throttled")) {
                    response.onError(Status.RESOURCE_EXHAUSTED.asRuntimeException());
                } else if (request.getUsername().startsWith("broken")) {
                    response.onError(Status.INTERNAL.withDescription("database at 10.0.0.5 is down").asRuntimeException());
                } else if (!request.getPassword().equals(PASSWORD)) {
                    response.onError(Status.UNAUTHENTICATED.asRuntimeException());
                } else {
                    response.onNext(AuthenticateResponse.newBuilder()
                            .setAccessToken(token(request.getUsername(), "sql catalog")).build());
                    response.onCompleted();
                }
            }
        }).build().start();
        channel = InProcessChannelBuilder.forName(name).build();
        sql = new CallAuthenticator(verifier, AuthServiceGrpc.newBlockingStub(channel), Duration.ofSeconds(5),
                ProtocolScope.SQL);
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        authService.shutdownNow();
    }

    private static String token(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(ISSUER).subject(subject)
                .claim(TokenClaims.TENANT, "acme").claim(TokenClaims.ROLES, List.of("writer"))
                .claim(TokenClaims.SCOPE, scope).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("kid")
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CallRefusedException refused(CallRefusedException.Reason reason, Executable call) {
        CallRefusedException refusal = assertThrows(CallRefusedException.class, call);
        assertEquals(reason, refusal.reason());
        return refusal;
    }

    @Test
    void aBearerTokenBecomesThePrincipalItSpeaksFor() throws Exception {
        Principal principal = sql.bearer(token("w@acme", "sql"));
        assertEquals("w@acme", principal.subject());
        assertEquals("acme", principal.tenantId());
    }

    @Test
    void aRevokedTokenIsRefusedLikeAForgedOne() throws Exception {
        String token = token("revoked@acme", "sql");
        sql.bearer(token);
        revocations.revokeToken(SignedJWT.parse(token).getJWTClaimsSet().getJWTID(), Instant.now().plusSeconds(600));

        CallRefusedException revoked = refused(CallRefusedException.Reason.INVALID_CREDENTIALS, () -> sql.bearer(token));
        CallRefusedException forged = refused(CallRefusedException.Reason.INVALID_CREDENTIALS,
                () -> sql.bearer("not-a-token"));
        assertEquals(forged.getMessage(), revoked.getMessage());
        refused(CallRefusedException.Reason.INVALID_CREDENTIALS, () -> sql.bearer(null));
    }

    @Test
    void aValidTokenOfAnotherProtocolIsAPermissionNotACredentialFailure() {
        CallRefusedException refusal = refused(CallRefusedException.Reason.SCOPE_NOT_GRANTED,
                () -> sql.bearer(token("w@acme", "catalog")));
        assertEquals("token lacks scope 'sql'", refusal.getMessage());
    }

    @Test
    void aLoginGoesToAuthServiceWithTheCallersAddressAndItsTokenIsVerified() throws Exception {
        CallAuthenticator.Login login = sql.login("ada@acme", PASSWORD, "192.0.2.7");
        assertEquals("ada@acme", login.principal().subject());
        assertEquals(login.principal(), sql.bearer(login.token()));
        assertEquals("192.0.2.7", LOGIN_ADDRESSES.get("ada@acme"));
    }

    @Test
    void aWrongPasswordAndAnEmptyUserGetTheOneMessageOfEveryRefusedCredential() {
        CallRefusedException wrong = refused(CallRefusedException.Reason.INVALID_CREDENTIALS,
                () -> sql.login("ada@acme", "guess", ""));
        assertEquals(CallRefusedException.INVALID_CREDENTIALS, wrong.getMessage());
        refused(CallRefusedException.Reason.INVALID_CREDENTIALS, () -> sql.login("", PASSWORD, ""));
        refused(CallRefusedException.Reason.INVALID_CREDENTIALS, () -> sql.login(null, PASSWORD, null));
    }

    @Test
    void throttlingAndAnAuthServiceFailureAreToldApartButNeverDetailed() {
        refused(CallRefusedException.Reason.TOO_MANY_ATTEMPTS, () -> sql.login("throttled@acme", PASSWORD, ""));
        CallRefusedException unavailable = refused(CallRefusedException.Reason.UNAVAILABLE,
                () -> sql.login("broken@acme", PASSWORD, ""));
        assertEquals("authentication service unavailable", unavailable.getMessage());
    }
}
