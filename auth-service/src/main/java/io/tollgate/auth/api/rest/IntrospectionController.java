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
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.IntrospectionService;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.common.http.HttpIncidents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token introspection (RFC 7662), for authenticated service clients only: anyone else would get
 * an oracle for stolen tokens.
 */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class IntrospectionController {
    private final CallingClient callers;
    private final IntrospectionService introspection;
    private final AuthConfig config;
    private final ClientAddresses addresses;

    public IntrospectionController(CallingClient callers, IntrospectionService introspection, AuthConfig config,
                                   ClientAddresses addresses) {
        this.callers = callers;
        this.introspection = introspection;
        this.config = config;
        this.addresses = addresses;
    }

    @Post("/introspect")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public MutableHttpResponse<Object> introspect(HttpRequest<?> request, @Body @Nullable String body) {
        try {
            Map<String, String> form = OAuthForm.parameters(request, body);
            callers.authenticate(request, form, addresses.of(request));
            String token = Optional.ofNullable(form.get("token"))
                    .orElseThrow(() -> new OAuthException(OAuthError.INVALID_REQUEST, "missing parameter: token"));
            return OAuthResponses.ok(toJson(introspection.introspect(token)));
        } catch (OAuthException e) {
            return OAuthResponses.error(e);
        } catch (TenantStatusUnavailableException e) {
            return OAuthResponses.unavailable();
        } catch (RuntimeException e) {
            return OAuthResponses.serverError(HttpIncidents.record(request, e));
        }
    }

    private Map<String, Object> toJson(Optional<Principal> active) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("active", active.isPresent());
        active.ifPresent(p -> {
            json.put("scope", String.join(" ", p.scopes().stream().sorted().toList()));
            // Account subjects are name@tenant; client ids cannot contain '@'.
            json.put(p.subject().contains("@") ? "username" : "client_id", p.subject());
            json.put("token_type", "Bearer");
            json.put("exp", p.expiresAt().getEpochSecond());
            json.put("iat", p.issuedAt().getEpochSecond());
            json.put("nbf", p.issuedAt().getEpochSecond());
            json.put("sub", p.subject());
            json.put("aud", config.audience());
            json.put("iss", config.issuer());
            json.put("jti", p.tokenId());
            json.put(TokenClaims.TENANT, p.tenantId());
            json.put(TokenClaims.ROLES, p.roles().stream().sorted().toList());
        });
        return json;
    }
}
