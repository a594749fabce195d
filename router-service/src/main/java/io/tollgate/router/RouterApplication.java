package io.tollgate.router;

import io.micronaut.runtime.Micronaut;

/** The tenant routing registry: where each tenant's data lives and what limits apply. */
public final class RouterApplication {
    private RouterApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(RouterApplication.class, args);
    }
}
