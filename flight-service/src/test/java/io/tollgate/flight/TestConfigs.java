package io.tollgate.flight;

import io.tollgate.flight.config.LimitsConfig;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Configuration and principals for flight-service's tests. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static FlightConfig flightConfig(Duration handleTtl) {
        String key = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        return new FlightConfig("127.0.0.1", 0, key, handleTtl, 1024, 1024, 100, 64L << 20, 32L << 20,
                Duration.ofSeconds(5), 1 << 20);
    }

    /** The service's default limits. */
    public static LimitsConfig limits() {
        return new LimitsConfig(Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofSeconds(2), 32L << 20, 2L << 30,
                LimitsConfig.DEFAULT_MAX_ROW_BYTES);
    }

    public static Principal principal(String subject, String tenant, String... roles) {
        return new Principal(subject, tenant, Set.of(roles), Set.of(), "jti-" + subject, Instant.now(),
                Instant.now().plusSeconds(600));
    }
}
