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
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.TokenRevocationService;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.common.http.HttpIncidents;

import java.util.Map;

/** Token revocation (RFC 7009), for authenticated service clients. */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class RevocationController {
    private final CallingClient callers;
    private final TokenRevocationService revocation;
    private final ClientAddresses addresses;

    public RevocationController(CallingClient callers, TokenRevocationService revocation,
                                ClientAddresses addresses) {
        this.callers = callers;
        this.revocation = revocation;
        this.addresses = addresses;
    }

    /** 200 with an empty body whether or not the token was known (RFC 7009 §2.2). */
    @Post("/revoke")
    @Consumes(MediaType.ALL)
    @Produces(MediaType.APPLICATION_JSON)
    public MutableHttpResponse<Object> revoke(HttpRequest<?> request, @Body @Nullable String body) {
        try {
            Map<String, String> form = OAuthForm.parameters(request, body);
            ServiceClient caller = callers.authenticate(request, form, addresses.of(request));
            String token = form.get("token");
            if (token == null) {
                throw new OAuthException(OAuthError.INVALID_REQUEST, "missing parameter: token");
            }
            revocation.revoke(token, form.get("token_type_hint"), caller);
            return OAuthResponses.ok(Map.of());
        } catch (OAuthException e) {
            return OAuthResponses.error(e);
        } catch (TenantStatusUnavailableException e) {
            return OAuthResponses.unavailable();
        } catch (RuntimeException e) {
            return OAuthResponses.serverError(HttpIncidents.record(request, e));
        }
    }
}
