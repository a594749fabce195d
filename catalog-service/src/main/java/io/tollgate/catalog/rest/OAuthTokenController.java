package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.token.IssuedCatalogToken;
import io.tollgate.catalog.token.TokenExchange;
import io.tollgate.catalog.token.TokenRefusal;
import io.tollgate.catalog.token.TokenRefusedException;
import io.tollgate.common.error.Incident;
import io.tollgate.common.http.BasicCredentials;
import io.tollgate.common.http.FormBody;
import io.tollgate.common.http.HttpIncidents;
import org.apache.iceberg.rest.responses.OAuthTokenResponse;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/oauth/tokens}, the token endpoint Iceberg's clients call with
 * {@code credential=id:secret}: the form (and HTTP Basic) off the wire, {@link TokenExchange}
 * decides, the answer in Iceberg's OAuth2 model ({@code OAuthTokenResponse}; errors
 * {@code {"error", "error_description"}}: 400, 401 invalid_client, 429 slow_down and 503
 * temporarily_unavailable with Retry-After). Never cached. Open to anonymous callers: this is
 * where they get a token.
 */
@Controller("/v1/oauth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OAuthTokenController {
    static final String CLIENT_ID = "client_id";
    static final String CLIENT_SECRET = "client_secret";
    /** auth-service's rate limits refill within seconds; its outages are retried a little later. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private final TokenExchange tokens;
    private final IcebergJson json;

    public OAuthTokenController(TokenExchange tokens, IcebergJson json) {
        this.tokens = tokens;
        this.json = json;
    }

    // Any content type is let in, so that a wrong one gets an OAuth error rather than a 415.
    @Post("/tokens")
    @Consumes(MediaType.ALL)
    public MutableHttpResponse<String> token(HttpRequest<?> request, @Body @Nullable String body) {
        try {
            Map<String, String> form = form(request, body);
            String grantType = form.get("grant_type");
            // Credentials are read for the one grant served: another grant (e.g. Iceberg's token
            // exchange, which sends a Bearer token) is told its grant is unsupported.
            BasicCredentials credentials = TokenExchange.CLIENT_CREDENTIALS.equals(grantType)
                    ? credentials(request, form) : null;
            IssuedCatalogToken issued = tokens.issue(grantType, credentials, form.get("scope"), address(request));
            return noStore(HttpResponse.ok(json.write(OAuthTokenResponse.builder()
                    .withToken(issued.accessToken())
                    .withTokenType("bearer")
                    .setExpirationInSeconds((int) Math.min(Integer.MAX_VALUE, issued.expiresInSeconds()))
                    .addScopes(issued.scopes())
                    .build())));
        } catch (TokenRefusedException e) {
            return refused(e);
        } catch (RuntimeException e) {
            Incident incident = HttpIncidents.record(request, e);
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", incident.publicMessage());
        }
    }

    private static Map<String, String> form(HttpRequest<?> request, @Nullable String body) {
        boolean form = request.getContentType()
                .map(type -> type.getName().equalsIgnoreCase(MediaType.APPLICATION_FORM_URLENCODED))
                .orElse(false);
        if (!form) {
            throw new TokenRefusedException(TokenRefusal.INVALID_REQUEST,
                    "the body must be application/x-www-form-urlencoded");
        }
        try {
            return FormBody.parse(body);
        } catch (FormBody.MalformedFormException e) {
            throw new TokenRefusedException(TokenRefusal.INVALID_REQUEST, e.getMessage());
        }
    }

    /** HTTP Basic or the form's client_id and client_secret (RFC 6749 §2.3.1); both at once is refused. */
    @Nullable
    private static BasicCredentials credentials(HttpRequest<?> request, Map<String, String> form) {
        List<String> authorization = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        String formId = form.get(CLIENT_ID);
        String formSecret = form.get(CLIENT_SECRET);
        if (!authorization.isEmpty()) {
            if (formSecret != null) {
                throw new TokenRefusedException(TokenRefusal.INVALID_REQUEST,
                        "more than one client authentication method");
            }
            BasicCredentials basic = BasicCredentials.parse(authorization.get(0))
                    .orElseThrow(() -> new TokenRefusedException(TokenRefusal.INVALID_CLIENT, TokenExchange.INVALID_CLIENT));
            if (formId != null && !formId.equals(basic.id())) {
                throw new TokenRefusedException(TokenRefusal.INVALID_REQUEST,
                        "client_id does not match the Authorization header");
            }
            return basic;
        }
        return formId == null || formSecret == null ? null : new BasicCredentials(formId, formSecret);
    }

    private static String address(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }

    private MutableHttpResponse<String> refused(TokenRefusedException e) {
        TokenRefusal refusal = e.refusal();
        MutableHttpResponse<String> response = error(status(refusal), refusal.code(), e.getMessage());
        return switch (refusal) {
            case INVALID_CLIENT -> response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"tollgate\"");
            case SLOW_DOWN, TEMPORARILY_UNAVAILABLE -> response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            default -> response;
        };
    }

    private static HttpStatus status(TokenRefusal refusal) {
        return switch (refusal) {
            case INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case SLOW_DOWN -> HttpStatus.TOO_MANY_REQUESTS;
            case TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            default -> HttpStatus.BAD_REQUEST;
        };
    }

    /** RFC 6749 §5.2's error body, which Iceberg's clients read as their OAuthErrorResponse. */
    private MutableHttpResponse<String> error(HttpStatus status, String code, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", description);
        return noStore(HttpResponse.<String>status(status).body(json.write(body)));
    }

    private static MutableHttpResponse<String> noStore(MutableHttpResponse<String> response) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }
}
