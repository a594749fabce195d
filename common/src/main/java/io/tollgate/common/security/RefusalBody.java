package io.tollgate.common.security;

/**
 * How a service words a refusal that common's HTTP filters make before any controller runs, in
 * the error format its clients expect (e.g. Iceberg's ErrorResponse in catalog-service). Without
 * such a bean, refusals are OAuth2-style {@code {"error": "invalid_request", "error_description"}}.
 */
@FunctionalInterface
public interface RefusalBody {

    /**
     * The body of a refusal.
     *
     * @param status  the HTTP status it goes with
     * @param message a fixed text, safe to show the client
     */
    Object of(int status, String message);
}
