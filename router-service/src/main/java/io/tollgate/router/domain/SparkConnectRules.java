package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.spark.EndpointTemplate;
import io.tollgate.common.spark.InvalidEndpointTemplateException;
import io.tollgate.common.spark.SparkEndpoints;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a Spark Connect upstream's settings: exactly one of 1 to {@value #MAX_ENDPOINTS}
 * distinct {@code host:port} endpoints and an endpoint template; no scheme anywhere (connect-service
 * speaks gRPC, over TLS when {@code tls}); a CA only with TLS, and only PEM certificates; the backend
 * token given or referenced, never both, never what reads show in its place ({@code literal:***}),
 * and only with TLS unless every endpoint is a loopback address. Endpoints and templates are
 * checked by common's {@link SparkEndpoints} and {@link EndpointTemplate}, the very rules
 * connect-service routes by, so that the registry stores no upstream the gateway would refuse.
 * Messages never echo an endpoint, a template, a certificate or a token.
 */
final class SparkConnectRules {
    static final int MAX_ENDPOINTS = 16;
    static final int MAX_CA_PEM = 64 * 1024;
    // Sent as "Bearer <token>" in a gRPC header: printable, no spaces.
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]{1,4096}");
    private static final SecretInput BACKEND_TOKEN = new SecretInput("backendToken", "backendTokenRef", "token",
            token -> TOKEN.matcher(token).matches(), "must be 1 to 4096 printable characters without spaces");
    private static final String ENDPOINT_RULE = "must be host:port without a scheme (e.g. spark.acme.svc:15002):"
            + " a lowercase DNS name or an IP address, and a port from 1 to 65535";

    private SparkConnectRules() {
    }

    /** The checked settings, or null with each problem added under {@code path}. */
    static SparkConnectBackends validate(String path, @Nullable Upstreams.SparkConnectCandidate candidate,
                                         FieldProblems problems) {
        if (candidate == null) {
            problems.add(path, "required for kind SPARK_CONNECT: {endpoints: [host:port, ...]} or"
                    + " {endpointTemplate: ...}");
            return null;
        }
        int before = problems.count();
        List<String> endpoints = List.of();
        String template = null;
        if (candidate.endpoints() != null && candidate.endpointTemplate() != null) {
            problems.add(path, "give endpoints or endpointTemplate, not both");
        } else if (candidate.endpoints() != null) {
            endpoints = endpoints(path + ".endpoints", candidate.endpoints(), problems);
        } else if (candidate.endpointTemplate() != null) {
            template = template(path + ".endpointTemplate", candidate.endpointTemplate(), problems);
        } else {
            problems.add(path + ".endpoints", "required: endpoints or endpointTemplate");
        }
        boolean tls = Boolean.TRUE.equals(candidate.tls());
        String ca = caCertificate(path + ".caCertificatePem", candidate.caCertificatePem(), tls, problems);
        String tokenRef = BACKEND_TOKEN.reference(path, candidate.backendToken(), candidate.backendTokenRef(), false,
                problems);
        if (problems.count() == before) {
            tokenOnlyOverTls(path + ".tls", endpoints, template, tls, tokenRef, problems);
        }
        return problems.count() > before ? null : new SparkConnectBackends(endpoints, template, tls, ca, tokenRef);
    }

    private static List<String> endpoints(String path, List<String> given, FieldProblems problems) {
        if (given.isEmpty() || given.size() > MAX_ENDPOINTS) {
            problems.add(path, "must list 1 to " + MAX_ENDPOINTS + " endpoints");
            return List.of();
        }
        List<String> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String endpoint = given.get(i);
            if (endpoint == null || !SparkEndpoints.isEndpoint(endpoint)) {
                problems.add(path + "[" + i + "]", ENDPOINT_RULE);
            } else if (!seen.add(endpoint)) {
                // Listed twice, it would draw twice its share of sessions.
                problems.add(path + "[" + i + "]", "duplicate");
            } else {
                valid.add(endpoint);
            }
        }
        return valid;
    }

    private static String template(String path, String template, FieldProblems problems) {
        try {
            EndpointTemplate.check(template);
            return template;
        } catch (InvalidEndpointTemplateException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    /**
     * connect-service sends a backend token in the clear to no one but this machine: refused here
     * rather than at every call. A template's host is never a loopback address.
     */
    private static void tokenOnlyOverTls(String path, List<String> endpoints, @Nullable String template, boolean tls,
                                         @Nullable String tokenRef, FieldProblems problems) {
        boolean loopbackOnly = template == null && !endpoints.isEmpty()
                && endpoints.stream().allMatch(SparkEndpoints::isLoopback);
        if (tokenRef != null && !tls && !loopbackOnly) {
            problems.add(path, "must be true with a backend token (the token is sent only over TLS, or in the clear"
                    + " to loopback endpoints only: localhost, 127.x.y.z, [::1])");
        }
    }

    private static String caCertificate(String path, @Nullable String pem, boolean tls, FieldProblems problems) {
        if (pem == null) {
            return null;
        }
        if (!tls) {
            problems.add(path, "only with tls: true");
            return null;
        }
        if (pem.length() > MAX_CA_PEM || !pem.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
            problems.add(path, "must be PEM certificates (-----BEGIN CERTIFICATE-----), at most " + MAX_CA_PEM
                    + " characters");
            return null;
        }
        try {
            if (CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty()) {
                problems.add(path, "holds no certificate");
                return null;
            }
            return pem;
        } catch (CertificateException e) {
            problems.add(path, "is not a readable X.509 certificate in PEM");
            return null;
        }
    }
}
