package io.tollgate.connect.routing;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A per-user backend address: {@code {tenant}} and {@code {user}} in a {@code host:port} template
 * filled for the caller. Two accounts must never share a backend, so:
 * <ul>
 *   <li>{@code {user}} and {@code {tenant}} must each be a whole dot-separated label of the host
 *       ({@code {user}.{tenant}.spark.svc:15002}), once: inside a label ({@code spark-{tenant}-{user}})
 *       tenant {@code a-b} with user {@code c} and tenant {@code a} with user {@code b-c} would meet;
 *       without {@code {tenant}}, {@code bob@acme} and {@code bob@globex} would.</li>
 *   <li>{@code {user}} is always the account name folded to a DNS label plus a hash of
 *       {@code name@tenant}, never the name as it is: otherwise an account could be named after
 *       another's folded label and land on its backend.</li>
 * </ul>
 */
final class EndpointTemplate {
    static final String USER = "{user}";
    static final String TENANT = "{tenant}";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NOT_LABEL = Pattern.compile("[^a-z0-9-]+");
    /** 64 bits: finding a second name of the same folded form and hash is out of reach. */
    private static final int HASH_HEX = 16;
    private static final int MAX_FOLDED = 63 - 1 - HASH_HEX;

    private EndpointTemplate() {
    }

    /**
     * The template filled for an account of a tenant.
     *
     * @throws NoSparkBackendException when the template does not have {@code {user}} and
     *                                 {@code {tenant}} each as one whole label of its host, or the
     *                                 tenant id is not a DNS label
     */
    static String fill(String template, String tenantId, String accountName) throws NoSparkBackendException {
        requireWholeLabels(template);
        if (!DNS_LABEL.matcher(tenantId).matches()) {
            throw new NoSparkBackendException("the tenant id is not a DNS label, so it cannot fill a template");
        }
        return template.replace(TENANT, tenantId).replace(USER, userLabel(accountName, tenantId));
    }

    /** Refuses a template whose host does not hold {user} and {tenant} each as exactly one whole label. */
    static void requireWholeLabels(String template) throws NoSparkBackendException {
        int colon = template.lastIndexOf(':');
        String host = colon < 0 ? template : template.substring(0, colon);
        String port = colon < 0 ? "" : template.substring(colon + 1);
        int users = 0;
        int tenants = 0;
        for (String label : host.split("\\.", -1)) {
            if (label.equals(USER)) {
                users++;
            } else if (label.equals(TENANT)) {
                tenants++;
            } else if (label.contains("{") || label.contains("}")) {
                throw new NoSparkBackendException("the endpoint template has a placeholder inside a label");
            }
        }
        if (users != 1 || tenants != 1 || port.contains("{")) {
            throw new NoSparkBackendException("the endpoint template must have {user} and {tenant} each as one whole"
                    + " label of its host");
        }
    }

    /** The account name as a DNS label (RFC 1123): folded, then a hash of {@code name@tenant}. */
    static String userLabel(String accountName, String tenantId) {
        String hash = Hashing.sha256().hashString(accountName + "@" + tenantId, StandardCharsets.UTF_8).toString()
                .substring(0, HASH_HEX);
        String folded = NOT_LABEL.matcher(accountName.toLowerCase(Locale.ROOT)).replaceAll("-")
                .replaceAll("^-+|-+$", "");
        if (folded.length() > MAX_FOLDED) {
            folded = folded.substring(0, MAX_FOLDED).replaceAll("-+$", "");
        }
        return folded.isEmpty() ? "u-" + hash : folded + "-" + hash;
    }
}
