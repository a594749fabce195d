package io.tollgate.router.service.kubernetes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Values reused for a fixed time after they were read. Small on purpose: a registry has few
 * Secrets and Services, and an entry is replaced on its first use after it expired.
 */
final class ExpiringCache<V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Duration ttl;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry<V>> entries = new ConcurrentHashMap<>();

    ExpiringCache(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(String key, Supplier<V> load) {
        if (ttl.isZero() || ttl.isNegative()) {
            return load.get();
        }
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.value();
        }
        V value = load.get();
        entries.put(key, new Entry<>(value, now.plus(ttl)));
        if (entries.size() > 10_000) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        return value;
    }
}
