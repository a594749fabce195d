package io.tollgate.flight.sql;

import com.google.protobuf.ByteString;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.statement.HandleCodec;
import io.tollgate.flight.statement.ParameterSets;
import io.tollgate.flight.statement.PreparedDescription;
import io.tollgate.flight.statement.PreparedSchemas;
import io.tollgate.flight.statement.QueryService;
import io.tollgate.flight.statement.ResultSink;
import io.tollgate.flight.statement.RunningStatements;
import io.tollgate.flight.statement.StatementHandle;
import io.tollgate.flight.statement.UpdateService;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightProducer.StreamListener;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementUpdate;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutUpdateResult;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Statements on the wire: ad-hoc queries and updates, and prepared statements. Every handle and
 * ticket is signed and self-contained; parameters bound with DoPut come back to the client in a
 * new handle, so any replica can run the statement and closing it releases nothing.
 */
@Singleton
class StatementCommands {
    private static final byte[] NONE = new byte[0];

    private final QueryService queries;
    private final UpdateService updates;
    private final HandleCodec handles;
    private final BufferAllocator allocator;
    private final FlightConfig config;
    private final PreparedSchemas schemas;

    StatementCommands(QueryService queries, UpdateService updates, HandleCodec handles, BufferAllocator allocator,
                      FlightConfig config, PreparedSchemas schemas) {
        this.schemas = schemas;
        this.queries = queries;
        this.updates = updates;
        this.handles = handles;
        this.allocator = allocator;
        this.config = config;
    }

    void createPrepared(Principal principal, ActionCreatePreparedStatementRequest request,
                        StreamListener<Result> listener) throws SQLException {
        byte[] transaction = FlightWire.bytes(request.hasTransactionId(), request.getTransactionId());
        PreparedDescription description = queries.prepare(principal, request.getQuery(), transaction);
        ByteString dataset = FlightWire.serialize(description.dataset());
        // The handle names what PostgreSQL said, so that running the statement need not ask again.
        StatementHandle.Prepared prepared = new StatementHandle.Prepared(
                schemas.remember(principal.tenantId(), description.dataset(), dataset),
                description.parameters().getFields().size());
        FlightWire.reply(listener, ActionCreatePreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFrom(
                        handles.issue(principal, request.getQuery(), transaction, NONE, prepared)))
                .setDatasetSchema(dataset)
                .setParameterSchema(FlightWire.serialize(description.parameters()))
                .build());
    }

    void closePrepared(Principal principal, ByteString handle, StreamListener<Result> listener) {
        // Nothing is held per handle; checking it still refuses forged or foreign handles.
        handles.redeem(handle.toByteArray(), principal);
        listener.onCompleted();
    }

    FlightInfo preparedInfo(Principal principal, CommandPreparedStatementQuery command, FlightDescriptor descriptor)
            throws SQLException {
        return FlightWire.flightInfo(preparedSchema(principal, command), descriptor, command);
    }

    Schema preparedSchema(Principal principal, CommandPreparedStatementQuery command) throws SQLException {
        StatementHandle handle = handles.redeem(command.getPreparedStatementHandle().toByteArray(), principal);
        if (handle.prepared().known()) {
            Optional<Schema> known = schemas.find(principal.tenantId(), handle.prepared().schemaDigest());
            if (known.isPresent()) {
                return known.get();
            }
        }
        return queries.describe(principal, handle.sql(), handle.transactionId());
    }

    FlightInfo statementInfo(Principal principal, CommandStatementQuery command, FlightDescriptor descriptor)
            throws SQLException {
        byte[] transaction = FlightWire.bytes(command.hasTransactionId(), command.getTransactionId());
        Schema schema = queries.describe(principal, command.getQuery(), transaction);
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFrom(handles.issue(principal, command.getQuery(), transaction, NONE,
                        StatementHandle.Prepared.UNKNOWN)))
                .build();
        return FlightWire.flightInfo(schema, descriptor, ticket);
    }

    Schema statementSchema(Principal principal, CommandStatementQuery command) throws SQLException {
        return queries.describe(principal, command.getQuery(),
                FlightWire.bytes(command.hasTransactionId(), command.getTransactionId()));
    }

    /** Runs the statement a signed handle (from a ticket) names, streaming its rows. */
    void stream(Principal principal, ByteString signedHandle, ResultSink sink)
            throws SQLException, IOException {
        byte[] signed = signedHandle.toByteArray();
        StatementHandle handle = handles.redeem(signed, principal);
        queries.stream(principal, handle, RunningStatements.keyOf(signed), sink);
    }

    void update(Principal principal, CommandStatementUpdate command, StreamListener<PutResult> ack)
            throws SQLException {
        long count = updates.execute(principal, command.getQuery(),
                FlightWire.bytes(command.hasTransactionId(), command.getTransactionId()));
        FlightWire.replyPut(ack, allocator, DoPutUpdateResult.newBuilder().setRecordCount(count).build());
    }

    void preparedUpdate(Principal principal, CommandPreparedStatementUpdate command, FlightStream parameters,
                        StreamListener<PutResult> ack) throws SQLException, IOException {
        StatementHandle handle = handles.redeem(command.getPreparedStatementHandle().toByteArray(), principal);
        long count = updates.executePrepared(principal, handle, new FlightBatches(parameters));
        FlightWire.replyPut(ack, allocator, DoPutUpdateResult.newBuilder().setRecordCount(count).build());
    }

    /** Binds parameters to a prepared query: they travel back to the client inside a new handle. */
    void bindParameters(Principal principal, CommandPreparedStatementQuery command, FlightStream parameters,
                        StreamListener<PutResult> ack) {
        StatementHandle handle = handles.redeem(command.getPreparedStatementHandle().toByteArray(), principal);
        byte[] bound = ParameterSets.encode(new FlightBatches(parameters), config.maxParameterBytes());
        byte[] updated = handles.issue(principal, handle.sql(), handle.transactionId(), bound, handle.prepared());
        FlightWire.replyPut(ack, allocator, DoPutPreparedStatementResult.newBuilder()
                .setPreparedStatementHandle(ByteString.copyFrom(updated)).build());
    }
}
