package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;
import java.util.Map;

/**
 * Envoy external authorization ({@code tollgate.auth.ext-authz}): the gRPC
 * {@code envoy.service.auth.v3.Authorization/Check} on the gRPC port and the HTTP mode under
 * {@code /ext-authz/} on the HTTP port.
 *
 * @param enabled                  whether either mode answers at all
 * @param headers                  upstream header name to value template, e.g.
 *                                 {@code x-trino-user: "{name}@{tid}"}; sources {@code {name}},
 *                                 {@code {sub}}, {@code {tid}}, {@code {roles}}, {@code {scope}},
 *                                 {@code {iss}}, {@code {jti}}, {@code {claim:NAME}}. Written with
 *                                 single braces: {@code ${...}} is a Micronaut placeholder
 * @param protectedHeaderPrefixes  a client-supplied header whose name starts with one of these (or
 *                                 is one of {@code headers}) never reaches the upstream
 * @param requiredRoles            if not empty, a token must carry at least one of these roles
 * @param requiredScopes           a token must carry every one of these scopes
 * @param maxTokenLength           longer bearer tokens are refused unparsed
 */
@ConfigurationProperties("tollgate.auth.ext-authz")
public record ExtAuthzConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable Map<String, String> headers,
        @Nullable List<String> protectedHeaderPrefixes,
        @Nullable List<String> requiredRoles,
        @Nullable List<String> requiredScopes,
        @Bindable(defaultValue = "8192") @Min(256) @Max(65536) int maxTokenLength) {

    /** The headers sent upstream when none are configured. */
    public static final Map<String, String> DEFAULT_HEADERS = Map.of(
            // name@tenant: two tenants' users of one name stay two engine users.
            "x-trino-user", "{name}@{tid}",
            "x-tollgate-tenant", "{tid}",
            "x-tollgate-roles", "{roles}");

    public Map<String, String> headersOrDefault() {
        return headers == null || headers.isEmpty() ? DEFAULT_HEADERS : headers;
    }

    public List<String> protectedHeaderPrefixesOrDefault() {
        return protectedHeaderPrefixes == null ? List.of("x-tollgate-") : protectedHeaderPrefixes;
    }

    public List<String> requiredRolesOrEmpty() {
        return requiredRoles == null ? List.of() : requiredRoles;
    }

    public List<String> requiredScopesOrEmpty() {
        return requiredScopes == null ? List.of() : requiredScopes;
    }
}
