package io.tollgate.common.tenant;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account's full name, {@code name@tenant}: accounts are unique per tenant, and the part after
 * the last {@code @} says which tenant.
 *
 * @param name     the account's name within its tenant
 * @param tenantId the tenant's id
 */
public record AccountName(String name, String tenantId) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");

    /** The account name, or empty if the text is not of the form {@code name@tenant}. */
    public static Optional<AccountName> parse(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Optional.empty();
        }
        String name = text.substring(0, at);
        String tenant = text.substring(at + 1);
        if (!NAME.matcher(name).matches() || !TenantIds.isValid(tenant)) {
            return Optional.empty();
        }
        return Optional.of(new AccountName(name, tenant));
    }

    @Override
    public String toString() {
        return name + "@" + tenantId;
    }
}
