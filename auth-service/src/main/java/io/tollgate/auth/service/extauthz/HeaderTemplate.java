package io.tollgate.auth.service.extauthz;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A configured upstream header value such as {@code "{name}"} or {@code "tenant={tid}"}: literal
 * text and placeholders. Placeholders: {@code {name}}, {@code {sub}}, {@code {tid}},
 * {@code {roles}} (sorted, comma-separated), {@code {scope}} (sorted, space-separated),
 * {@code {iss}}, {@code {jti}}, {@code {claim:NAME}} (a string, number or boolean claim, or a list
 * of them comma-separated). A value whose placeholder has nothing to show renders as nothing at
 * all (the header is then not sent, and a client's copy is removed).
 */
final class HeaderTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^{}]{1,128}))?}");
    private static final List<String> SOURCES = List.of("name", "sub", "tid", "roles", "scope", "iss", "jti", "claim");

    private sealed interface Part {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String source, String claim) implements Part {
    }

    private final List<Part> parts;

    private HeaderTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException for an unknown placeholder or stray braces
     */
    static HeaderTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int at = 0;
        while (m.find()) {
            String before = template.substring(at, m.start());
            if (before.endsWith("$")) {
                throw new IllegalArgumentException("write " + m.group() + ", not $" + m.group()
                        + " (${...} is a Micronaut placeholder)");
            }
            addLiteral(parts, before);
            String source = m.group(1);
            if (!SOURCES.contains(source) || (source.equals("claim") != (m.group(2) != null))) {
                throw new IllegalArgumentException("unknown placeholder " + m.group()
                        + "; use {name}, {sub}, {tid}, {roles}, {scope}, {iss}, {jti} or {claim:NAME}");
            }
            parts.add(new Placeholder(source, m.group(2)));
            at = m.end();
        }
        addLiteral(parts, template.substring(at));
        if (parts.stream().noneMatch(Placeholder.class::isInstance)) {
            throw new IllegalArgumentException("a header value must take something from the token");
        }
        return new HeaderTemplate(List.copyOf(parts));
    }

    private static void addLiteral(List<Part> parts, String text) {
        if (text.indexOf('{') >= 0 || text.indexOf('}') >= 0) {
            throw new IllegalArgumentException("stray brace in \"" + text + "\"");
        }
        if (!text.isEmpty()) {
            parts.add(new Literal(text));
        }
    }

    /** The value for this identity; empty when a placeholder has nothing to show. */
    Optional<String> render(AuthzIdentity identity) {
        StringBuilder value = new StringBuilder();
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                value.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                Optional<String> resolved = resolve(placeholder, identity);
                if (resolved.isEmpty() || resolved.get().isEmpty()) {
                    return Optional.empty();
                }
                value.append(resolved.get());
            }
        }
        return Optional.of(value.toString());
    }

    private static Optional<String> resolve(Placeholder placeholder, AuthzIdentity identity) {
        return switch (placeholder.source()) {
            case "name" -> Optional.of(identity.name());
            case "sub" -> Optional.of(identity.subject());
            case "tid" -> Optional.of(identity.tenantId());
            case "roles" -> Optional.of(identity.roles().stream().sorted().collect(Collectors.joining(",")));
            case "scope" -> Optional.of(identity.scopes().stream().sorted().collect(Collectors.joining(" ")));
            case "iss" -> Optional.ofNullable(identity.issuer());
            case "jti" -> Optional.ofNullable(identity.tokenId());
            default -> identity.claims().get(placeholder.claim()).flatMap(HeaderTemplate::scalarOrList);
        };
    }

    private static Optional<String> scalarOrList(Object claim) {
        if (claim instanceof String || claim instanceof Number || claim instanceof Boolean) {
            return Optional.of(claim.toString());
        }
        if (claim instanceof Collection<?> list && list.stream().allMatch(v -> v instanceof String
                || v instanceof Number || v instanceof Boolean)) {
            return Optional.of(list.stream().map(Object::toString).collect(Collectors.joining(",")));
        }
        // Objects and nested lists have no faithful single-line form.
        return Optional.empty();
    }
}
