package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules a tenant's named lists share (upstreams, warehouses): at most so many entries, none
 * missing, each named by a lowercase slug unique in the list. The rest of an entry is its own
 * rules' to check.
 */
final class NamedEntries {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    /** Checks the rest of one entry (its problems under {@code path}); null when it is not valid. */
    interface EntryRules<C, T> {
        @Nullable
        T check(String path, C candidate, FieldProblems problems);
    }

    private NamedEntries() {
    }

    /**
     * The valid entries, in order.
     *
     * @param what    the entries' plural, for the limit's message ("upstreams")
     * @param example a name that would do, for the name's message ("trino")
     */
    static <C, T> List<T> validate(List<C> candidates, int max, String what, String example, String prefix,
                                   FieldProblems problems, Function<C, String> name, EntryRules<C, T> rules) {
        if (candidates.size() > max) {
            problems.add(prefix, "at most " + max + " " + what);
            return List.of();
        }
        List<T> valid = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            String path = prefix + "[" + i + "]";
            C candidate = candidates.get(i);
            if (candidate == null) {
                problems.add(path, "required");
                continue;
            }
            int before = problems.count();
            String given = name.apply(candidate);
            if (given == null || !NAME.matcher(given).matches()) {
                problems.add(path + ".name", "must be a lowercase slug such as " + example);
            } else if (!names.add(given)) {
                problems.add(path + ".name", "duplicate");
            }
            T checked = rules.check(path, candidate, problems);
            if (checked != null && problems.count() == before) {
                valid.add(checked);
            }
        }
        return valid;
    }
}
