package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.metrics.FlightMetrics;
import io.tollgate.flight.statement.QueryThreads;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CancelFlightInfoRequest;
import org.apache.arrow.flight.CancelStatus;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.GetSessionOptionsResult;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionBeginTransactionRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionBeginTransactionResult;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionEndTransactionRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetXdbcTypeInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.vector.types.pojo.Schema;

import java.util.List;

/**
 * The Flight SQL wire adapter: arrow-java's {@link BasicFlightSqlProducer} dispatches each command
 * here (and answers catalog questions' GetFlightInfo itself), and each goes, with
 * the principal the auth middleware verified, to the handler of its kind (statements, catalog
 * questions, ingest, transactions, session options, cancel). Every failure leaves through
 * {@link FlightErrors}. Handles, tickets and transaction ids are signed and self-contained, so any
 * replica serves any call except those of a transaction, which its own replica holds.
 */
@Singleton
public class TollgateFlightSqlProducer extends BasicFlightSqlProducer {
    private final StatementCommands statements;
    private final MetadataCommands metadata;
    private final SqlInfoCommand sqlInfo;
    private final IngestCommand ingest;
    private final TransactionActions transactions;
    private final SessionOptionActions sessionOptions;
    private final CancelAction cancel;
    private final QueryThreads queryThreads;
    private final FlightMetrics metrics;

    TollgateFlightSqlProducer(StatementCommands statements, MetadataCommands metadata, SqlInfoCommand sqlInfo,
                              IngestCommand ingest, TransactionActions transactions,
                              SessionOptionActions sessionOptions, CancelAction cancel,
                              QueryThreads queryThreads, FlightMetrics metrics) {
        this.statements = statements;
        this.metadata = metadata;
        this.sqlInfo = sqlInfo;
        this.ingest = ingest;
        this.transactions = transactions;
        this.sessionOptions = sessionOptions;
        this.cancel = cancel;
        this.queryThreads = queryThreads;
        this.metrics = metrics;
    }

    /** A call that answers with a value. */
    @FunctionalInterface
    private interface Answer<T> {
        T get() throws Exception;
    }

    /** A call that answers through its listener. */
    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    private static <T> T answer(Answer<T> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw FlightErrors.toFlight(e);
        }
    }

    private static void stream(ServerStreamListener listener, Work work) {
        try {
            work.run();
        } catch (Exception e) {
            FlightRuntimeException error = FlightErrors.toFlight(e);
            if (!listener.isCancelled()) {
                // A client that cancelled or went away has no stream left to carry the error.
                listener.error(error);
            }
        }
    }

    private static void act(StreamListener<?> listener, Work work) {
        try {
            work.run();
        } catch (Exception e) {
            listener.onError(FlightErrors.toFlight(e));
        }
    }

    private static Runnable put(StreamListener<PutResult> ack, Work work) {
        return () -> act(ack, work);
    }

    /**
     * The one endpoint of a catalog question's FlightInfo (whose schema the base class names, as
     * Flight SQL prescribes): this service, with the command itself as the ticket.
     */
    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T command, FlightDescriptor descriptor,
                                                                         Schema schema) {
        return FlightWire.endpoints(command);
    }

    // The calls of every query, prepared or not, dispatched without arrow-java's reflective chain
    // (see CommandTypes); every other command, and anything malformed, goes through the base class.

    @Override
    public FlightInfo getFlightInfo(CallContext context, FlightDescriptor descriptor) {
        Any command = CommandTypes.require(CommandTypes.parse(descriptor.getCommand()), "command");
        CallRecordMiddleware.command(context, CommandTypes.nameOf(command));
        CommandPreparedStatementQuery prepared =
                CommandTypes.as(command, CommandPreparedStatementQuery.getDefaultInstance());
        if (prepared != null) {
            return getFlightInfoPreparedStatement(prepared, context, descriptor);
        }
        CommandStatementQuery query = CommandTypes.as(command, CommandStatementQuery.getDefaultInstance());
        if (query != null) {
            return getFlightInfoStatement(query, context, descriptor);
        }
        CommandTypes.requireDecodable(command, "command");
        return super.getFlightInfo(context, descriptor);
    }

    @Override
    public SchemaResult getSchema(CallContext context, FlightDescriptor descriptor) {
        Any command = CommandTypes.requireDecodable(CommandTypes.parse(descriptor.getCommand()), "command");
        CallRecordMiddleware.command(context, CommandTypes.nameOf(command));
        return super.getSchema(context, descriptor);
    }

    @Override
    public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
        CallRecordMiddleware.command(context, CommandTypes.nameOf(action));
        try {
            CommandTypes.requireWellFormed(action);
        } catch (FlightRuntimeException e) {
            listener.onError(e);
            return;
        }
        super.doAction(context, action, listener);
    }

    /**
     * Every DoGet's work, whatever its ticket, runs on a query thread: the call itself may be on the
     * transport's thread (see {@code InlineStreamCalls}), which must never wait on PostgreSQL or
     * the client, and a stream must not be written from the thread that delivers its client's
     * signals (see {@link QueryThreads}).
     */
    @Override
    public void getStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        try {
            // The call's gRPC context goes along: the verified principal is read from it.
            queryThreads.run(Context.current().wrap(() -> stream(listener, () -> dispatchStream(context, ticket,
                    listener))));
        } catch (RuntimeException e) {
            listener.error(FlightErrors.toFlight(e));
        }
    }

    private void dispatchStream(CallContext context, Ticket ticket, ServerStreamListener listener) {
        // arrow-java's own dispatch hands a ticket that is no protobuf Any to the stream as is, which
        // the client would see as an error of unknown cause: it is the client's mistake.
        Any command = CommandTypes.require(CommandTypes.parse(ticket.getBytes()), "ticket");
        CallRecordMiddleware.command(context, CommandTypes.nameOf(command));
        CommandPreparedStatementQuery prepared =
                CommandTypes.as(command, CommandPreparedStatementQuery.getDefaultInstance());
        TicketStatementQuery statement = CommandTypes.as(command, TicketStatementQuery.getDefaultInstance());
        if (prepared != null) {
            getStreamPreparedStatement(prepared, context, listener);
        } else if (statement != null) {
            getStreamStatement(statement, context, listener);
        } else {
            CommandTypes.requireDecodable(command, "ticket");
            super.getStream(context, ticket, listener);
        }
    }

    @Override
    public Runnable acceptPut(CallContext context, FlightStream flightStream, StreamListener<PutResult> ack) {
        Any command = CommandTypes.require(CommandTypes.parse(flightStream.getDescriptor().getCommand()), "command");
        CallRecordMiddleware.command(context, CommandTypes.nameOf(command));
        CommandPreparedStatementQuery prepared =
                CommandTypes.as(command, CommandPreparedStatementQuery.getDefaultInstance());
        if (prepared != null) {
            return acceptPutPreparedStatementQuery(prepared, context, flightStream, ack);
        }
        CommandStatementUpdate update = CommandTypes.as(command, CommandStatementUpdate.getDefaultInstance());
        if (update != null) {
            return acceptPutStatement(update, context, flightStream, ack);
        }
        CommandTypes.requireDecodable(command, "command");
        return super.acceptPut(context, flightStream, ack);
    }

    // Statements.

    @Override
    public void createPreparedStatement(FlightSql.ActionCreatePreparedStatementRequest request, CallContext context,
                                        StreamListener<Result> listener) {
        act(listener, () -> statements.createPrepared(FlightWire.principal(context), request, listener));
    }

    @Override
    public void closePreparedStatement(FlightSql.ActionClosePreparedStatementRequest request, CallContext context,
                                       StreamListener<Result> listener) {
        act(listener, () -> statements.closePrepared(FlightWire.principal(context),
                request.getPreparedStatementHandle(), listener));
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                     FlightDescriptor descriptor) {
        return answer(() -> statements.preparedInfo(FlightWire.principal(context), command, descriptor));
    }

    @Override
    public SchemaResult getSchemaPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                   FlightDescriptor descriptor) {
        return answer(() -> new SchemaResult(statements.preparedSchema(FlightWire.principal(context), command)));
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                           ServerStreamListener listener) {
        stream(listener, () -> {
            Principal principal = FlightWire.principal(context);
            statements.stream(principal, command.getPreparedStatementHandle(),
                    new FlightResultSink(listener, metrics.streamed(principal.tenantId())));
        });
    }

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context,
                                             FlightDescriptor descriptor) {
        return answer(() -> statements.statementInfo(FlightWire.principal(context), command, descriptor));
    }

    @Override
    public SchemaResult getSchemaStatement(CommandStatementQuery command, CallContext context,
                                           FlightDescriptor descriptor) {
        return answer(() -> new SchemaResult(statements.statementSchema(FlightWire.principal(context), command)));
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        stream(listener, () -> {
            Principal principal = FlightWire.principal(context);
            statements.stream(principal, ticket.getStatementHandle(),
                    new FlightResultSink(listener, metrics.streamed(principal.tenantId())));
        });
    }

    @Override
    public Runnable acceptPutStatement(CommandStatementUpdate command, CallContext context,
                                       FlightStream flightStream, StreamListener<PutResult> ack) {
        return put(ack, () -> statements.update(FlightWire.principal(context), command, ack));
    }

    @Override
    public Runnable acceptPutPreparedStatementUpdate(CommandPreparedStatementUpdate command, CallContext context,
                                                     FlightStream flightStream, StreamListener<PutResult> ack) {
        return put(ack, () -> statements.preparedUpdate(FlightWire.principal(context), command, flightStream, ack));
    }

    @Override
    public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
                                                    FlightStream flightStream, StreamListener<PutResult> ack) {
        return put(ack, () -> statements.bindParameters(FlightWire.principal(context), command, flightStream, ack));
    }

    @Override
    public Runnable acceptPutStatementBulkIngest(CommandStatementIngest command, CallContext context,
                                                 FlightStream flightStream, StreamListener<PutResult> ack) {
        return put(ack, () -> ingest.ingest(FlightWire.principal(context), command, flightStream, ack));
    }

    @Override
    public void cancelFlightInfo(CancelFlightInfoRequest request, CallContext context,
                                 StreamListener<CancelStatus> listener) {
        act(listener, () -> cancel.cancel(FlightWire.principal(context), request, listener));
    }

    // Transactions and sessions.

    @Override
    public void beginTransaction(ActionBeginTransactionRequest request, CallContext context,
                                 StreamListener<ActionBeginTransactionResult> listener) {
        act(listener, () -> transactions.begin(FlightWire.principal(context), listener));
    }

    @Override
    public void endTransaction(ActionEndTransactionRequest request, CallContext context,
                               StreamListener<Result> listener) {
        act(listener, () -> transactions.end(FlightWire.principal(context), request, listener));
    }

    @Override
    public void setSessionOptions(SetSessionOptionsRequest request, CallContext context,
                                  StreamListener<SetSessionOptionsResult> listener) {
        act(listener, () -> sessionOptions.set(FlightWire.principal(context), request, listener));
    }

    @Override
    public void getSessionOptions(GetSessionOptionsRequest request, CallContext context,
                                  StreamListener<GetSessionOptionsResult> listener) {
        act(listener, () -> sessionOptions.get(FlightWire.principal(context), listener));
    }

    @Override
    public void closeSession(CloseSessionRequest request, CallContext context,
                             StreamListener<CloseSessionResult> listener) {
        act(listener, () -> {
            FlightWire.principal(context);
            sessionOptions.close(listener);
        });
    }

    // Catalog questions: the base class answers GetFlightInfo with the prescribed schema and
    // determineEndpoints' ticket, the command itself; DoGet streams the answer.

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        stream(listener, () -> sqlInfo.stream(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamTypeInfo(CommandGetXdbcTypeInfo request, CallContext context,
                                  ServerStreamListener listener) {
        stream(listener, () -> metadata.typeInfo(FlightWire.principal(context), request, listener));
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        stream(listener, () -> metadata.catalogs(FlightWire.principal(context), listener));
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        stream(listener, () -> metadata.schemas(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        stream(listener, () -> metadata.tables(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        stream(listener, () -> {
            FlightWire.principal(context);
            metadata.tableTypes(listener);
        });
    }

    @Override
    public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context,
                                     ServerStreamListener listener) {
        stream(listener, () -> metadata.primaryKeys(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context,
                                      ServerStreamListener listener) {
        stream(listener, () -> metadata.exportedKeys(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context,
                                      ServerStreamListener listener) {
        stream(listener, () -> metadata.importedKeys(FlightWire.principal(context), command, listener));
    }

    @Override
    public void getStreamCrossReference(CommandGetCrossReference command, CallContext context,
                                        ServerStreamListener listener) {
        stream(listener, () -> metadata.crossReference(FlightWire.principal(context), command, listener));
    }
}
