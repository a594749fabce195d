package io.tollgate.flight.types;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * How big a record batch being filled has grown. A batch is sent once it holds its row count or
 * {@link #LIMIT} bytes, whichever comes first, so that wide rows (megabytes each) travel a few at a
 * time instead of piling up in one batch until the query's memory runs out.
 */
public final class BatchBytes {
    /** Bytes of Arrow buffers after which a batch is sent, whatever its row count. */
    public static final long LIMIT = 16L << 20;
    /** How often (in rows) a filling batch is weighed. */
    public static final int CHECK_EVERY_ROWS = 8;

    private BatchBytes() {
    }

    /** The buffer bytes of the first {@code rows} rows of the batch (valid while it is being filled). */
    public static long of(VectorSchemaRoot batch, int rows) {
        long bytes = 0;
        for (FieldVector vector : batch.getFieldVectors()) {
            bytes += vector.getBufferSizeFor(rows);
        }
        return bytes;
    }

    /** Whether a batch of {@code rows} rows so far should be sent now (weighed every few rows only). */
    public static boolean full(VectorSchemaRoot batch, int rows) {
        return rows % CHECK_EVERY_ROWS == 0 && of(batch, rows) >= LIMIT;
    }
}
