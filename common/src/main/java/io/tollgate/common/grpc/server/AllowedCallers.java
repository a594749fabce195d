package io.tollgate.common.grpc.server;

import io.grpc.MethodDescriptor;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A gRPC server's authorisation table: for each full method name ({@code package.Service/Method}),
 * the services (certificate names) that may call it. A method not in the table is refused to
 * everyone, so a new RPC stays closed until someone decides who calls it. Each service declares its
 * own table as a bean; its gRPC server refuses every call without one.
 */
public final class AllowedCallers {
    /** The gRPC health service, which probes and peers may ask. */
    public static final String HEALTH_SERVICE = "grpc.health.v1.Health";

    private final Map<String, Set<String>> byMethod;
    private final Map<String, Set<String>> byService;

    private AllowedCallers(Map<String, Set<String>> byMethod, Map<String, Set<String>> byService) {
        this.byMethod = Map.copyOf(byMethod);
        this.byService = Map.copyOf(byService);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code caller} may call {@code fullMethodName}. */
    public boolean permits(String caller, String fullMethodName) {
        if (Optional.ofNullable(byMethod.get(fullMethodName)).orElse(Set.of()).contains(caller)) {
            return true;
        }
        String service = MethodDescriptor.extractFullServiceName(fullMethodName);
        return service != null && Optional.ofNullable(byService.get(service)).orElse(Set.of()).contains(caller);
    }

    /** Collects the table. */
    public static final class Builder {
        private final Map<String, Set<String>> byMethod = new HashMap<>();
        private final Map<String, Set<String>> byService = new HashMap<>();

        private Builder() {
        }

        /** These callers may call this method. */
        public Builder allow(MethodDescriptor<?, ?> method, String... callers) {
            byMethod.merge(method.getFullMethodName(), Set.of(callers), Builder::union);
            return this;
        }

        /** These callers may call every method of this service (e.g. {@link #HEALTH_SERVICE}). */
        public Builder allowService(String fullServiceName, String... callers) {
            byService.merge(fullServiceName, Set.of(callers), Builder::union);
            return this;
        }

        public AllowedCallers build() {
            return new AllowedCallers(byMethod, byService);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            return Set.copyOf(all);
        }
    }
}
