package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.auth.AuthMiddleware;
import io.tollgate.flight.statement.HandleCodec;
import io.tollgate.flight.statement.QueryService;
import io.tollgate.flight.statement.StatementHandle;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;

/**
 * The Flight SQL wire adapter: unpacks commands, takes the principal the auth middleware
 * verified, and calls {@link QueryService}. Statement handles and tickets are signed and
 * self-contained ({@link HandleCodec}), so any replica can serve any call and closing a prepared
 * statement releases nothing.
 */
@Singleton
public class TollgateFlightSqlProducer extends NoOpFlightSqlProducer {
    private final QueryService queries;
    private final HandleCodec handles;

    public TollgateFlightSqlProducer(QueryService queries, HandleCodec handles) {
        this.queries = queries;
        this.handles = handles;
    }

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        try {
            Principal principal = principal(context);
            Schema schema = queries.describe(principal, request.getQuery());
            FlightSql.ActionCreatePreparedStatementResult result = FlightSql.ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(ByteString.copyFrom(handles.issue(principal, request.getQuery())))
                    .setDatasetSchema(ByteString.copyFrom(serialize(schema)))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (Exception e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        try {
            // Nothing is held per handle; checking it still refuses forged or foreign handles.
            handles.redeem(request.getPreparedStatementHandle().toByteArray(), principal(context));
            listener.onCompleted();
        } catch (Exception e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(FlightSql.CommandPreparedStatementQuery command,
                                                     CallContext context, FlightDescriptor descriptor) {
        try {
            Principal principal = principal(context);
            StatementHandle handle = handles.redeem(command.getPreparedStatementHandle().toByteArray(), principal);
            Schema schema = queries.describe(principal, handle.sql());
            return flightInfo(schema, descriptor, Any.pack(command));
        } catch (Exception e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public void getStreamPreparedStatement(FlightSql.CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        streamHandle(command.getPreparedStatementHandle(), context, listener);
    }

    @Override
    public FlightInfo getFlightInfoStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                             FlightDescriptor descriptor) {
        try {
            Principal principal = principal(context);
            Schema schema = queries.describe(principal, command.getQuery());
            FlightSql.TicketStatementQuery ticket = FlightSql.TicketStatementQuery.newBuilder()
                    .setStatementHandle(ByteString.copyFrom(handles.issue(principal, command.getQuery())))
                    .build();
            return flightInfo(schema, descriptor, Any.pack(ticket));
        } catch (Exception e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public SchemaResult getSchemaStatement(FlightSql.CommandStatementQuery command, CallContext context,
                                           FlightDescriptor descriptor) {
        try {
            return new SchemaResult(queries.describe(principal(context), command.getQuery()));
        } catch (Exception e) {
            throw FlightErrors.toFlight(e);
        }
    }

    @Override
    public void getStreamStatement(FlightSql.TicketStatementQuery ticket, CallContext context,
                                   ServerStreamListener listener) {
        streamHandle(ticket.getStatementHandle(), context, listener);
    }

    private void streamHandle(ByteString signedHandle, CallContext context, ServerStreamListener listener) {
        try {
            Principal principal = principal(context);
            StatementHandle handle = handles.redeem(signedHandle.toByteArray(), principal);
            queries.stream(principal, handle.sql(), listener);
        } catch (Exception e) {
            listener.error(FlightErrors.toFlight(e));
        }
    }

    private static Principal principal(CallContext context) {
        AuthMiddleware auth = context.getMiddleware(AuthMiddleware.KEY);
        if (auth == null) {
            // The middleware refuses unauthenticated calls; reaching here without it is a bug.
            throw CallStatus.UNAUTHENTICATED.withDescription("invalid credentials").toRuntimeException();
        }
        return auth.principal();
    }

    private static FlightInfo flightInfo(Schema schema, FlightDescriptor descriptor, Any ticket) {
        FlightEndpoint endpoint = new FlightEndpoint(new Ticket(ticket.toByteArray()));
        return new FlightInfo(schema, descriptor, List.of(endpoint), -1, -1);
    }

    private static byte[] serialize(Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
        return out.toByteArray();
    }
}
