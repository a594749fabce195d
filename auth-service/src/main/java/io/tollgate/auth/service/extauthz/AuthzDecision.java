package io.tollgate.auth.service.extauthz;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What ext_authz answers: let the request through with these headers, or refuse it. */
public sealed interface AuthzDecision {

    /**
     * Allowed.
     *
     * @param headersToSet    upstream headers, lower-case names, each replacing any copy the client
     *                        sent (Envoy applies them before the removals)
     * @param headersToRemove client-supplied protected headers not among those set; removing one
     *                        that is also set would remove ours, since Envoy removes after setting
     */
    record Allow(Map<String, String> headersToSet, List<String> headersToRemove) implements AuthzDecision {
        public Allow {
            headersToSet = Map.copyOf(headersToSet);
            headersToRemove = List.copyOf(headersToRemove);
        }
    }

    /** Refused, with the status Envoy answers the client with. */
    record Deny(DenyReason reason) implements AuthzDecision {
        public int httpStatus() {
            return reason.httpStatus();
        }

        /** The OAuth error code (RFC 6750 §3.1) for the body and challenge. */
        public String error() {
            return switch (reason.httpStatus()) {
                case 401 -> "invalid_token";
                case 503 -> "temporarily_unavailable";
                default -> reason == DenyReason.MISSING_SCOPE ? "insufficient_scope" : "access_denied";
            };
        }

        /** The RFC 6750 §3 challenge: on every 401, and on a 403 for a missing scope. */
        public Optional<String> challenge() {
            if (reason.httpStatus() == 401 || reason == DenyReason.MISSING_SCOPE) {
                return Optional.of("Bearer realm=\"tollgate\", error=\"" + error() + "\"");
            }
            return Optional.empty();
        }

        /** A description safe to show the client: it never says more than the status does. */
        public String description() {
            return switch (reason.httpStatus()) {
                case 401 -> reason == DenyReason.MISSING_TOKEN ? "a bearer token is required"
                        : "invalid, expired or revoked token";
                case 503 -> "authorization temporarily unavailable; retry";
                default -> "the token does not grant access here";
            };
        }
    }
}
