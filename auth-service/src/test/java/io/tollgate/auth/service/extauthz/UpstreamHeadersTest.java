package io.tollgate.auth.service.extauthz;

import io.tollgate.auth.config.ExtAuthzConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header templates and which client headers are set or removed, without a server. */
class UpstreamHeadersTest {
    private static final AuthzIdentity ALICE = new AuthzIdentity("alice@acme", "alice", "acme",
            Set.of("writer", "reader"), Set.of("sql", "catalog"), "tollgate", "jti-1",
            claim -> Optional.ofNullable(Map.<String, Object>of("groups", List.of("a", "b"), "age", 42,
                    "nested", Map.of("x", 1)).get(claim)));

    private static UpstreamHeaders headers(Map<String, String> templates, List<String> prefixes) {
        return new UpstreamHeaders(new ExtAuthzConfig(true, templates, prefixes, null, null, 8192));
    }

    private static AuthzRequest request(Map<String, String> headers) {
        return new AuthzRequest(headers, "GET", "trino", "/v1/info", null, Map.of());
    }

    @Test
    void everyPlaceholderRendersFromTheIdentity() throws Exception {
        UpstreamHeaders upstream = headers(Map.of("X-User", "{name}", "x-sub", "{sub}", "x-who", "{tid}/{name}",
                "x-roles", "{roles}", "x-scope", "{scope}", "x-iss", "{iss}", "x-jti", "{jti}",
                "x-groups", "{claim:groups}", "x-age", "{claim:age}"), List.of());

        AuthzDecision.Allow allow = upstream.allow(ALICE, request(Map.of()));

        assertEquals(Map.of("x-user", "alice", "x-sub", "alice@acme", "x-who", "acme/alice", "x-roles", "reader,writer",
                "x-scope", "catalog sql", "x-iss", "tollgate", "x-jti", "jti-1", "x-groups", "a,b", "x-age", "42"),
                allow.headersToSet());
        assertEquals(List.of(), allow.headersToRemove());
    }

    @Test
    void aHeaderWithNothingToShowIsNotSentAndTheClientsCopyIsRemoved() throws Exception {
        UpstreamHeaders upstream = headers(Map.of("x-dept", "{claim:department}", "x-nested", "{claim:nested}",
                "x-trino-user", "{name}"), List.of("x-tollgate-"));

        AuthzDecision.Allow allow = upstream.allow(ALICE, request(Map.of("X-Dept", "finance",
                "x-tollgate-anything", "1", "x-trino-user", "root", "x-other", "kept")));

        assertEquals(Map.of("x-trino-user", "alice"), allow.headersToSet());
        assertEquals(Set.of("x-dept", "x-nested", "x-tollgate-anything"), Set.copyOf(allow.headersToRemove()));
        assertTrue(allow.headersToRemove().stream().noneMatch(allow.headersToSet()::containsKey));
    }

    @Test
    void aClaimWithAControlCharacterCannotBecomeAHeader() {
        AuthzIdentity evil = new AuthzIdentity("x", "eve\r\nx-tollgate-tenant: globex", "acme", Set.of(), Set.of(),
                "tollgate", null, claim -> Optional.empty());

        assertThrows(UpstreamHeaders.UnsafeHeaderValueException.class,
                () -> headers(Map.of("x-trino-user", "{name}"), List.of()).allow(evil, request(Map.of())));
    }

    @Test
    void badConfigurationStopsTheStartUp() {
        for (Map<String, String> templates : List.of(Map.of("x-user", "{nmae}"), Map.of("x-user", "${name}"),
                Map.of("x-user", "constant"), Map.of("authorization", "{name}"), Map.of("x-envoy-foo", "{name}"),
                Map.of("bad header", "{name}"), Map.of("x-user", "{claim}"))) {
            assertThrows(IllegalStateException.class, () -> headers(templates, List.of()), templates.toString());
        }
    }
}
