package io.tollgate.common.grpc.server;

import io.grpc.Context;

import java.util.Optional;

/**
 * The service that made the current internal call, as its certificate names it; set by
 * {@link CallerAuthorization} for the endpoint's own thread. Work handed to another thread must
 * capture it first.
 */
public final class CallingService {
    /** The caller under the development switch (no certificates, this host only): trusted as any service. */
    public static final String DEVELOPMENT = "development";

    static final Context.Key<String> KEY = Context.key("tollgate-calling-service");

    private CallingService() {
    }

    /** The calling service, or empty outside an authorised call. */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get());
    }
}
