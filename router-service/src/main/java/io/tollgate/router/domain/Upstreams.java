package io.tollgate.router.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for a tenant's upstreams, shared by the admin API and the bootstrap file: at most
 * {@value #MAX} of them, names that are unique lowercase slugs, absolute http(s) URLs without
 * credentials in them.
 */
public final class Upstreams {
    public static final int MAX = 16;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

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
        if (candidates.size() > MAX) {
            problems.add(prefix, "at most " + MAX + " upstreams");
            return List.of();
        }
        List<Upstream> valid = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            String path = prefix + "[" + i + "]";
            Candidate candidate = candidates.get(i);
            if (candidate == null) {
                problems.add(path, "required");
                continue;
            }
            boolean ok = true;
            if (candidate.name() == null || !NAME.matcher(candidate.name()).matches()) {
                problems.add(path + ".name", "must be a lowercase slug such as trino");
                ok = false;
            } else if (!names.add(candidate.name())) {
                problems.add(path + ".name", "duplicate");
                ok = false;
            }
            if (!HttpUrls.isHttpUrl(candidate.url())) {
                problems.add(path + ".url", "must be an absolute http or https URL without credentials");
                ok = false;
            }
            if (ok) {
                valid.add(new Upstream(candidate.name(), candidate.url()));
            }
        }
        return valid;
    }
}
