package io.tollgate.flight.statement;

import io.tollgate.flight.copy.BinaryCopyReader;
import io.tollgate.flight.quota.ResultLimit;
import io.tollgate.flight.types.ResultSchemas;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Writes JDBC results to one Flight stream as Arrow record batches, one result after another (a
 * statement run once per bound parameter row yields one stream), waiting for the client to be
 * ready before each batch so that a slow reader bounds the memory a query holds. Every batch is
 * charged to the stream's {@link ResultLimit} before it is sent.
 */
final class ArrowStreamer implements AutoCloseable {
    private final ServerStreamListener listener;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final BooleanSupplier cancelled;
    private final ResultLimit limit;
    private final ClientReadiness client;
    private VectorSchemaRoot out;

    /**
     * @param cancelled     whether the query was cancelled (checked before each batch)
     * @param onClientGone  what to do when the client cancels the call or goes away: stop the query
     */
    ArrowStreamer(ServerStreamListener listener, BufferAllocator allocator, int batchRows, BooleanSupplier cancelled,
                  Runnable onClientGone, ResultLimit limit) {
        this.listener = listener;
        this.allocator = allocator;
        this.batchRows = batchRows;
        this.cancelled = cancelled;
        this.limit = limit;
        this.client = new ClientReadiness(listener, onClientGone);
    }

    /**
     * Streams every row of a result; returns false when the client went away before the end.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
     * @throws io.tollgate.flight.quota.QuotaExceededException when the result outgrows its quota
     * @throws ClientStalledException when the client stopped reading
     */
    boolean write(ResultSet rows) throws SQLException, IOException {
        try (ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rows,
                ResultSchemas.config(rows.getMetaData(), allocator, batchRows))) {
            while (batches.hasNext()) {
                VectorSchemaRoot batch = batches.next();
                if (!send(batch)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Streams every row of a binary COPY, decoded straight into {@code batch}; returns false when the
     * client went away before the end.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
     * @throws io.tollgate.flight.quota.QuotaExceededException when the result outgrows its quota
     * @throws ClientStalledException when the client stopped reading
     */
    boolean write(BinaryCopyReader rows, VectorSchemaRoot batch) throws SQLException, IOException {
        while (rows.next(batch, batchRows) > 0) {
            if (!send(batch)) {
                return false;
            }
        }
        return true;
    }

    /** Starts the stream with this schema if no result has started it; call once all results are written. */
    void finish(Schema schema) {
        if (out == null) {
            out = VectorSchemaRoot.create(schema, allocator);
            listener.start(out);
        }
    }

    private boolean send(VectorSchemaRoot batch) {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
        if (out == null) {
            out = VectorSchemaRoot.create(batch.getSchema(), allocator);
            listener.start(out);
        }
        if (batch.getRowCount() == 0) {
            return !listener.isCancelled();
        }
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            limit.charge(batch.getRowCount(), bufferBytes(record));
            if (!client.await()) {
                return false;
            }
            new VectorLoader(out).load(record);
        }
        listener.putNext();
        return true;
    }

    /** The sizes of a batch's Arrow buffers: what it weighs in memory and, but for padding, on the wire. */
    private static long bufferBytes(ArrowRecordBatch record) {
        long bytes = 0;
        for (ArrowBuf buffer : record.getBuffers()) {
            bytes += buffer.readableBytes();
        }
        return bytes;
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
