package io.tollgate.flight.statement;

import io.tollgate.flight.copy.BinaryCopyReader;
import io.tollgate.flight.quota.ResultLimit;
import io.tollgate.flight.types.BatchBytes;
import io.tollgate.flight.types.ColumnReaders;
import io.tollgate.flight.types.ResultLayout;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/**
 * Writes results to one {@link ResultSink} as Arrow record batches, one result after another (a
 * statement run once per bound parameter row yields one stream), waiting for the client to be
 * ready before each batch so that a slow reader bounds the memory a query holds. Every batch is
 * charged to the stream's {@link ResultLimit} before it is sent.
 */
final class ArrowStreamer implements AutoCloseable {
    /**
     * Rows per batch on the JDBC path (parameterized queries, types binary COPY does not decode), at
     * most: the first batch holds few rows, and each next one more, up to this. Every batch's vectors
     * are allocated at its size up front, so a one-row result pays for a few rows, not thousands,
     * and a large one still streams in batches of this size.
     */
    private static final int JDBC_BATCH_ROWS = 4096;
    private static final int JDBC_FIRST_BATCH_ROWS = 16;
    private static final int JDBC_BATCH_GROWTH = 8;
    /** Batches decoded ahead of the one being sent: enough to keep PostgreSQL and the client busy. */
    private static final int PREFETCH_BATCHES = 2;

    private final ResultSink sink;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final BooleanSupplier cancelled;
    private final ResultLimit limit;
    private final long fetchBytes;
    private final ClientReadiness client;
    private VectorSchemaRoot out;

    /**
     * @param cancelled     whether the query was cancelled (checked before each batch)
     * @param onClientGone  what to do when the client cancels the call or goes away: stop the query
     * @param fetchBytes    rows the driver may hold from one fetch, in bytes: fetch sizes follow the
     *                      widths of the rows seen so far so that wide rows come a few at a time
     */
    ArrowStreamer(ResultSink sink, BufferAllocator allocator, int batchRows, BooleanSupplier cancelled,
                  Runnable onClientGone, ResultLimit limit, long fetchBytes) {
        this.sink = sink;
        this.fetchBytes = fetchBytes;
        this.allocator = allocator;
        this.batchRows = batchRows;
        this.cancelled = cancelled;
        this.limit = limit;
        this.client = new ClientReadiness(sink, onClientGone);
    }

    /**
     * Streams every row of a result; returns false when the client went away before the end.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
     * @throws io.tollgate.flight.quota.QuotaExceededException when the result outgrows its quota
     * @throws ClientStalledException when the client stopped reading
     */
    boolean write(ResultSet rows, ResultLayout layout) throws SQLException, IOException {
        int maxRows = Math.min(batchRows, JDBC_BATCH_ROWS);
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(layout.schema(), allocator);
             ColumnReaders columns = layout.readers(batch)) {
            int capacity = Math.min(JDBC_FIRST_BATCH_ROWS, maxRows);
            while (true) {
                int count = fill(rows, batch, columns, capacity);
                boolean full = count == capacity;
                long bytes = BatchBytes.of(batch, count);
                if (count > 0) {
                    rows.setFetchSize(fetchSizeFor(bytes / count));
                    // These rows are out of the driver's buffer: its row limit counts from here.
                    RowBytes.clear(rows.getStatement().getConnection());
                }
                if (count > 0 || out == null) {
                    // An empty result still starts the stream, with its schema.
                    if (!send(batch)) {
                        return false;
                    }
                }
                boolean cutShort = count > 0 && bytes >= BatchBytes.LIMIT;
                if (!full && !cutShort) {
                    return true;
                }
                capacity = cutShort ? capacity : Math.min(capacity * JDBC_BATCH_GROWTH, maxRows);
            }
        }
    }

    /**
     * Reads up to {@code capacity} rows into fresh vectors of the batch, fewer when they reach
     * {@link BatchBytes#LIMIT}; how many were read.
     */
    private static int fill(ResultSet rows, VectorSchemaRoot batch, ColumnReaders columns, int capacity)
            throws SQLException, IOException {
        ValueVectorUtility.preAllocate(batch, capacity);
        columns.startBatch(batch);
        int count = 0;
        while (count < capacity && rows.next()) {
            columns.readRow(rows);
            count++;
            if (BatchBytes.full(batch, count)) {
                break;
            }
        }
        batch.setRowCount(count);
        return count;
    }

    /**
     * The next fetch's size: as many rows of this width as fit the fetch budget, at least one (a
     * single row is what it is), at most the batch size.
     */
    private int fetchSizeFor(long bytesPerRow) {
        long rows = fetchBytes / Math.max(1, bytesPerRow);
        return (int) Math.max(1, Math.min(rows, Math.min(batchRows, JDBC_BATCH_ROWS)));
    }


    /**
     * Streams every row of a binary COPY, decoded straight into {@code batch}; returns false when the
     * client went away before the end. With a prefetch thread the COPY is read ahead while batches
     * are sent; without one (every query thread busy) it is read in turn.
     *
     * @throws QueryCancelledException when the query was cancelled meanwhile
     * @throws io.tollgate.flight.quota.QuotaExceededException when the result outgrows its quota
     * @throws ClientStalledException when the client stopped reading
     */
    boolean write(BinaryCopyReader rows, VectorSchemaRoot batch, QueryThreads threads) throws SQLException, IOException {
        CopyPrefetch prefetch = new CopyPrefetch(rows, batch, batchRows, PREFETCH_BATCHES);
        if (!threads.tryRun(prefetch::readAhead)) {
            while (rows.next(batch, batchRows) > 0) {
                if (!send(batch)) {
                    return false;
                }
            }
            return true;
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
        if (batch.getRowCount() == 0) {
            checkCancelled();
            start(batch.getSchema());
            return !sink.isCancelled();
        }
        try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
            return send(batch.getSchema(), record);
        }
    }

    /** Charges a batch to the result's limit and sends it once the client is ready; false when the client went away. */
    private boolean send(Schema schema, ArrowRecordBatch record) {
        checkCancelled();
        start(schema);
        limit.charge(record.getLength(), bufferBytes(record));
        if (!client.await()) {
            return false;
        }
        new VectorLoader(out).load(record);
        sink.putNext();
        return true;
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
    }

    private void start(Schema schema) {
        if (out == null) {
            out = VectorSchemaRoot.create(schema, allocator);
            sink.start(out);
        }
    }

    /** The sizes of a batch's Arrow buffers: what it weighs in memory and, but for padding, on the wire. */
    private static long bufferBytes(ArrowRecordBatch record) {
        long bytes = 0;
        for (ArrowBuf buffer : record.getBuffers()) {
            bytes += buffer.readableBytes();
        }
        return bytes;
    }

    /** Rows sent so far. */
    long rowsSent() {
        return limit.rows();
    }

    /** Arrow buffer bytes sent so far. */
    long bytesSent() {
        return limit.bytes();
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
