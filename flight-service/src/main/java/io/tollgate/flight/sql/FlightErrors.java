package io.tollgate.flight.sql;

import io.tollgate.common.error.Incident;
import io.tollgate.flight.error.InvalidRequestException;
import io.tollgate.flight.guard.StatementRefusedException;
import io.tollgate.flight.ingest.IngestTargetException;
import io.tollgate.flight.quota.QuotaExceededException;
import io.tollgate.flight.statement.ClientStalledException;
import io.tollgate.flight.statement.InvalidHandleException;
import io.tollgate.flight.statement.QueryCancelledException;
import io.tollgate.flight.statement.QueryThreadsBusyException;
import io.tollgate.flight.statement.RowBytes;
import io.tollgate.flight.statement.StatementTimeoutException;
import io.tollgate.common.tenant.TenantRefusedException;
import io.tollgate.flight.tenant.TenantUnavailableException;
import io.tollgate.flight.tenant.TransactionLostException;
import io.tollgate.flight.transaction.TransactionException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.memory.OutOfMemoryException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * The one table that maps what went wrong to a Flight status. Clients get a status code and a
 * message in protocol terms; internals (stack traces, hosts, other tenants) stay in the logs.
 *
 * <pre>
 * what                                           status                 message
 * Flight status raised on purpose                as raised              as raised
 *   ... but INTERNAL or UNKNOWN (a library's)    INTERNAL               as anything else
 * forged / foreign / expired handle              INVALID_ARGUMENT       fixed text, never which
 * ticket or command that is not one (no Any,     INVALID_ARGUMENT       "malformed ticket" or the
 *   an unknown type, a body that does not decode)                       Flight SQL library's text
 * transaction id: forged or someone else's       INVALID_ARGUMENT       "invalid transaction id"
 *                 open on another replica        NOT_FOUND              says so
 *                 ended or timed out             NOT_FOUND              says so
 *                 in use by another call         UNAVAILABLE            says so
 *                 too many open                  RESOURCE_EXHAUSTED     says so
 * ingest target exists / is missing              ALREADY_EXISTS / NOT_FOUND
 * tenant quota: concurrent queries, result       RESOURCE_EXHAUSTED     the tenant's own limit
 *               rows or bytes
 * every query thread of the replica streaming    RESOURCE_EXHAUSTED     says so (retry later)
 * query cancelled (CancelFlightInfo, 57014)      CANCELLED
 * the client stopped reading a stream            TIMED_OUT              says so
 * tenant unknown or not active (one answer)      UNAUTHORIZED           "tenant is not available"
 * tenant registry not received yet              UNAVAILABLE            says so (retry)
 * tenant database unreachable                    UNAVAILABLE            fixed text
 * request the client got wrong                   INVALID_ARGUMENT       our own text
 *   (InvalidRequestException; never a library's IllegalArgumentException)
 * commit of a failed, ended or discarded txn     INVALID_ARGUMENT       says so (nothing committed)
 * statement refused by the allow-list            INVALID_ARGUMENT       the rule it breaks
 *   ... because of the caller's access class     UNAUTHORIZED           the rule it breaks
 * Arrow memory limit (query, tenant, service)    RESOURCE_EXHAUSTED     names the limit
 * a row over the driver's row limit              RESOURCE_EXHAUSTED     names the limit (connection evicted)
 * SQLSTATE 57014 by statement timeout            TIMED_OUT              says so
 * SQLSTATE 08*** (connection)                    UNAVAILABLE            fixed text
 * SQLSTATE 25006 (write in read-only)            UNAUTHORIZED           SQLSTATE + PostgreSQL's message
 * SQLSTATE 42501 (insufficient privilege)        UNAUTHORIZED           SQLSTATE + PostgreSQL's message
 * SQLSTATE 40*** (serialization, deadlock)       UNAVAILABLE            SQLSTATE + PostgreSQL's message
 * SQLSTATE 53200, 54000 (resources)              RESOURCE_EXHAUSTED     SQLSTATE only
 * any other error PostgreSQL reported            INVALID_ARGUMENT       SQLSTATE + PostgreSQL's message
 * a database error without a server message      INTERNAL               as anything else
 * anything else                                  INTERNAL               "internal error (ref id)": common's
 *                                                                       Incident, logged with its stack
 * </pre>
 * (UNAUTHORIZED is gRPC's PERMISSION_DENIED.)
 */
public final class FlightErrors {
    private static final Logger LOG = LoggerFactory.getLogger(FlightErrors.class);

    /** Where incidents happen, in the log: the call is known to the transport's own log lines. */
    private static final String WHERE = "a Flight SQL call";

    private FlightErrors() {
    }

    public static FlightRuntimeException toFlight(Throwable thrown) {
        Throwable error = cause(thrown);
        if (error instanceof FlightRuntimeException flight) {
            return isUnexplained(flight) ? unexpected(thrown) : flight;
        }
        if (error instanceof InvalidHandleException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof TransactionException transaction) {
            CallStatus status = switch (transaction.kind()) {
                case INVALID -> CallStatus.INVALID_ARGUMENT;
                case ELSEWHERE, NOT_FOUND -> CallStatus.NOT_FOUND;
                case BUSY -> CallStatus.UNAVAILABLE;
                case LIMIT -> CallStatus.RESOURCE_EXHAUSTED;
            };
            return status.withDescription(transaction.getMessage()).toRuntimeException();
        }
        if (error instanceof IngestTargetException target) {
            CallStatus status = target.kind() == IngestTargetException.Kind.EXISTS
                    ? CallStatus.ALREADY_EXISTS : CallStatus.NOT_FOUND;
            return status.withDescription(target.getMessage()).toRuntimeException();
        }
        if (error instanceof QuotaExceededException) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof ClientStalledException) {
            return CallStatus.TIMED_OUT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof StatementTimeoutException) {
            return CallStatus.TIMED_OUT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof QueryThreadsBusyException) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof QueryCancelledException) {
            return CallStatus.CANCELLED.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof TenantRefusedException refused) {
            // common's tenant-gate policy: unknown and not active alike, so nothing says which.
            CallStatus status = refused.reason() == TenantRefusedException.Reason.NOT_READY
                    ? CallStatus.UNAVAILABLE : CallStatus.UNAUTHORIZED;
            return status.withDescription(refused.getMessage()).toRuntimeException();
        }
        if (error instanceof TenantUnavailableException tenant) {
            CallStatus status = switch (tenant.kind()) {
                case BACKEND_UNREACHABLE -> CallStatus.UNAVAILABLE;
                case MISCONFIGURED -> CallStatus.INTERNAL;
            };
            LOG.warn("tenant unavailable: {}", tenant.kind());
            return status.withDescription(tenant.getMessage()).toRuntimeException();
        }
        if (error instanceof TransactionLostException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof StatementRefusedException refused) {
            // A statement the caller's class may not run is a permission the caller lacks; any other
            // rule is about the request itself.
            CallStatus status = refused.rule() == StatementRefusedException.Rule.ACCESS_CLASS
                    ? CallStatus.UNAUTHORIZED : CallStatus.INVALID_ARGUMENT;
            return status.withDescription(refused.getMessage()).toRuntimeException();
        }
        if (error instanceof OutOfMemoryException) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription("the result needs more memory than "
                    + "its query, its tenant or this service may use in flight (tollgate.flight.query-memory-bytes, "
                    + "tollgate.flight.limits.tenant-memory-bytes, tollgate.flight.memory-limit-bytes)").toRuntimeException();
        }
        if (error instanceof InvalidRequestException) {
            return CallStatus.INVALID_ARGUMENT.withDescription(error.getMessage()).toRuntimeException();
        }
        if (error instanceof SQLException sql) {
            return fromSql(sql, thrown);
        }
        return unexpected(thrown);
    }

    /**
     * A Flight status nobody chose: INTERNAL or UNKNOWN from a library, whose text is its
     * exception's. One that is already an incident's answer passes as it is (logged once).
     */
    private static boolean isUnexplained(FlightRuntimeException flight) {
        FlightStatusCode code = flight.status().code();
        return (code == FlightStatusCode.INTERNAL || code == FlightStatusCode.UNKNOWN)
                && !Incident.isPublicMessage(flight.status().description());
    }

    /** What nobody planned for: logged once as an incident; the client learns only its id. */
    private static FlightRuntimeException unexpected(Throwable thrown) {
        return CallStatus.INTERNAL.withDescription(Incident.record(WHERE, thrown).publicMessage())
                .toRuntimeException();
    }

    /**
     * What actually went wrong: arrow-jdbc wraps database errors met while reading rows in
     * runtime exceptions, and pgjdbc reports a failed batch row as the next exception of a
     * BatchUpdateException.
     */
    private static Throwable cause(Throwable error) {
        Throwable current = error;
        for (int depth = 0; depth < 10 && current != null; depth++) {
            if (current instanceof SQLException sql) {
                SQLException next = sql.getNextException();
                return next instanceof PSQLException psql && psql.getServerErrorMessage() != null ? next : sql;
            }
            if (isOurs(current)) {
                return current;
            }
            current = current.getCause();
        }
        return error;
    }

    private static boolean isOurs(Throwable error) {
        return error instanceof FlightRuntimeException || error instanceof InvalidHandleException
                || error instanceof TransactionException || error instanceof IngestTargetException
                || error instanceof QueryCancelledException || error instanceof StatementTimeoutException || error instanceof TenantUnavailableException
                || error instanceof TenantRefusedException
                || error instanceof QuotaExceededException || error instanceof ClientStalledException
                || error instanceof InvalidRequestException || error instanceof StatementRefusedException
                || error instanceof QueryThreadsBusyException
                || error instanceof OutOfMemoryException || error instanceof TransactionLostException;
    }

    private static FlightRuntimeException fromSql(SQLException error, Throwable thrown) {
        String state = error.getSQLState() == null ? "" : error.getSQLState();
        if (RowBytes.exceeded(error)) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription("a row of the result is larger than a row may be "
                    + "(tollgate.flight.limits.max-row-bytes): select fewer or narrower columns").toRuntimeException();
        }
        if (state.startsWith("08")) {
            LOG.warn("tenant database connection failed: {}", state);
            return CallStatus.UNAVAILABLE.withDescription("tenant database is unavailable").toRuntimeException();
        }
        if (state.equals("57014") && serverMessage(error).contains("statement timeout")) {
            return CallStatus.TIMED_OUT.withDescription("the tenant's statement timeout was reached (SQLSTATE 57014)")
                    .toRuntimeException();
        }
        if (state.equals("57014")) {
            return CallStatus.CANCELLED.withDescription("query cancelled (SQLSTATE 57014)").toRuntimeException();
        }
        if (state.equals("53200") || state.equals("54000")) {
            return CallStatus.RESOURCE_EXHAUSTED.withDescription("SQLSTATE " + state + ": resources exhausted")
                    .toRuntimeException();
        }
        boolean fromServer = error instanceof PSQLException psql && psql.getServerErrorMessage() != null;
        if (!fromServer) {
            // The driver's own failure (I/O, protocol, a bug): its message is the driver's, not PostgreSQL's.
            return unexpected(thrown);
        }
        CallStatus status;
        if (state.equals("42501") || state.equals("25006")) {
            status = CallStatus.UNAUTHORIZED;
        } else if (state.startsWith("40")) {
            status = CallStatus.UNAVAILABLE;
        } else {
            status = CallStatus.INVALID_ARGUMENT;
        }
        return status.withDescription("SQLSTATE " + state + ": " + serverMessage(error)).toRuntimeException();
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
