package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;

/**
 * A tenant backend's password or host could not be resolved from its reference. Messages name the
 * reference (never a literal password) and never carry a secret's value.
 */
public class BackendResolutionException extends RuntimeException {
    /** Which part of the backend failed. */
    public enum Part { CREDENTIALS, HOST }

    public enum Reason {
        /** A scheme this router cannot resolve, e.g. secret: with the Kubernetes integration off. */
        UNSUPPORTED,
        /** The referenced Secret, key, Service or port does not exist. */
        NOT_FOUND,
        /** The API server refused to show it: the router's RBAC does not cover it. */
        FORBIDDEN,
        /** The API server could not be asked: try again later. */
        UNAVAILABLE
    }

    private final Part part;
    private final Reason reason;
    @Nullable
    private final AccessClass accessClass;

    public BackendResolutionException(Part part, Reason reason, String message) {
        this(part, reason, message, null);
    }

    /** @param accessClass the class whose login's password failed, when known */
    public BackendResolutionException(Part part, Reason reason, String message, @Nullable AccessClass accessClass) {
        super(message);
        this.part = part;
        this.reason = reason;
        this.accessClass = accessClass;
    }

    /** The access class whose login's password could not be resolved; null when not known or not a password. */
    @Nullable
    public AccessClass accessClass() {
        return accessClass;
    }

    public Part part() {
        return part;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether asking again later may succeed, as opposed to a reference that must be fixed. */
    public boolean transientFailure() {
        return reason == Reason.UNAVAILABLE;
    }
}
