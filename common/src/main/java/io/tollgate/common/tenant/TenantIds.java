package io.tollgate.common.tenant;

import java.util.regex.Pattern;

/**
 * Tenant ids are slugs: lowercase letters, digits and single hyphens, starting with a letter, at
 * most 63 characters. They appear in tokens, SQL context values and database names, so nothing
 * else is ever accepted.
 */
public final class TenantIds {
    private static final Pattern SLUG = Pattern.compile("[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,62}");

    private TenantIds() {
    }

    /** Whether the text is a valid tenant id. */
    public static boolean isValid(String text) {
        return text != null && SLUG.matcher(text).matches();
    }
}
