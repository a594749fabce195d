package io.tollgate.bench;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.NoOpFlightSqlProducer;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.DoPutPreparedStatementResult;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.util.List;

/**
 * A Flight SQL server, in the benchmark's own process, that answers a prepared statement's three
 * calls (bind, GetFlightInfo, DoGet) with no work at all: one bigint row, no database, no
 * authentication. What arrow-java's Flight SQL costs on this machine before a gateway does
 * anything: the floor under any server built on it.
 */
final class NoWorkFlightSqlServer implements AutoCloseable {
    private static final Schema ROW = new Schema(List.of(Field.nullable("id", new ArrowType.Int(64, true))));
    private static final ByteString ROW_MESSAGE = ByteString.copyFrom(ROW.serializeAsMessage());
    private static final ByteString HANDLE = ByteString.copyFromUtf8("no-work");

    private final FlightServer server;

    NoWorkFlightSqlServer(BufferAllocator allocator) throws IOException {
        this.server = FlightServer.builder(allocator, Location.forGrpcInsecure("localhost", 0), new Producer(allocator))
                .build().start();
    }

    Location location() {
        return Location.forGrpcInsecure("localhost", server.getPort());
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        server.awaitTermination();
    }

    private static final class Producer extends NoOpFlightSqlProducer {
        private final BufferAllocator allocator;

        Producer(BufferAllocator allocator) {
            this.allocator = allocator;
        }

        @Override
        public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
                                            StreamListener<Result> listener) {
            listener.onNext(new Result(Any.pack(ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(HANDLE).setDatasetSchema(ROW_MESSAGE)
                    .setParameterSchema(ROW_MESSAGE).build()).toByteArray()));
            listener.onCompleted();
        }

        @Override
        public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
                                           StreamListener<Result> listener) {
            listener.onCompleted();
        }

        @Override
        public Runnable acceptPutPreparedStatementQuery(CommandPreparedStatementQuery command, CallContext context,
                                                        FlightStream parameters, StreamListener<PutResult> ack) {
            return () -> {
                while (parameters.next()) {
                    // drained: nothing is done with the values
                }
                byte[] reply = DoPutPreparedStatementResult.newBuilder().setPreparedStatementHandle(HANDLE).build()
                        .toByteArray();
                try (ArrowBuf metadata = allocator.buffer(reply.length)) {
                    metadata.writeBytes(reply);
                    ack.onNext(PutResult.metadata(metadata));
                }
                ack.onCompleted();
            };
        }

        @Override
        public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                                         FlightDescriptor descriptor) {
            return new FlightInfo(ROW, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))),
                    -1, -1);
        }

        @Override
        public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
                                               ServerStreamListener listener) {
            try (VectorSchemaRoot root = VectorSchemaRoot.create(ROW, allocator)) {
                ((BigIntVector) root.getVector(0)).setSafe(0, 42);
                root.setRowCount(1);
                listener.start(root);
                listener.putNext();
                listener.completed();
            }
        }
    }
}
