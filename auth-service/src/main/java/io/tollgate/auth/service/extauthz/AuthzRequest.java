package io.tollgate.auth.service.extauthz;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request Envoy asks about, as either mode delivers it.
 *
 * @param headers           the original request's headers, names lower-cased (repeated headers
 *                          joined with commas, as Envoy sends them)
 * @param method            its method
 * @param host              its authority
 * @param path              its path, query string included
 * @param clientAddress     the downstream client's address, for the audit trail
 * @param contextExtensions per-route settings from Envoy's {@code check_settings} (gRPC mode)
 */
public record AuthzRequest(Map<String, String> headers, String method, String host, String path,
                           @Nullable String clientAddress, Map<String, String> contextExtensions) {

    public AuthzRequest {
        Map<String, String> lower = new TreeMap<>();
        headers.forEach((name, value) -> lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b));
        headers = Map.copyOf(lower);
        method = method == null ? "" : method;
        host = host == null ? "" : host;
        path = path == null ? "" : path;
        contextExtensions = Map.copyOf(contextExtensions);
    }

    @Nullable
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** Host and path without the query string (which may carry anything), for the audit trail. */
    public String target() {
        int query = path.indexOf('?');
        return host + (query < 0 ? path : path.substring(0, query));
    }

    /** Leaves the headers out: they carry the bearer token. */
    @Override
    public String toString() {
        return "AuthzRequest[" + method + " " + target() + " from " + clientAddress + "]";
    }
}
