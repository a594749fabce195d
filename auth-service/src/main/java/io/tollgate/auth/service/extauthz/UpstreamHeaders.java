package io.tollgate.auth.service.extauthz;

import io.micronaut.context.annotation.Context;
import io.tollgate.auth.config.ExtAuthzConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The headers an allowed request carries upstream, derived from its token by
 * {@code tollgate.auth.ext-authz.headers}, and the client-supplied headers that must not reach
 * the upstream: every copy of a configured header and every header under a protected prefix
 * ({@code x-tollgate-} by default). A configured header is <em>set</em>, which replaces all of a
 * client's copies; one that renders to nothing, and every other protected header the client sent,
 * is <em>removed</em>. The two lists never overlap: Envoy removes after it sets, so removing a
 * header we set would remove ours.
 */
@Context
public class UpstreamHeaders {
    // RFC 9110 field-name (token).
    private static final Pattern FIELD_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9a-z]{1,128}");
    private static final int MAX_VALUE_LENGTH = 4096;

    private static final Set<String> RESERVED = Set.of("host", "authorization", "content-length",
            "transfer-encoding", "connection", "te", "upgrade");

    private final Map<String, HeaderTemplate> templates;
    private final List<String> protectedPrefixes;

    public UpstreamHeaders(ExtAuthzConfig config) {
        Map<String, HeaderTemplate> parsed = new LinkedHashMap<>();
        Map<String, String> configured = config.headersOrDefault();
        for (String configuredName : new TreeSet<>(configured.keySet())) {
            String name = configuredName.toLowerCase(Locale.ROOT);
            if (!FIELD_NAME.matcher(name).matches() || name.startsWith("x-envoy-") || RESERVED.contains(name)) {
                throw new IllegalStateException("tollgate.auth.ext-authz.headers: \"" + configuredName
                        + "\" cannot be an upstream header");
            }
            String template = configured.get(configuredName);
            try {
                parsed.put(name, HeaderTemplate.parse(template == null ? "" : template));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("tollgate.auth.ext-authz.headers." + name + ": " + e.getMessage());
            }
        }
        this.templates = parsed;
        this.protectedPrefixes = config.protectedHeaderPrefixesOrDefault().stream()
                .map(p -> p.toLowerCase(Locale.ROOT)).filter(p -> !p.isBlank()).toList();
    }

    /**
     * The headers for this identity, and the client's protected headers to remove.
     *
     * @throws UnsafeHeaderValueException when a value cannot travel as a header
     */
    AuthzDecision.Allow allow(AuthzIdentity identity, AuthzRequest request) throws UnsafeHeaderValueException {
        Map<String, String> set = new LinkedHashMap<>();
        for (Map.Entry<String, HeaderTemplate> entry : templates.entrySet()) {
            Optional<String> value = entry.getValue().render(identity);
            if (value.isPresent()) {
                requireSafe(value.get());
                set.put(entry.getKey(), value.get());
            }
        }
        List<String> remove = new ArrayList<>();
        for (String name : templates.keySet()) {
            if (!set.containsKey(name)) {
                remove.add(name);
            }
        }
        for (String sent : request.headers().keySet()) {
            if (!set.containsKey(sent) && !remove.contains(sent) && isProtected(sent)) {
                remove.add(sent);
            }
        }
        return new AuthzDecision.Allow(set, remove);
    }

    private boolean isProtected(String lowerCaseName) {
        return templates.containsKey(lowerCaseName) || protectedPrefixes.stream().anyMatch(lowerCaseName::startsWith);
    }

    private static void requireSafe(String value) throws UnsafeHeaderValueException {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new UnsafeHeaderValueException();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new UnsafeHeaderValueException();
            }
        }
    }

    /** A claim that cannot be sent as a header value. */
    static final class UnsafeHeaderValueException extends Exception {
        UnsafeHeaderValueException() {
            super("unsafe header value", null, false, false);
        }
    }
}
