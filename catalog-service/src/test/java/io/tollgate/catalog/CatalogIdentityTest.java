package io.tollgate.catalog;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tollgate.common.tracing.InternalCallTracing;
import io.tollgate.common.tracing.Tracing;
import io.tollgate.common.tracing.TracingConfig;
import io.tollgate.common.tracing.TracingFactory;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.identity.IdentityDouble;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.tracing.CapturedSpans;
import jakarta.inject.Inject;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's identity plane through real clients: Iceberg's {@code RESTCatalog} logs in with
 * {@code credential=id:secret} at {@code /v1/oauth/tokens} (a service client's, and an account's
 * name@tenant and password), which the catalog has auth-service exchange over internal gRPC; the
 * OAuth2 errors of that endpoint; and a revoked token and a suspended tenant refused within one
 * second of auth-service and router-service streaming them (real gRPC stand-ins for their contracts).
 */
@MicronautTest
class CatalogIdentityTest extends RegistryBackedCatalogTest {
    static final Duration WITHIN = Duration.ofSeconds(1);
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(tenant("acme", TenantStatus.TENANT_STATUS_ACTIVE),
            tenant("initech", TenantStatus.TENANT_STATUS_ACTIVE)));
    /** auth-service's spans, from its stand-in's own SDK behind common's internal tracing. */
    static final InMemorySpanExporter AUTH_SPANS = InMemorySpanExporter.create();
    static final Tracing AUTH_TRACING = NEIGHBOURS.closeAfter(new TracingFactory().tracing(
            new TracingConfig(null, 1.0, false), List.of(AUTH_SPANS), "auth-service"));
    static final IdentityDouble AUTH = NEIGHBOURS.authenticateWith(
            IdentityDouble.start(TOKENS, List.of(new InternalCallTracing(AUTH_TRACING)))
                    .knowClient("etl@acme", new IdentityDouble.Client("etl-secret-0123456789", "acme", List.of("reader")))
                    .knowClient("alice@acme", new IdentityDouble.Client("al1ce-pw", "acme", List.of("writer"))));

    @Inject
    ApplicationContext context;

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        return CapturedSpans.properties();
    }

    @Test
    void aTokenRequestIsOneTraceFromTheCatalogsFrontDoorIntoAuthService() {
        CapturedSpans.reset(context);
        AUTH_TRACING.flush();
        AUTH_SPANS.reset(); // the other tests' exchanges
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.POST("/v1/oauth/tokens",
                        "grant_type=client_credentials&client_id=etl%40acme&client_secret=etl-secret-0123456789&scope=catalog")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-01"), String.class);
        assertEquals(HttpStatus.OK, response.getStatus());

        SpanData request = CapturedSpans.await(context, SpanKind.SERVER, "POST /v1/oauth/tokens");
        SpanData exchange = CapturedSpans.await(context, SpanKind.CLIENT, "tollgate.auth.v1.AuthService/ExchangeClientCredentials");
        SpanData exchanged = Await.value(() -> {
            AUTH_TRACING.flush();
            return AUTH_SPANS.getFinishedSpanItems().stream().filter(span -> span.getKind() == SpanKind.SERVER
                    && span.getName().equals("tollgate.auth.v1.AuthService/ExchangeClientCredentials")).findFirst();
        }, Optional::isPresent, WITHIN.multipliedBy(10), "auth-service ends its span").orElseThrow();

        assertFalse(request.getParentSpanContext().isValid(), "the front door starts the trace");
        assertNotEquals(callerTrace, request.getTraceId(), "a caller cannot choose the trace id");
        assertEquals(request.getSpanId(), exchange.getParentSpanId(), "the exchange is made inside the request's span");
        assertEquals(request.getTraceId(), exchanged.getTraceId(), "auth-service continues the request's trace");
        assertEquals(exchange.getSpanId(), exchanged.getParentSpanId());
        assertTrue(exchanged.getParentSpanContext().isRemote());
    }

    @Test
    void aServiceClientsCredentialLogsIcebergsClientInWithItsOwnRoles() {
        RESTCatalog etl = client("etl@acme:etl-secret-0123456789");

        assertFalse(etl.listNamespaces().contains(Namespace.of("etl_own")));
        assertThrows(ForbiddenException.class, () -> etl.createNamespace(Namespace.of("etl_own")),
                "a reader client may not write");
        IdentityDouble.Exchange asked = AUTH.exchanges().stream()
                .filter(exchange -> exchange.clientId().equals("etl@acme")).findFirst().orElseThrow();
        assertEquals(List.of("catalog"), asked.scopes());
        assertFalse(asked.clientAddress().isBlank(), "the end client's address goes to auth-service's limits");
    }

    @Test
    void anAccountsNameAndPasswordLogIcebergsClientInAsTheAccount() {
        RESTCatalog alice = client("alice@acme:al1ce-pw");

        alice.createNamespace(Namespace.of("alices"));
        assertTrue(alice.namespaceExists(Namespace.of("alices")));
    }

    @Test
    void wrongCredentialsAreInvalidClientForIcebergsClientAndOnTheWire() {
        assertThrows(NotAuthorizedException.class, () -> client("alice@acme:wrong"));

        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> token(
                "grant_type=client_credentials&client_id=etl%40acme&client_secret=wrong&scope=catalog"));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
        assertEquals("no-store", refused.getResponse().getHeaders().get("Cache-Control"));
        assertTrue(refused.getResponse().getHeaders().get("WWW-Authenticate").startsWith("Basic"));
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error", "invalid_client")
                .assertEquals("/error_description", "client authentication failed");
    }

    @Test
    void httpBasicCarriesTheCredentialsAsWell() {
        String basic = Base64.getEncoder().encodeToString("etl%40acme:etl-secret-0123456789"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.POST("/v1/oauth/tokens",
                        "grant_type=client_credentials")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("Authorization", "Basic " + basic), String.class);

        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        JsonBody body = JsonBody.parse(response.body());
        body.assertEquals("/token_type", "bearer").assertEquals("/expires_in", 900).assertEquals("/scope", "catalog");
        String token = body.text("/access_token");
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/v1/config").bearerAuth(token)).getStatus());
    }

    @Test
    void theScopeIcebergsSignerAsksForIsGrantedAsCatalog() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.POST("/v1/oauth/tokens",
                        "grant_type=client_credentials&client_id=etl%40acme&client_secret=etl-secret-0123456789"
                                + "&scope=sign")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE), String.class);

        JsonBody.parse(response.body()).assertEquals("/scope", "catalog");
        assertTrue(AUTH.exchanges().stream().filter(exchange -> exchange.clientId().equals("etl@acme"))
                        .anyMatch(exchange -> exchange.scopes().equals(List.of("catalog"))),
                "auth-service is asked for catalog, never for sign");
    }

    @Test
    void otherGrantsScopesWithoutCatalogAndMalformedRequestsAreOAuthErrors() {
        assertOAuthError("unsupported_grant_type", "grant_type=password&username=alice%40acme&password=al1ce-pw");
        String token = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        HttpClientResponseException exchange = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/v1/oauth/tokens", "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type"
                                + "%3Atoken-exchange&subject_token=" + token)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE).bearerAuth(token), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, exchange.getStatus(), "a token exchange is an unsupported grant");
        JsonBody.parse(exchange.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error", "unsupported_grant_type");
        assertOAuthError("invalid_request", "client_id=etl%40acme&client_secret=etl-secret-0123456789");
        assertOAuthError("invalid_scope",
                "grant_type=client_credentials&client_id=etl%40acme&client_secret=etl-secret-0123456789&scope=sql");
        assertOAuthError("invalid_request", "grant_type=client_credentials&grant_type=client_credentials");
        HttpClientResponseException json = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.POST("/v1/oauth/tokens", "{\"grant_type\": \"client_credentials\"}")
                        .contentType(MediaType.APPLICATION_JSON_TYPE), String.class));
        assertEquals(HttpStatus.BAD_REQUEST, json.getStatus());
        JsonBody.parse(json.getResponse().getBody(String.class).orElse("")).assertEquals("/error", "invalid_request");
    }

    @Test
    void aRevokedTokenIsRefusedWithinOneSecondOfItsRevocation() {
        String jti = UUID.randomUUID().toString();
        Instant now = Instant.now();
        String token = TOKENS.sign(TOKENS.baseClaims("reader@acme", "acme", List.of("reader"), now,
                now.plus(Duration.ofMinutes(10))).jwtID(jti).build());
        assertEquals(200, status("/v1/acme-lake/namespaces", token));

        AUTH.revokeToken(jti);

        Await.until(() -> status("/v1/acme-lake/namespaces", token) == 401, WITHIN,
                "the catalog refuses the revoked token");
        assertEquals(401, status("/v1/config", token));
    }

    @Test
    void aSuspendedTenantIsRefusedWithinOneSecondOfTheRegistrysChange() {
        String token = TOKENS.mint("writer@initech", "initech", List.of("writer"), Duration.ofMinutes(10));
        assertEquals(200, status("/v1/initech-lake/namespaces", token));

        REGISTRY.upsert(tenant("initech", TenantStatus.TENANT_STATUS_SUSPENDED));

        Await.until(() -> status("/v1/initech-lake/namespaces", token) == 403, WITHIN,
                "the catalog refuses the suspended tenant");
        assertEquals(403, status("/v1/config", token));
    }

    private void assertOAuthError(String error, String form) {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> token(form));
        assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), form);
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse("")).assertEquals("/error", error);
    }

    private HttpResponse<String> token(String form) {
        MutableHttpRequest<String> request = HttpRequest.POST("/v1/oauth/tokens", form)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
        return http.toBlocking().exchange(request, String.class);
    }

    private int status(String path, String token) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET(path).bearerAuth(token)).code();
        } catch (HttpClientResponseException e) {
            return e.code();
        }
    }

    private RESTCatalog client(String credential) {
        return clients.open("identity", Map.of(
                "uri", clients.uri(),
                "warehouse", "acme-lake",
                "credential", credential));
    }

    private static Tenant tenant(String id, TenantStatus status) {
        return CatalogTestTenants.tenantBuilder(id, status, STORAGE).build();
    }
}
