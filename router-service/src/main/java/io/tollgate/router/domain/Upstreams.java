package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rules for a tenant's upstreams, shared by the admin API and the bootstrap file: at most
 * {@value #MAX} of them, names that are unique lowercase slugs, and each its kind's settings only:
 * an HTTP one (the kind when none is given: upstreams registered before kinds) an absolute http(s)
 * URL without credentials; a Spark Connect one its endpoints or template ({@link SparkConnectRules}).
 */
public final class Upstreams {
    public static final int MAX = 16;

    /** An upstream as given, not yet checked. */
    public record Candidate(@Nullable String name, @Nullable String kind, @Nullable String url,
                            @Nullable SparkConnectCandidate sparkConnect) {
    }

    /** A Spark Connect upstream's settings as given; at most one of backendToken and backendTokenRef. */
    public record SparkConnectCandidate(@Nullable List<String> endpoints, @Nullable String endpointTemplate,
                                        @Nullable Boolean tls, @Nullable String caCertificatePem,
                                        @Nullable String backendToken, @Nullable String backendTokenRef) {
        @Override
        public String toString() {
            return "SparkConnectCandidate[endpoints=" + endpoints + ", endpointTemplate=" + endpointTemplate + "]";
        }
    }

    private Upstreams() {
    }

    /**
     * The valid upstreams; each problem is added to {@code problems} under a path starting with
     * {@code prefix} (e.g. {@code upstreams[1].url}).
     */
    public static List<Upstream> validate(List<Candidate> candidates, String prefix, FieldProblems problems) {
        return NamedEntries.validate(candidates, MAX, "upstreams", "trino", prefix, problems, Candidate::name,
                (path, candidate, found) -> {
                    UpstreamKind kind = kind(path + ".kind", candidate.kind(), found);
                    if (kind == UpstreamKind.SPARK_CONNECT) {
                        return sparkConnect(path, candidate, found);
                    }
                    if (kind == UpstreamKind.HTTP) {
                        return http(path, candidate, found);
                    }
                    return null;
                });
    }

    private static UpstreamKind kind(String field, @Nullable String kind, FieldProblems problems) {
        if (kind == null) {
            return UpstreamKind.HTTP;
        }
        for (UpstreamKind candidate : UpstreamKind.values()) {
            if (candidate.name().equals(kind)) {
                return candidate;
            }
        }
        problems.add(field, "must be one of " + Arrays.stream(UpstreamKind.values()).map(Enum::name)
                .collect(Collectors.joining(", ")));
        return null;
    }

    private static Upstream http(String path, Candidate candidate, FieldProblems problems) {
        if (candidate.sparkConnect() != null) {
            problems.add(path + ".sparkConnect", "only for kind SPARK_CONNECT");
        }
        if (!HttpUrls.isHttpUrl(candidate.url())) {
            problems.add(path + ".url", "must be an absolute http or https URL without credentials");
            return null;
        }
        // A missing name is the list's rules' to report.
        return candidate.name() == null ? null : Upstream.http(candidate.name(), candidate.url());
    }

    private static Upstream sparkConnect(String path, Candidate candidate, FieldProblems problems) {
        if (candidate.url() != null) {
            problems.add(path + ".url", "only for kind HTTP (Spark Connect upstreams have endpoints)");
        }
        SparkConnectBackends backends = SparkConnectRules.validate(path + ".sparkConnect", candidate.sparkConnect(),
                problems);
        return backends == null || candidate.name() == null ? null : Upstream.sparkConnect(candidate.name(), backends);
    }
}
