package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.tenant.TenantRoute;
import io.tollgate.flight.tenant.TenantRoutes;
import io.tollgate.flight.tenant.TenantSession;
import io.tollgate.flight.tenant.TenantSessions;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs SQL for a principal on its tenant's backend, inside a transaction bound to its context,
 * and streams the rows as Arrow. Knows nothing of Flight SQL's commands.
 */
@Singleton
public class QueryService {
    private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);

    private final TenantRoutes routes;
    private final TenantSessions sessions;
    private final BufferAllocator allocator;
    private final FlightConfig config;

    public QueryService(TenantRoutes routes, TenantSessions sessions, BufferAllocator allocator, FlightConfig config) {
        this.routes = routes;
        this.sessions = sessions;
        this.allocator = allocator;
        this.config = config;
    }

    /** The schema of the rows a statement would return, without running it. */
    public Schema describe(Principal principal, String sql) throws SQLException {
        checkSql(sql);
        TenantRoute route = routes.resolve(principal.tenantId());
        try (TenantSession session = sessions.open(principal, route);
             PreparedStatement statement = session.connection().prepareStatement(sql)) {
            return ArrowStreamer.schemaOf(statement.getMetaData(), allocator);
        }
    }

    /**
     * Runs a query and streams its rows. Completes or errors the listener itself only through the
     * exceptions it throws: the caller maps them to Flight statuses.
     */
    public void stream(Principal principal, String sql, ServerStreamListener listener) throws SQLException, java.io.IOException {
        checkSql(sql);
        TenantRoute route = routes.resolve(principal.tenantId());
        try (BufferAllocator queryMemory = allocator.newChildAllocator("query", 0, config.queryMemoryBytes());
             TenantSession session = sessions.open(principal, route);
             PreparedStatement statement = session.connection().prepareStatement(sql)) {
            statement.setFetchSize(config.fetchRows());
            listener.setOnCancelHandler(() -> cancel(statement));
            boolean finished;
            try (ResultSet rows = statement.executeQuery()) {
                finished = ArrowStreamer.stream(rows, queryMemory, config.batchRows(), listener);
            }
            if (finished) {
                session.commit();
                listener.completed();
            }
        }
    }

    private void checkSql(String sql) {
        if (sql == null || sql.isBlank() || sql.length() > config.maxSqlLength()) {
            throw new IllegalArgumentException("SQL text is empty or longer than " + config.maxSqlLength() + " characters");
        }
    }

    private static void cancel(PreparedStatement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            LOG.debug("cancelling a statement failed: {}", e.getMessage());
        }
    }
}
