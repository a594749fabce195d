package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.metrics.TenantTags;
import io.tollgate.flight.config.LimitsConfig;
import io.tollgate.flight.metrics.PoolGauges;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One connection pool per tenant backend and login, made on first use, each logging in as the
 * login of the access classes it serves: a tenant whose classes have logins of their own has one pool
 * per class; classes that share a login (a tenant whose reader and writer logins were never
 * registered runs every class as the owner login) share its pool, as one login's connections are all
 * alike. A pool is replaced when a new revision of the tenant's route changes how it connects (URL,
 * login, pool limits, which classes share it). Other changes (quotas, status, context variables) keep
 * it: replacing it would cut off the tenant's running queries. Pools of shared databases are per
 * tenant too, so one tenant's load cannot take another's connections.
 * <p>
 * The route's {@code maxConnections} is the tenant's total across its pools, split by class with
 * {@link #maxConnections}; a shared pool gets the sum of its classes' shares (all of it when every
 * class shares one login). A pool whose login PostgreSQL refuses (SQLSTATE 28P01, 28000: e.g. the
 * tenant's own SQL changed the login's password) asks for the login to be re-asserted, then tries
 * once more.
 */
@Singleton
public class TenantPools implements AutoCloseable {
    private static final int DEFAULT_MAX_CONNECTIONS = 10;

    /** A pool, the route it was made for and the access classes whose login it logs in as. */
    private record Pool(TenantRoute route, Set<AccessClass> classes, HikariDataSource dataSource) {
        boolean connectsAs(TenantRoute other, Set<AccessClass> otherClasses) {
            AccessClass any = classes.iterator().next();
            return route.jdbcUrl().equals(other.jdbcUrl())
                    && route.logins().of(any).equals(other.logins().of(any))
                    && route.pool().equals(other.pool()) && classes.equals(otherClasses);
        }
    }

    private record Key(String tenantId, String username) {
    }

    private final ConcurrentHashMap<Key, Pool> pools = new ConcurrentHashMap<>();
    private final BackendLoginReassertion reassertion;
    private final long maxRowBytes;
    private final PoolGauges gauges;

    @Inject
    public TenantPools(BackendLoginReassertion reassertion, LimitsConfig limits, PoolGauges gauges) {
        this.reassertion = reassertion;
        this.maxRowBytes = limits.maxRowBytes();
        this.gauges = gauges;
    }

    /**
     * Pools that never have a refused login re-asserted, with the default row limit, whose gauges
     * go to a registry of their own.
     */
    public TenantPools() {
        this.reassertion = BackendLoginReassertion.NONE;
        this.maxRowBytes = LimitsConfig.DEFAULT_MAX_ROW_BYTES;
        this.gauges = new PoolGauges(new SimpleMeterRegistry(), new TenantTags(0));
    }

    /** The pool for this route's backend that logs in as the access class's login. */
    public HikariDataSource poolFor(TenantRoute route, AccessClass accessClass) {
        TenantRoute.Login login = route.logins().of(accessClass);
        Set<AccessClass> classes = sharingLogin(route, accessClass);
        Pool pool = pools.compute(new Key(route.tenantId(), login.username()), (key, existing) -> {
            if (existing != null && existing.connectsAs(route, classes)) {
                return existing;
            }
            if (existing != null) {
                gauges.closed(key.tenantId(), existing.dataSource());
                existing.dataSource().close();
            }
            HikariDataSource created = create(route, classes);
            gauges.opened(key.tenantId(), created);
            return new Pool(route, classes, created);
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

    /** The access classes that run as the same login as this one (itself included). */
    private static Set<AccessClass> sharingLogin(TenantRoute route, AccessClass accessClass) {
        TenantRoute.Login login = route.logins().of(accessClass);
        Set<AccessClass> classes = EnumSet.noneOf(AccessClass.class);
        for (AccessClass candidate : AccessClass.values()) {
            if (route.logins().of(candidate).equals(login)) {
                classes.add(candidate);
            }
        }
        return classes;
    }

    /** How many connections the pool an access class's calls use may hold. */
    public static int maximumPoolSize(TenantRoute route, AccessClass accessClass) {
        return maximumPoolSize(route, sharingLogin(route, accessClass));
    }

    private static int maximumPoolSize(TenantRoute route, Set<AccessClass> classes) {
        int total = route.pool().maxConnections() > 0 ? route.pool().maxConnections() : DEFAULT_MAX_CONNECTIONS;
        return classes.size() == AccessClass.values().length ? total
                : classes.stream().mapToInt(c -> maxConnections(total, c)).sum();
    }

    private HikariDataSource create(TenantRoute route, Set<AccessClass> classes) {
        int total = route.pool().maxConnections() > 0 ? route.pool().maxConnections() : DEFAULT_MAX_CONNECTIONS;
        int max = maximumPoolSize(route, classes);
        // The login is re-asserted for one of the classes it serves: they all name it.
        AccessClass accessClass = classes.iterator().next();
        TenantRoute.Login login = route.logins().of(accessClass);
        HikariConfig config = new HikariConfig();
        config.setPoolName("tenant-" + route.tenantId() + "-" + classes.stream().map(AccessClass::wireName)
                .collect(Collectors.joining("-")));
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
        // The driver refuses a row before it allocates its values once the bytes it has read since
        // its counter was last cleared pass this; the gateway clears it for every statement and
        // batch (RowBytes), so it bounds one row and one fetch, never a result.
        config.addDataSourceProperty("maxResultBuffer", Long.toString(maxRowBytes));
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
        pools.forEach((key, pool) -> {
            gauges.closed(key.tenantId(), pool.dataSource());
            pool.dataSource().close();
        });
        pools.clear();
    }
}
