package io.tollgate.auth.api.rest;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.auth.service.DiscoveryDocument;

import java.util.Map;

/**
 * Discovery: the same metadata at OpenID Connect's path and at RFC 8414's, so that either kind of
 * client finds the token endpoint and the keys.
 */
@Controller("/.well-known")
@Secured(SecurityRule.IS_ANONYMOUS)
public class DiscoveryController {
    private final DiscoveryDocument document;

    public DiscoveryController(DiscoveryDocument document) {
        this.document = document;
    }

    @Get("/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> openidConfiguration() {
        return document.metadata();
    }

    @Get("/oauth-authorization-server")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> authorizationServerMetadata() {
        return document.metadata();
    }
}
