package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection pool per tenant backend, made on first use and replaced when a new revision of the
 * tenant's route changes how it connects (URL, credentials, pool limits). Other changes (quotas,
 * status, context variables) keep the pool: replacing it would cut off the tenant's running queries.
 * Pools of shared databases are per tenant too, so one tenant's load cannot take another's
 * connections.
 */
@Singleton
public class TenantPools implements AutoCloseable {
    private static final int DEFAULT_MAX_CONNECTIONS = 10;

    /** A pool and the route it was made for. */
    private record Pool(TenantRoute route, HikariDataSource dataSource) {
        boolean connectsAs(TenantRoute other) {
            return route.jdbcUrl().equals(other.jdbcUrl()) && route.username().equals(other.username())
                    && route.password().equals(other.password()) && route.pool().equals(other.pool());
        }
    }

    private final ConcurrentHashMap<String, Pool> pools = new ConcurrentHashMap<>();

    /** The pool for this route's backend. */
    public HikariDataSource poolFor(TenantRoute route) {
        Pool pool = pools.compute(route.tenantId(), (id, existing) -> {
            if (existing != null && existing.connectsAs(route)) {
                return existing;
            }
            if (existing != null) {
                existing.dataSource().close();
            }
            return new Pool(route, create(route));
        });
        return pool.dataSource();
    }

    private static HikariDataSource create(TenantRoute route) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tenant-" + route.tenantId());
        config.setJdbcUrl(route.jdbcUrl());
        config.setUsername(route.username());
        config.setPassword(route.password());
        config.setMaximumPoolSize(route.pool().maxConnections() > 0 ? route.pool().maxConnections() : DEFAULT_MAX_CONNECTIONS);
        config.setMinimumIdle(Math.max(0, route.pool().minIdle()));
        if (route.pool().connectionTimeoutMs() > 0) {
            config.setConnectionTimeout(route.pool().connectionTimeoutMs());
        }
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", "tollgate-flight");
        // A pool must not fail the service's start-up when a tenant's database is down.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @PreDestroy
    @Override
    public void close() {
        pools.values().forEach(p -> p.dataSource().close());
        pools.clear();
    }
}
