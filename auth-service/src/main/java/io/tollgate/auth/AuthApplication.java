package io.tollgate.auth;

import io.micronaut.runtime.Micronaut;

/** Starts auth-service: the identity plane (accounts, credentials, signed tokens). */
public final class AuthApplication {

    private AuthApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(AuthApplication.class, args);
    }
}
