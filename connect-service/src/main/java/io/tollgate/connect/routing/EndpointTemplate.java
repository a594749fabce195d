package io.tollgate.connect.routing;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A per-user backend address: {@code {tenant}} and {@code {user}} in a {@code host:port} template
 * filled for the caller. {@code {user}} is the account name as a DNS label; a name that is not one
 * already (upper case, dots, too long) is folded to one and given a short hash of the original, so
 * that two accounts never share a label (and so a backend).
 */
final class EndpointTemplate {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NOT_LABEL = Pattern.compile("[^a-z0-9-]+");

    private EndpointTemplate() {
    }

    static String fill(String template, String tenantId, String accountName) {
        return template.replace("{tenant}", tenantId).replace("{user}", userLabel(accountName));
    }

    /** The account name as a DNS label (RFC 1123), unchanged when it already is one. */
    static String userLabel(String accountName) {
        if (DNS_LABEL.matcher(accountName).matches()) {
            return accountName;
        }
        String hash = Hashing.sha256().hashString(accountName, StandardCharsets.UTF_8).toString().substring(0, 8);
        String folded = NOT_LABEL.matcher(accountName.toLowerCase(Locale.ROOT)).replaceAll("-")
                .replaceAll("^-+|-+$", "");
        if (folded.length() > 54) {
            folded = folded.substring(0, 54).replaceAll("-+$", "");
        }
        return folded.isEmpty() ? "u-" + hash : folded + "-" + hash;
    }
}
