package io.tollgate.auth.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.tenant.TenantIds;

import java.util.Objects;

/**
 * What a revocation applies to: one token (by jti), every token of one subject in a tenant, or
 * every token of a tenant. Subject and tenant revocations cover tokens issued at or before the
 * revocation ({@code iat <= revoked_at}).
 */
public sealed interface RevocationTarget {

    /** The kind as stored in {@code revocations.kind}. */
    String kind();

    /** The value as stored in {@code revocations.value}: a jti, a subject or a tenant id. */
    String value();

    /** The tenant, when known (a token revoked by its jti alone does not say). */
    @Nullable
    String tenantId();

    /** One token. */
    record Token(String tokenId, @Nullable String tenantId) implements RevocationTarget {
        public Token {
            requireText(tokenId, "token id");
        }

        @Override
        public String kind() {
            return "token";
        }

        @Override
        public String value() {
            return tokenId;
        }
    }

    /** Every token of one subject (name@tenant or a client id) in its tenant. */
    record Subject(String tenantId, String subject) implements RevocationTarget {
        public Subject {
            requireTenant(tenantId);
            requireText(subject, "subject");
        }

        @Override
        public String kind() {
            return "subject";
        }

        @Override
        public String value() {
            return subject;
        }
    }

    /** Every token of one tenant. */
    record Tenant(String tenantId) implements RevocationTarget {
        public Tenant {
            requireTenant(tenantId);
        }

        @Override
        public String kind() {
            return "tenant";
        }

        @Override
        public String value() {
            return tenantId;
        }
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank() || value.length() > 256) {
            throw new IllegalArgumentException(what + " must be 1 to 256 characters");
        }
    }

    private static void requireTenant(String tenantId) {
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("tenant id must be a tenant slug");
        }
    }
}
