package io.tollgate.flight.statement;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Record batches arriving one after another into one root: an uploaded Flight stream, or
 * parameters read back from a handle. Knows nothing of where they come from.
 */
public interface BatchSource {

    /** The root each batch is loaded into; its schema is known before the first batch. */
    VectorSchemaRoot root();

    /** Loads the next batch into {@link #root()}; false when there are no more. */
    boolean next();

    /** No batches at all. */
    BatchSource NONE = new BatchSource() {
        @Override
        public VectorSchemaRoot root() {
            return VectorSchemaRoot.of();
        }

        @Override
        public boolean next() {
            return false;
        }
    };
}
