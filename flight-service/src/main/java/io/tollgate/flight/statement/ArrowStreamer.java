package io.tollgate.flight.statement;

import io.tollgate.flight.copy.BinaryCopyReader;
import io.tollgate.flight.types.ResultSchemas;
import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
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
 * ready before each batch so that a slow reader bounds the memory a query holds.
 */
final class ArrowStreamer implements AutoCloseable {
    private static final long READY_TIMEOUT_MS = 5 * 60 * 1000L;
    /** Batches decoded ahead of the one being sent: enough to keep PostgreSQL and the client busy. */
    private static final int PREFETCH_BATCHES = 2;

    private final ServerStreamListener listener;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final BooleanSupplier cancelled;
    private final ClientReadiness readiness;
    private VectorSchemaRoot out;

    ArrowStreamer(ServerStreamListener listener, BufferAllocator allocator, int batchRows, BooleanSupplier cancelled) {
        this.listener = listener;
        this.allocator = allocator;
        this.batchRows = batchRows;
        this.cancelled = cancelled;
        this.readiness = new ClientReadiness(listener);
    }

    /** Runs {@code action} if the client cancels the call or disconnects. */
    void onClientCancel(Runnable action) {
        readiness.onCancel(action);
    }

    /**
     * Streams every row of a result; returns false when the client went away before the end.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
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
     * client went away before the end. With a prefetch thread the COPY is read ahead while batches
     * are sent; without one (every query thread busy) it is read in turn.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
     */
    boolean write(BinaryCopyReader rows, VectorSchemaRoot batch, QueryThreads threads) throws SQLException, IOException {
        CopyPrefetch prefetch = new CopyPrefetch(rows, batch, batchRows, PREFETCH_BATCHES);
        if (!threads.tryRun(prefetch::readAhead)) {
            return write(rows, batch);
        }
        try (prefetch) {
            for (ArrowRecordBatch next = prefetch.next(); next != null; next = prefetch.next()) {
                try (ArrowRecordBatch record = next) {
                    if (!send(batch.getSchema(), record)) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private boolean write(BinaryCopyReader rows, VectorSchemaRoot batch) throws SQLException, IOException {
        while (rows.next(batch, batchRows) > 0) {
            if (!send(batch)) {
                return false;
            }
        }
        return true;
    }

    /** Starts the stream with this schema if no result has started it; call once all results are written. */
    void finish(SchemaSource schema) throws SQLException {
        if (out == null) {
            start(schema.get());
        }
    }

    /** The schema of an empty result, asked for only when no batch was sent (it may cost a round trip). */
    @FunctionalInterface
    interface SchemaSource {
        Schema get() throws SQLException;
    }

    private boolean send(VectorSchemaRoot batch) {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
        if (batch.getRowCount() == 0) {
            start(batch.getSchema());
            return !listener.isCancelled();
        }
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            return send(batch.getSchema(), record);
        }
    }

    /** Sends one batch once the client is ready for it; false when the client went away. */
    private boolean send(Schema schema, ArrowRecordBatch record) {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
        start(schema);
        if (!readiness.await(READY_TIMEOUT_MS)) {
            return false;
        }
        new VectorLoader(out).load(record);
        listener.putNext();
        return true;
    }

    private void start(Schema schema) {
        if (out == null) {
            out = VectorSchemaRoot.create(schema, allocator);
            listener.start(out);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
