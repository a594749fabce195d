package io.tollgate.auth.service.admin;

import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import io.tollgate.common.tenant.TenantIds;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks of admin request fields; each failure names its field. */
final class AdminInput {
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 256;
    static final int MAX_PAGE_SIZE = 200;
    static final int MAX_REASON = 500;

    private AdminInput() {
    }

    static AccountName username(String field, String text) {
        return AccountName.parse(text).orElseThrow(() -> new AdminInputException(field, "must be name@tenant"));
    }

    static String tenant(String field, String text) {
        if (!TenantIds.isValid(text)) {
            throw new AdminInputException(field, "must be a tenant id (lowercase letters, digits and hyphens)");
        }
        return text;
    }

    /** The id of an existing client: {@code name@tenant}, or a legacy bare id. */
    static String clientId(String field, String text) {
        if (!ServiceClient.isValidClientId(text)) {
            throw new AdminInputException(field, "must be name@tenant, the name 1 to 128 of letters, digits, "
                    + "'.', '_' and '-'");
        }
        return text;
    }

    /**
     * The id of a new client of this tenant, given as its name alone or as {@code name@tenant}: ids
     * are namespaced by tenant, so whether a name is taken says nothing about other tenants.
     */
    static String newClientId(String field, String text, String tenantId) {
        String name = text != null && text.endsWith("@" + tenantId)
                ? text.substring(0, text.length() - tenantId.length() - 1) : text;
        if (!ServiceClient.isValidName(name)) {
            throw new AdminInputException(field, "must be a name of 1 to 128 letters, digits, '.', '_' and '-', "
                    + "alone or followed by @ and the client's tenant");
        }
        return ServiceClient.idOf(name, tenantId);
    }

    /** A password an operator chose; the message never repeats it. */
    static String password(String field, String text) {
        if (text.isBlank() || text.length() < MIN_PASSWORD || text.length() > MAX_PASSWORD) {
            throw new AdminInputException(field, "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
        return text;
    }

    static Set<Role> roles(String field, List<String> names) {
        if (names == null) {
            throw new AdminInputException(field, "is required (a list, possibly empty)");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.fromWireName(name).orElseThrow(() -> new AdminInputException(field,
                    "unknown role; known: platform-admin, tenant-admin, writer, reader")));
        }
        return roles;
    }

    static Set<String> scopes(String field, List<String> scopes) {
        if (scopes == null || scopes.isEmpty()) {
            throw new AdminInputException(field, "is required: at least one scope");
        }
        Set<String> valid = new LinkedHashSet<>();
        for (String scope : scopes) {
            if (!Scopes.isValid(scope)) {
                throw new AdminInputException(field, "has a malformed scope");
            }
            valid.add(scope);
        }
        return valid;
    }

    static void page(int page, int size) {
        if (page < 0) {
            throw new AdminInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new AdminInputException("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
    }

    static String reason(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.length() > MAX_REASON) {
            throw new AdminInputException("reason", "must be at most " + MAX_REASON + " characters");
        }
        return reason;
    }
}
