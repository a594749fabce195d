package io.tollgate.flight.sql;

import io.tollgate.flight.error.InvalidRequestException;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.statement.HandleCodec;
import io.tollgate.flight.statement.RunningStatements;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;

/**
 * CancelFlightInfo: cancels the queries this replica is running for the FlightInfo's tickets.
 * A ticket is checked like any other (only its tenant and subject may cancel it); a query that is
 * not running here (finished, not started, or on another replica) is NOT_CANCELLABLE.
 */
@Singleton
class CancelAction {
    private final HandleCodec handles;
    private final RunningStatements running;

    CancelAction(HandleCodec handles, RunningStatements running) {
        this.handles = handles;
        this.running = running;
    }

    void cancel(Principal principal, CancelFlightInfoRequest request, StreamListener<CancelStatus> listener) {
        int cancelled = 0;
        for (FlightEndpoint endpoint : request.getInfo().getEndpoints()) {
            ByteString handle = handleOf(endpoint.getTicket().getBytes());
            if (handle != null) {
                handles.redeem(handle.toByteArray(), principal);
                cancelled += running.cancel(RunningStatements.keyOf(handle.toByteArray()), principal);
            }
        }
        listener.onNext(cancelled > 0 ? CancelStatus.CANCELLED : CancelStatus.NOT_CANCELLABLE);
        listener.onCompleted();
    }

    private static ByteString handleOf(byte[] ticket) {
        try {
            Any any = Any.parseFrom(ticket);
            if (any.is(TicketStatementQuery.class)) {
                return any.unpack(TicketStatementQuery.class).getStatementHandle();
            }
            if (any.is(CommandPreparedStatementQuery.class)) {
                return any.unpack(CommandPreparedStatementQuery.class).getPreparedStatementHandle();
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException("not a ticket of this service");
        }
    }
}
