package io.tollgate.router.domain;

import java.util.List;

/**
 * The rules for a tenant's upstreams, shared by the admin API and the bootstrap file: at most
 * {@value #MAX} of them, names that are unique lowercase slugs, absolute http(s) URLs without
 * credentials in them.
 */
public final class Upstreams {
    public static final int MAX = 16;

    /** An upstream as given, not yet checked. */
    public record Candidate(String name, String url) {
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
                    if (!HttpUrls.isHttpUrl(candidate.url())) {
                        found.add(path + ".url", "must be an absolute http or https URL without credentials");
                        return null;
                    }
                    return new Upstream(candidate.name(), candidate.url());
                });
    }
}
