package io.tollgate.common.http;

import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.tollgate.common.error.Incident;

/**
 * Records an unexpected failure of an HTTP request as an {@link Incident}, named by the request's
 * method and route template. Each service then answers {@link Incident#publicMessage()} in its own
 * error body (RFC 9457 problem, Iceberg error) with status 500.
 */
public final class HttpIncidents {

    private HttpIncidents() {
    }

    public static Incident record(HttpRequest<?> request, Throwable error) {
        return Incident.record(where(request), error);
    }

    /**
     * The route's template rather than the path: a path is the caller's text (it can carry anything),
     * and is never logged.
     */
    public static String where(HttpRequest<?> request) {
        return request.getMethodName() + " " + BasicHttpAttributes.getUriTemplate(request).orElse("(no route)");
    }
}
