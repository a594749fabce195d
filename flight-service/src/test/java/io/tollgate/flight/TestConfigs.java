package io.tollgate.flight;

import io.tollgate.flight.config.LimitsConfig;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.signing.Signer;
import io.tollgate.flight.config.FlightConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Configuration and principals for flight-service's tests. */
public final class TestConfigs {
    private TestConfigs() {
    }

    private static final String HANDLE_KEY =
            Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    public static FlightConfig flightConfig(Duration handleTtl) {
        return new FlightConfig("127.0.0.1", 0, HANDLE_KEY, handleTtl, 1024, 1024, 100, 64L << 20, 32L << 20,
                Duration.ofSeconds(5), 1 << 20);
    }

    /** The signer of every test replica sharing {@link #flightConfig}'s key. */
    public static Signer handleSigner() {
        return Signer.fromConfiguredKey(HANDLE_KEY, "tollgate.flight.handle-key");
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
