package io.tollgate.auth.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One trusted external identity provider whose tokens ext_authz accepts
 * ({@code tollgate.auth.ext-authz.issuers.<name>}). Its tokens are verified against its own JWKS
 * only and act only in the one tenant it is pinned to; a {@code tid} claim in them is ignored.
 *
 * @param name          the entry's name, for logs
 * @param issuer        the exact {@code iss} of its tokens; one issuer belongs to one tenant
 * @param jwksUri       where its public keys are published
 * @param audience      the {@code aud} its tokens must carry
 * @param algorithms    accepted signature algorithms (asymmetric only)
 * @param tenant        the tenant every one of its tokens acts in
 * @param usernameClaim the claim holding the user name ({@code {name}}); required in every token
 * @param rolesClaim    the claim holding the IdP's roles or groups (a string or a list)
 * @param roleMappings  {@code idp-value=tollgate-role} pairs; without any, its tokens carry no role
 * @param clockSkew     tolerance on {@code exp} and {@code nbf}
 * @param jwksCacheTtl  how long fetched keys are used before they are fetched again
 */
@EachProperty("tollgate.auth.ext-authz.issuers")
public record ExternalIssuerConfig(
        @Parameter String name,
        @Nullable String issuer,
        @Nullable URI jwksUri,
        @Nullable String audience,
        @Nullable List<String> algorithms,
        @Nullable String tenant,
        @Bindable(defaultValue = "sub") String usernameClaim,
        @Bindable(defaultValue = "roles") String rolesClaim,
        @Nullable List<String> roleMappings,
        @Bindable(defaultValue = "30s") Duration clockSkew,
        @Bindable(defaultValue = "5m") Duration jwksCacheTtl) {

    public List<String> algorithmsOrDefault() {
        return algorithms == null || algorithms.isEmpty() ? List.of("RS256") : algorithms;
    }

    public List<String> roleMappingsOrEmpty() {
        return roleMappings == null ? List.of() : roleMappings;
    }
}
