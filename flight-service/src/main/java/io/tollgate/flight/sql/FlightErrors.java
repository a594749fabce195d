package io.tollgate.flight.sql;

import io.tollgate.flight.statement.InvalidHandleException;
import io.tollgate.flight.tenant.TenantUnavailableException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The one table that maps what went wrong to a Flight status. Clients get a status code and a
 * message in protocol terms; internals (stack traces, hosts, other tenants) stay in the logs.
 */
public final class FlightErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FlightErrors.class);

    private FlightErrors() {
    }

    public static FlightRuntimeException toFlight(Throwable error) {
        if (error instanceof FlightRuntimeException flight) {
            return flight;
        }
        if (error instanceof InvalidHandleException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof TenantUnavailableException tenant) {
            CallStatus status = switch (tenant.kind()) {
                case UNKNOWN -> CallStatus.NOT_FOUND;
                case INACTIVE -> CallStatus.UNAUTHORIZED;
                case REGISTRY_UNREACHABLE, BACKEND_UNREACHABLE -> CallStatus.UNAVAILABLE;
                case MISCONFIGURED -> CallStatus.INTERNAL;
            };
            LOG.warn("tenant unavailable: {}", tenant.kind());
            return status.withDescription(tenant.getMessage()).toRuntimeException();
        }
        if (error instanceof IllegalArgumentException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof SQLException sql) {
            return fromSql(sql);
        }
        LOG.error("unexpected failure", error);
        return CallStatus.INTERNAL.withDescription("internal error").toRuntimeException();
    }

    private static FlightRuntimeException fromSql(SQLException error) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        if (state.startsWith("08")) {
            LOG.warn("tenant database connection failed: {}", state);
            return CallStatus.UNAVAILABLE.withDescription("tenant database is unavailable").toRuntimeException();
        }
        if (state.equals("57014")) {
            return CallStatus.CANCELLED.withDescription("query cancelled (SQLSTATE 57014)").toRuntimeException();
        }
        if (state.equals("53200") || state.equals("54000")) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription("SQLSTATE " + state + ": resources exhausted")
                    .toRuntimeException();
        }
        if (state.equals("42501")) {
            return CallStatus.UNAUTHORIZED.withDescription("SQLSTATE 42501: " + serverMessage(error)).toRuntimeException();
        }
        if (error instanceof PSQLException && ((PSQLException) error).getServerErrorMessage() != null) {
            return CallStatus.INVALID_ARGUMENT.withDescription("SQLSTATE " + state + ": " + serverMessage(error))
                    .toRuntimeException();
        }
        LOG.error("database failure without a server message (SQLSTATE {})", state, error);
        return CallStatus.INTERNAL.withDescription("internal error").toRuntimeException();
    }

    /** PostgreSQL's own message, without the driver's additions (server address, position dumps). */
    private static String serverMessage(SQLException error) {
        if (error instanceof PSQLException psql) {
            ServerErrorMessage message = psql.getServerErrorMessage();
            if (message != null && message.getMessage() != null) {
                return message.getMessage();
            }
        }
        return "statement failed";
    }
}
