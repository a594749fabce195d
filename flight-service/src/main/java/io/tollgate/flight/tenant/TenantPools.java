package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.common.auth.AccessClass;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection pool per tenant backend and access class, each logging in as the class's own
 * login, made on first use and replaced when a new revision of the tenant's route changes how that
 * class connects (URL, its login, pool limits). Other changes (quotas, status, context variables)
 * keep the pool: replacing it would cut off the tenant's running queries. Pools of shared
 * databases are per tenant too, so one tenant's load cannot take another's connections.
 * <p>
 * The route's {@code maxConnections} is the tenant's total across its classes, split by
 * {@link #maxConnections}. A pool whose login PostgreSQL refuses (SQLSTATE 28P01, 28000: e.g. the
 * tenant's own SQL changed the login's password) asks for the login to be re-asserted, then tries
 * once more.
 */
@Singleton
public class TenantPools implements AutoCloseable {
    private static final int DEFAULT_MAX_CONNECTIONS = 10;

    /** A pool and the route it was made for. */
    private record Pool(TenantRoute route, AccessClass accessClass, HikariDataSource dataSource) {
        boolean connectsAs(TenantRoute other) {
            return route.jdbcUrl().equals(other.jdbcUrl())
                    && route.logins().of(accessClass).equals(other.logins().of(accessClass))
                    && route.pool().equals(other.pool());
        }
    }

    private record Key(String tenantId, AccessClass accessClass) {
    }

    private final ConcurrentHashMap<Key, Pool> pools = new ConcurrentHashMap<>();
    private final BackendLoginReassertion reassertion;

    @Inject
    public TenantPools(BackendLoginReassertion reassertion) {
        this.reassertion = reassertion;
    }

    /** Pools that never have a refused login re-asserted. */
    public TenantPools() {
        this(BackendLoginReassertion.NONE);
    }

    /** The pool for this route's backend, logging in as the access class's login. */
    public HikariDataSource poolFor(TenantRoute route, AccessClass accessClass) {
        Pool pool = pools.compute(new Key(route.tenantId(), accessClass), (key, existing) -> {
            if (existing != null && existing.connectsAs(route)) {
                return existing;
            }
            if (existing != null) {
                existing.dataSource().close();
            }
            return new Pool(route, accessClass, create(route, accessClass));
        });
        return pool.dataSource();
    }

    /**
     * An access class's share of the tenant's {@code maxConnections} (the total): the reader
     * class, where most traffic is, half (rounded up, leaving at least one each to the others); the
     * writer half of the rest (rounded up); the admin class what remains. Every class gets at least
     * one, so a tenant whose total is below 3 can hold up to 3 connections. E.g. 10 → 5 / 3 / 2,
     * 4 → 2 / 1 / 1, 3 → 1 / 1 / 1.
     */
    static int maxConnections(int total, AccessClass accessClass) {
        int reader = Math.max(1, Math.min((total + 1) / 2, total - 2));
        int rest = Math.max(0, total - reader);
        int writer = Math.max(1, (rest + 1) / 2);
        return switch (accessClass) {
            case READER -> reader;
            case WRITER -> writer;
            case ADMIN -> Math.max(1, rest - writer);
        };
    }

    private HikariDataSource create(TenantRoute route, AccessClass accessClass) {
        int total = route.pool().maxConnections() > 0 ? route.pool().maxConnections() : DEFAULT_MAX_CONNECTIONS;
        int max = maxConnections(total, accessClass);
        TenantRoute.Login login = route.logins().of(accessClass);
        HikariConfig config = new HikariConfig();
        config.setPoolName("tenant-" + route.tenantId() + "-" + accessClass.wireName());
        config.setJdbcUrl(route.jdbcUrl());
        config.setUsername(login.username());
        config.setPassword(login.password());
        config.setMaximumPoolSize(max);
        // minIdle is for the whole tenant too: each class keeps its share of it.
        config.setMinimumIdle(Math.min(max, (Math.max(0, route.pool().minIdle()) * max + total - 1) / total));
        if (route.pool().connectionTimeoutMs() > 0) {
            config.setConnectionTimeout(route.pool().connectionTimeoutMs());
        }
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", "tollgate-flight");
        // A pool must not fail the service's start-up when a tenant's database is down.
        config.setInitializationFailTimeout(-1);
        return new ReassertingDataSource(config, route.tenantId(), accessClass, reassertion);
    }

    /**
     * A pool that, when PostgreSQL refuses its login, has the login re-asserted and tries once
     * more; if that fails too, or the login cannot be re-asserted, the refusal stands.
     */
    private static final class ReassertingDataSource extends HikariDataSource {
        private final String tenantId;
        private final AccessClass accessClass;
        private final BackendLoginReassertion reassertion;

        ReassertingDataSource(HikariConfig config, String tenantId, AccessClass accessClass,
                              BackendLoginReassertion reassertion) {
            super(config);
            this.tenantId = tenantId;
            this.accessClass = accessClass;
            this.reassertion = reassertion;
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                return super.getConnection();
            } catch (SQLException e) {
                if (!loginRefused(e) || !reassertion.reassert(tenantId, accessClass)) {
                    throw e;
                }
                return super.getConnection();
            }
        }

        private static boolean loginRefused(SQLException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && ("28P01".equals(sql.getSQLState())
                        || "28000".equals(sql.getSQLState()))) {
                    return true;
                }
            }
            return false;
        }
    }

    @PreDestroy
    @Override
    public void close() {
        pools.values().forEach(p -> p.dataSource().close());
        pools.clear();
    }
}
