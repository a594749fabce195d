package io.tollgate.auth.api.rest;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.auth.service.keys.SigningKeys;

/** Publishes the public signing keys, which every service fetches to verify tokens locally. */
@Controller("/oauth2")
@Secured(SecurityRule.IS_ANONYMOUS)
public class JwksController {
    private final SigningKeys keys;

    public JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @Get("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public String jwks() {
        // JWKSet.toString() serialises public parameters only; publicKeys() holds no private ones
        // in the first place.
        return keys.publicKeys().toString();
    }
}
