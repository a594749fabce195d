package io.tollgate.common.spark;

import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A per-user backend address: {@code {tenant}} and {@code {user}} in a {@code host:port} template
 * filled for the caller ({@code {user}.{tenant}.spark.svc:15002}). Two accounts must never share a
 * backend, so:
 * <ul>
 *   <li>{@code {user}} and {@code {tenant}} must each be a whole dot-separated label of the host,
 *       exactly once: inside a label ({@code spark-{tenant}-{user}}) tenant {@code a-b} with user
 *       {@code c} and tenant {@code a} with user {@code b-c} would meet; without {@code {tenant}},
 *       {@code bob@acme} and {@code bob@globex} would.</li>
 *   <li>{@code {user}} is always the account name folded to a DNS label plus a hash of
 *       {@code name@tenant}, never the name as it is: otherwise an account could be named after
 *       another's folded label and land on its backend.</li>
 * </ul>
 * No other placeholder, none in the port, and the host stays a DNS name of at most 253 characters
 * whatever fills it (each placeholder counted at a label's longest, 63 characters): a template
 * accepted here can be filled for every account of every tenant.
 */
public final class EndpointTemplate {
    public static final String USER = "{user}";
    public static final String TENANT = "{tenant}";
    private static final int MAX_LABEL = 63;
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NOT_LABEL = Pattern.compile("[^a-z0-9-]+");
    /** 64 bits: finding a second name of the same folded form and hash is out of reach. */
    private static final int HASH_HEX = 16;
    private static final int MAX_FOLDED = MAX_LABEL - 1 - HASH_HEX;
    /** No template is longer than the longest host:port (checked first, before any other work). */
    private static final int MAX_LENGTH = SparkEndpoints.MAX_HOST + 6;

    private EndpointTemplate() {
    }

    /**
     * Refuses a template that breaks a rule above.
     *
     * @throws InvalidEndpointTemplateException naming the rule broken
     */
    public static void check(String template) throws InvalidEndpointTemplateException {
        if (template == null || template.length() > MAX_LENGTH) {
            throw new InvalidEndpointTemplateException("must be host:port, at most " + MAX_LENGTH + " characters");
        }
        int colon = template.lastIndexOf(':');
        if (colon < 0 || !validPort(template.substring(colon + 1))) {
            throw new InvalidEndpointTemplateException("must end in :port, a port from 1 to 65535 (no placeholder"
                    + " there, no scheme or path)");
        }
        int users = 0;
        int tenants = 0;
        StringBuilder longest = new StringBuilder();
        for (String label : template.substring(0, colon).split("\\.", -1)) {
            if (label.equals(USER)) {
                users++;
            } else if (label.equals(TENANT)) {
                tenants++;
            } else if (label.contains("{") || label.contains("}")) {
                throw new InvalidEndpointTemplateException("may fill in only " + USER + " and " + TENANT
                        + ", each as a whole dot-separated label of the host (e.g. {user}.{tenant}.spark.svc:15002)");
            }
            longest.append(longest.isEmpty() ? "" : ".")
                    .append(label.equals(USER) || label.equals(TENANT) ? "x".repeat(MAX_LABEL) : label);
        }
        if (users != 1 || tenants != 1) {
            throw new InvalidEndpointTemplateException("must have " + USER + " and " + TENANT + " each exactly once,"
                    + " each as a whole dot-separated label of the host (e.g. {user}.{tenant}.spark.svc:15002)");
        }
        if (!SparkEndpoints.isDnsName(longest.toString())) {
            throw new InvalidEndpointTemplateException("the host must be a lowercase DNS name (labels of letters,"
                    + " digits and inner hyphens) of at most " + SparkEndpoints.MAX_HOST + " characters with "
                    + USER + " and " + TENANT + " filled at their longest (" + MAX_LABEL + " characters each)");
        }
    }

    /**
     * The template filled for an account of a tenant: always a valid {@link SparkEndpoints endpoint}.
     *
     * @throws InvalidEndpointTemplateException when the template breaks a rule, or the tenant id is
     *                                          not a DNS label
     */
    public static String fill(String template, String tenantId, String accountName)
            throws InvalidEndpointTemplateException {
        check(template);
        if (!DNS_LABEL.matcher(tenantId).matches()) {
            throw new InvalidEndpointTemplateException("the tenant id is not a DNS label, so it cannot fill a template");
        }
        return template.replace(TENANT, tenantId).replace(USER, userLabel(accountName, tenantId));
    }

    /** The account name as a DNS label (RFC 1123): folded, then a hash of {@code name@tenant}. */
    public static String userLabel(String accountName, String tenantId) {
        String hash = Hashing.sha256().hashString(accountName + "@" + tenantId, StandardCharsets.UTF_8).toString()
                .substring(0, HASH_HEX);
        String folded = NOT_LABEL.matcher(accountName.toLowerCase(Locale.ROOT)).replaceAll("-")
                .replaceAll("^-+|-+$", "");
        if (folded.length() > MAX_FOLDED) {
            folded = folded.substring(0, MAX_FOLDED).replaceAll("-+$", "");
        }
        return folded.isEmpty() ? "u-" + hash : folded + "-" + hash;
    }

    private static boolean validPort(String port) {
        return PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535;
    }
}
