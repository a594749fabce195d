package io.tollgate.auth.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.auth.domain.GrantedTokens;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.auth.service.oauth.TokenEndpointService;
import io.tollgate.auth.service.oauth.TokenRequest;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.http.HttpIncidents;

import java.util.LinkedHashMap;
import java.util.Map;

/** The OAuth2 token endpoint (RFC 6749 §3.2): decodes the form, answers JSON. */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TokenController {
    private final TokenEndpointService tokens;
    private final ClientAddresses addresses;

    public TokenController(TokenEndpointService tokens, ClientAddresses addresses) {
        this.tokens = tokens;
        this.addresses = addresses;
    }

    // Any content type is let in, so that a wrong one gets an OAuth error rather than a 415.
    @Post("/token")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public MutableHttpResponse<Object> token(HttpRequest<?> request, @Body @Nullable String body) {
        try {
            Map<String, String> form = OAuthForm.parameters(request, body);
            var client = ClientCredentialsReader.read(request, form);
            GrantedTokens granted = tokens.token(new TokenRequest(form, client.orElse(null), addresses.of(request)));
            return OAuthResponses.ok(toJson(granted));
        } catch (OAuthException e) {
            return OAuthResponses.error(e);
        } catch (RateLimitedException e) {
            return OAuthResponses.rateLimited(e);
        } catch (TenantStatusUnavailableException e) {
            return OAuthResponses.unavailable();
        } catch (RuntimeException e) {
            return OAuthResponses.serverError(HttpIncidents.record(request, e));
        }
    }

    private static Map<String, Object> toJson(GrantedTokens granted) {
        Principal principal = granted.access().principal();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("access_token", granted.access().accessToken());
        json.put("token_type", "Bearer");
        json.put("expires_in", granted.access().expiresIn().toSeconds());
        granted.refresh().ifPresent(refresh -> json.put("refresh_token", refresh));
        json.put("scope", String.join(" ", principal.scopes().stream().sorted().toList()));
        return json;
    }
}
