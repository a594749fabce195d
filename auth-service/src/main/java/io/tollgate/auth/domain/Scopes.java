package io.tollgate.auth.domain;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** OAuth2 scopes (RFC 6749 §3.3): parsing the {@code scope} parameter and deciding what is granted. */
public final class Scopes {
    // scope-token = 1*( %x21 / %x23-5B / %x5D-7E ); bounded so a request cannot be made huge.
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,64}");
    private static final int MAX_SCOPES = 32;

    private Scopes() {
    }

    /** Whether the text is one well-formed scope token. */
    public static boolean isValid(String scope) {
        return scope != null && SCOPE_TOKEN.matcher(scope).matches();
    }

    /**
     * The scopes of a space-delimited {@code scope} parameter; empty when it is absent or blank
     * (the caller then gets everything it may have).
     */
    public static Optional<Set<String>> parse(String parameter) throws InvalidScopeException {
        if (parameter == null || parameter.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(validated(Arrays.asList(parameter.trim().split(" +"))));
    }

    /** The same check for scopes that arrive as a list (gRPC). */
    public static Optional<Set<String>> of(Iterable<String> scopes) throws InvalidScopeException {
        Set<String> listed = new LinkedHashSet<>();
        scopes.forEach(listed::add);
        return listed.isEmpty() ? Optional.empty() : Optional.of(validated(listed));
    }

    /**
     * What to grant: every allowed scope when none was requested, else the requested ones that are
     * allowed.
     *
     * @throws InvalidScopeException when scopes were requested and none of them is allowed
     */
    public static Set<String> grant(Optional<Set<String>> requested, Set<String> allowed) throws InvalidScopeException {
        Set<String> granted = new TreeSet<>(allowed);
        requested.ifPresent(granted::retainAll);
        if (granted.isEmpty()) {
            throw new InvalidScopeException("none of the requested scopes can be granted");
        }
        return Set.copyOf(granted);
    }

    private static Set<String> validated(Iterable<String> scopes) throws InvalidScopeException {
        Set<String> result = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!isValid(scope)) {
                throw new InvalidScopeException("malformed scope");
            }
            result.add(scope);
            if (result.size() > MAX_SCOPES) {
                throw new InvalidScopeException("too many scopes");
            }
        }
        return result;
    }
}
