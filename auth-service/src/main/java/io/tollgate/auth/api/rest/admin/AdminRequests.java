package io.tollgate.auth.api.rest.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * What the admin API takes. Every field is optional to the JSON reader, so that the services can
 * name a missing one in a 400; none of these records prints a password or token.
 */
final class AdminRequests {

    private AdminRequests() {
    }

    /** A new account. */
    @Serdeable
    record CreateAccount(
            @Schema(description = "name@tenant", example = "alice@acme") @Nullable String username,
            @Schema(description = "12 to 256 characters; omit to have one generated (shown once)")
            @Nullable String password,
            @Schema(description = "role wire names", example = "[\"reader\"]") @Nullable List<String> roles) {
        @Override
        public String toString() {
            return "CreateAccount[username=" + username + ", roles=" + roles + "]";
        }
    }

    /** A password reset. */
    @Serdeable
    record ResetPassword(
            @Schema(description = "the new password; omit to have one generated (shown once)")
            @Nullable String password) {
        @Override
        public String toString() {
            return "ResetPassword[]";
        }
    }

    /** A new set of roles. */
    @Serdeable
    record SetRoles(@Nullable List<String> roles) {
    }

    /** A new service client; its secret is always generated. */
    @Serdeable
    record CreateClient(@Nullable String clientId, @Nullable String tenantId, @Nullable List<String> roles,
                        @Nullable List<String> scopes) {
    }

    /** A revocation. */
    @Serdeable
    record Revoke(
            @Schema(description = "token, subject or tenant") @Nullable String kind,
            @Schema(description = "kind=token: the access token itself") @Nullable String token,
            @Schema(description = "kind=token: its jti (platform admins only)") @Nullable String tokenId,
            @Schema(description = "kind=subject: name@tenant or a client id") @Nullable String subject,
            @Schema(description = "kind=subject or tenant") @Nullable String tenantId,
            @Nullable String reason) {
        @Override
        public String toString() {
            return "Revoke[kind=" + kind + ", subject=" + subject + ", tenantId=" + tenantId + "]";
        }
    }
}
