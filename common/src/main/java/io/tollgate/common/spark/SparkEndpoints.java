package io.tollgate.common.spark;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark Connect backend's {@code host:port}: the host a lowercase DNS name (RFC 1123 labels, as
 * Kubernetes spells Services), an IPv4 address or a bracketed IPv6 one; the port 1 to 65535; no
 * scheme, path or credentials. Nothing else reaches a channel builder.
 */
public final class SparkEndpoints {
    /** The longest host name DNS allows. */
    public static final int MAX_HOST = 253;
    private static final String LABEL = "[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}]");
    private static final Pattern HOST_PORT = Pattern.compile("(.+):([1-9][0-9]{0,4})");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");

    private SparkEndpoints() {
    }

    /** Whether {@code endpoint} is {@code host:port} as above. */
    public static boolean isEndpoint(String endpoint) {
        if (endpoint == null || endpoint.length() > MAX_HOST + 6) {
            return false;
        }
        Matcher parts = HOST_PORT.matcher(endpoint);
        return parts.matches() && Integer.parseInt(parts.group(2)) <= 65535
                && (isDnsName(parts.group(1)) || IPV6.matcher(parts.group(1)).matches());
    }

    /** Whether {@code host} is a lowercase DNS name of at most {@value #MAX_HOST} characters (or an IPv4 address). */
    public static boolean isDnsName(String host) {
        return host.length() <= MAX_HOST && DNS_NAME.matcher(host).matches();
    }

    /**
     * Whether a valid endpoint's host is this machine ({@code localhost}, {@code 127.x.y.z},
     * {@code [::1]}), where a backend token sent in the clear crosses no network. False for
     * anything that is not an endpoint.
     */
    public static boolean isLoopback(String endpoint) {
        if (!isEndpoint(endpoint)) {
            return false;
        }
        String host = endpoint.substring(0, endpoint.lastIndexOf(':'));
        return host.equals("localhost") || host.equals("[::1]") || LOOPBACK_V4.matcher(host).matches();
    }
}
