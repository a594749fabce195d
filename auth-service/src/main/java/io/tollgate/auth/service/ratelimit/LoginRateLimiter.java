package io.tollgate.auth.service.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.config.RateLimitConfig;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.common.ratelimit.TokenBuckets;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Limits token requests and logins per account (or client) and per client address, before any
 * password hash is computed: an Argon2id verification costs ~85 ms of CPU, so unlimited attempts
 * would be a cheap way to exhaust the service. The buckets live in this replica's memory.
 */
@Singleton
public class LoginRateLimiter {
    private static final int MAX_KEY_LENGTH = 256;

    private final RateLimitConfig config;
    private final Clock clock;
    private final AuditLog audit;
    private final TokenBuckets accounts;
    private final TokenBuckets addresses;

    public LoginRateLimiter(RateLimitConfig config, Clock clock, AuditLog audit) {
        this.config = config;
        this.clock = clock;
        this.audit = audit;
        this.accounts = new TokenBuckets(config.accountCapacity(), Math.max(1, config.accountRefill().toMillis()),
                config.maxTrackedKeys());
        this.addresses = new TokenBuckets(config.addressCapacity(), Math.max(1, config.addressRefill().toMillis()),
                config.maxTrackedKeys());
    }

    /**
     * Takes one attempt from the address's bucket and one from the account's.
     *
     * @param account       the account or client id as given (may be malformed), or null when the
     *                      request names none (a refresh)
     * @param clientAddress the caller's address, or null/blank when unknown (gRPC callers that do
     *                      not forward it): then only the account is limited
     * @throws RateLimitedException when either bucket is empty
     */
    public void check(@Nullable String account, @Nullable String clientAddress) throws RateLimitedException {
        if (!config.enabled()) {
            return;
        }
        long now = clock.millis();
        if (clientAddress != null && !clientAddress.isBlank()) {
            long wait = addresses.tryTake(truncate(clientAddress), now);
            if (wait > 0) {
                audit.rateLimited("address", clientAddress);
                throw new RateLimitedException(Duration.ofMillis(wait));
            }
        }
        if (account != null && !account.isBlank()) {
            long wait = accounts.tryTake(truncate(account), now);
            if (wait > 0) {
                audit.rateLimited("account", clientAddress);
                throw new RateLimitedException(Duration.ofMillis(wait));
            }
        }
    }

    private static String truncate(String key) {
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }
}
