package io.tollgate.flight.statement;

import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * Converts JDBC results to Arrow record batches and writes them to a Flight stream, waiting for the
 * client to be ready before each batch so that a slow reader bounds the memory a query holds.
 */
final class ArrowStreamer {
    private static final long READY_TIMEOUT_MS = 5 * 60 * 1000L;

    private ArrowStreamer() {
    }

    /** The Arrow schema of a result's columns; empty when the statement returns no rows. */
    static Schema schemaOf(ResultSetMetaData metadata, BufferAllocator allocator) throws SQLException {
        if (metadata == null) {
            return new Schema(List.of());
        }
        return JdbcToArrowUtils.jdbcToArrowSchema(metadata, config(allocator, 1));
    }

    /**
     * Streams every row; returns false when the client went away before the end.
     */
    static boolean stream(ResultSet rows, BufferAllocator allocator, int batchRows, ServerStreamListener listener)
            throws SQLException, IOException {
        JdbcToArrowConfig config = config(allocator, batchRows);
        BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
        backpressure.register(listener);
        try (ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rows, config)) {
            boolean started = false;
            while (batches.hasNext()) {
                VectorSchemaRoot batch = batches.next();
                if (!started) {
                    listener.start(batch);
                    started = true;
                }
                if (backpressure.waitForListener(READY_TIMEOUT_MS) != BackpressureStrategy.WaitResult.READY) {
                    return false;
                }
                listener.putNext();
            }
            if (!started) {
                try (VectorSchemaRoot empty = VectorSchemaRoot.create(schemaOf(rows.getMetaData(), allocator), allocator)) {
                    listener.start(empty);
                }
            }
            return true;
        }
    }

    private static JdbcToArrowConfig config(BufferAllocator allocator, int batchRows) {
        return new JdbcToArrowConfigBuilder(allocator, JdbcToArrowUtils.getUtcCalendar())
                .setReuseVectorSchemaRoot(true)
                .setTargetBatchSize(batchRows)
                .build();
    }
}
