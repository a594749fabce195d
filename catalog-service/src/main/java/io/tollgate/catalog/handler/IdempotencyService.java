package io.tollgate.catalog.handler;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.catalog.config.IdempotencyConfig;
import io.tollgate.catalog.storage.IdempotencyRecords;
import io.tollgate.catalog.storage.IdempotencyRecords.Kept;
import io.tollgate.catalog.storage.IdempotencyRecords.Owner;
import io.tollgate.common.tenant.TenantGate;
import jakarta.inject.Singleton;
import org.apache.iceberg.exceptions.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Idempotency keys on mutations: the first request sent with a key runs and its answer is kept (in
 * PostgreSQL, for {@link IdempotencyConfig#lifetime()}); a retry with the same key gets that answer
 * again, on any replica, without running the operation twice. A key belongs to a tenant's subject, so
 * that nobody else's retry can read its answer, and to one operation (method and path): reused for
 * another it is refused. A retry that arrives while the first request still runs is told to come back
 * (Iceberg's clients retry such an answer by themselves). Only final answers are kept — successes and
 * the client's own errors — not refusals that may change (401, 403, 408, 429) nor failures (5xx):
 * for those the key is released and a retry runs the operation again.
 */
@Singleton
public class IdempotencyService {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyService.class);
    // The Iceberg REST spec's keys are UUIDv7 (RFC 9562): version 7, variant 10xx.
    private static final Pattern UUID_V7 =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}");

    private final IdempotencyRecords records;
    private final IdempotencyConfig config;
    private final TenantGate tenants;

    public IdempotencyService(IdempotencyRecords records, IdempotencyConfig config, TenantGate tenants) {
        this.records = records;
        this.config = config;
        this.tenants = tenants;
    }

    /** What to do with a request that carries a key. */
    public sealed interface Claim permits First, Replay, InFlight, Unkept {
    }

    /** The first request with this key: run it, then {@link #finish} it. */
    public record First(Owner owner, UUID key) implements Claim {
    }

    /** A retry: answer what the first request answered. */
    public record Replay(int status, String contentType, String body) implements Claim {
    }

    /** The first request with this key is still running. */
    public record InFlight() implements Claim {
    }

    /** The tenant holds as many keys as it may: the request runs, and its answer is not kept. */
    public record Unkept() implements Claim {
    }

    /**
     * Claims {@code key} for a tenant's subject's operation.
     *
     * @throws BadRequestException when the key is not a UUIDv7, or was used for another operation
     */
    public Claim claim(String tenantId, String subject, String key, String method, String path) {
        if (key == null || !UUID_V7.matcher(key).matches()) {
            throw new BadRequestException("Idempotency-Key must be a UUIDv7");
        }
        // A tenant that may not be served gets its refusal, never an answer kept from before.
        tenants.admit(tenantId);
        Owner owner = new Owner(tenantId, subject);
        UUID uuid = UUID.fromString(key);
        String operation = hash(method + ' ' + path);
        if (records.claim(owner, uuid, operation, config.lifetime(), config.inFlightTimeout())) {
            // Counted with the key just claimed: a tenant keeps at most its limit.
            if (records.tenantHolds(tenantId, config.maxKeysPerTenant() + 1)) {
                records.release(owner, uuid);
                LOG.warn("tenant {} holds tollgate.catalog.idempotency.max-keys-per-tenant keys: a mutation runs "
                        + "without its key being kept", tenantId);
                return new Unkept();
            }
            return new First(owner, uuid);
        }
        Optional<Kept> kept = records.read(owner, uuid);
        if (kept.isEmpty()) {
            // Released or swept between the claim and the read: the retry will claim it.
            return new InFlight();
        }
        if (!kept.get().operation().equals(operation)) {
            throw new BadRequestException("This Idempotency-Key was used for another operation");
        }
        return kept.get().inFlight() ? new InFlight()
                : new Replay(kept.get().status(), kept.get().contentType(), kept.get().body());
    }

    /** Keeps the first request's answer when it is final and small enough; frees the key otherwise. */
    public void finish(First first, int status, String contentType, String body) {
        if (!kept(status)) {
            records.release(first.owner(), first.key());
        } else if (body != null && body.getBytes(StandardCharsets.UTF_8).length > config.maxResponseBytes()) {
            LOG.warn("an answer above tollgate.catalog.idempotency.max-response-bytes is not kept: a retry with "
                    + "its key runs the operation again");
            records.release(first.owner(), first.key());
        } else {
            records.complete(first.owner(), first.key(), status, contentType, body);
        }
    }

    /** Expired keys are forgotten; any replica may sweep, and a key never outlives its lifetime anyway. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    public void sweepExpired() {
        int swept = records.sweep();
        if (swept > 0) {
            LOG.debug("swept {} expired idempotency keys", swept);
        }
    }

    private static boolean kept(int status) {
        return (status >= 200 && status < 300)
                || (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429);
    }

    private static String hash(String operation) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(operation.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
