package io.tollgate.router.service;

import io.tollgate.common.tenant.TenantIds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page tokens are the last id of the previous page, base64url-encoded: opaque to callers so
 * that the encoding may change, and checked on the way in so that no foreign text reaches SQL.
 */
final class PageTokens {
    private PageTokens() {
    }

    static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    /** The last id the token carries. */
    static String decode(String token) {
        String lastId;
        try {
            lastId = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!TenantIds.isValid(lastId)) {
            throw invalid();
        }
        return lastId;
    }

    private static InvalidPageRequestException invalid() {
        return new InvalidPageRequestException("invalid page token");
    }
}
