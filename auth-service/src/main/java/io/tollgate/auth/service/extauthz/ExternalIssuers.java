package io.tollgate.auth.service.extauthz;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import io.micronaut.context.annotation.Context;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.config.ExternalIssuerConfig;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.TenantIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trusted external identity providers ({@code tollgate.auth.ext-authz.issuers}), by issuer.
 * Checked at start-up, so a bad entry stops the service: every issuer is distinct from Tollgate's
 * own and from every other entry's (one issuer, one tenant: a token can only ever be routed to the
 * one tenant its issuer is pinned to), pinned to a real tenant slug other than {@code platform},
 * with asymmetric algorithms only, and a role mapping that never grants platform-admin. Created
 * with the context ({@link Context}), so a bad entry stops the start-up, not the first check.
 */
@Context
public class ExternalIssuers {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalIssuers.class);
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
            JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final Map<String, ExternalIssuer> byIssuer;

    public ExternalIssuers(List<ExternalIssuerConfig> configs, AuthConfig auth, RevocationSet revocations) {
        Map<String, ExternalIssuer> issuers = new HashMap<>();
        for (ExternalIssuerConfig config : configs) {
            ExternalIssuer issuer = build(config, auth, revocations);
            if (issuers.putIfAbsent(issuer.issuer(), issuer) != null) {
                throw invalid(config, "issuer " + issuer.issuer() + " is configured twice; one issuer is pinned to "
                        + "one tenant");
            }
            LOG.info("ext_authz trusts external issuer {} ({}) for tenant {}", config.name(), issuer.issuer(),
                    issuer.tenantId());
        }
        this.byIssuer = Map.copyOf(issuers);
    }

    /** The external issuer of this {@code iss}, if one is configured. */
    Optional<ExternalIssuer> find(String issuer) {
        return Optional.ofNullable(byIssuer.get(issuer));
    }

    private static ExternalIssuer build(ExternalIssuerConfig config, AuthConfig auth, RevocationSet revocations) {
        if (config.issuer() == null || config.issuer().isBlank()) {
            throw invalid(config, "issuer is required");
        }
        if (config.issuer().equals(auth.issuer())) {
            throw invalid(config, "issuer is Tollgate's own (tollgate.auth.issuer)");
        }
        if (config.audience() == null || config.audience().isBlank()) {
            throw invalid(config, "audience is required");
        }
        if (!TenantIds.isValid(config.tenant())) {
            throw invalid(config, "tenant must be the tenant id its tokens act in");
        }
        if (PlatformTenant.ID.equals(config.tenant())) {
            throw invalid(config, "an external issuer cannot act in the platform tenant");
        }
        if (config.usernameClaim() == null || config.usernameClaim().isBlank()) {
            throw invalid(config, "username-claim must name a claim");
        }
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : config.algorithmsOrDefault()) {
            JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
            if (!ASYMMETRIC.contains(algorithm)) {
                throw invalid(config, "algorithm " + name + " is not an asymmetric signature algorithm");
            }
            algorithms.add(algorithm);
        }
        return new ExternalIssuer(config.name(), config.issuer(), config.audience(), algorithms, keys(config),
                config.tenant(), config.usernameClaim(), config.rolesClaim(), roleMapping(config),
                (int) config.clockSkew().toSeconds(), revocations);
    }

    private static JWKSource<SecurityContext> keys(ExternalIssuerConfig config) {
        if (config.jwksUri() == null || config.jwksUri().getScheme() == null
                || !Set.of("http", "https").contains(config.jwksUri().getScheme())) {
            throw invalid(config, "jwks-uri must be an http(s) URL");
        }
        if ("http".equals(config.jwksUri().getScheme())) {
            LOG.warn("external issuer {} publishes its keys over plain http ({}): anyone on the path could "
                    + "substitute them; use https outside tests", config.name(), config.jwksUri());
        }
        try {
            return JWKSourceBuilder.create(config.jwksUri().toURL())
                    .cache(config.jwksCacheTtl().toMillis(), 5_000)
                    .rateLimited(true)
                    .outageTolerantForever()
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw invalid(config, "jwks-uri is not a URL");
        }
    }

    private static Map<String, String> roleMapping(ExternalIssuerConfig config) {
        Map<String, String> mapping = new HashMap<>();
        for (String pair : config.roleMappingsOrEmpty()) {
            int eq = pair.lastIndexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw invalid(config, "role-mappings entries are idp-value=tollgate-role, not \"" + pair + "\"");
            }
            String external = pair.substring(0, eq).trim();
            Role role = Role.fromWireName(pair.substring(eq + 1).trim())
                    .orElseThrow(() -> invalid(config, "role-mappings: unknown role in \"" + pair + "\""));
            if (role == Role.PLATFORM_ADMIN) {
                throw invalid(config, "role-mappings cannot grant platform-admin");
            }
            if (mapping.putIfAbsent(external, role.wireName()) != null) {
                throw invalid(config, "role-mappings maps \"" + external + "\" twice");
            }
        }
        return mapping;
    }

    private static IllegalStateException invalid(ExternalIssuerConfig config, String problem) {
        return new IllegalStateException("tollgate.auth.ext-authz.issuers." + config.name() + ": " + problem);
    }
}
