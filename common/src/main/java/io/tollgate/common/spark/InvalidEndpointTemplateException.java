package io.tollgate.common.spark;

/**
 * A per-user endpoint template breaks a rule of {@link EndpointTemplate}. The message says which
 * rule and never quotes the template, so it may be shown to the administrator who wrote it.
 */
public final class InvalidEndpointTemplateException extends Exception {
    public InvalidEndpointTemplateException(String rule) {
        super(rule, null, false, false);
    }
}
