package io.tollgate.flight.types;

import org.apache.arrow.adapter.jdbc.consumer.JdbcConsumer;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Reads the current row of a result into the next slot of each vector of a batch, one reader per column. */
public final class ColumnReaders implements AutoCloseable {
    @SuppressWarnings("rawtypes")
    private final JdbcConsumer[] readers;

    @SuppressWarnings("rawtypes")
    ColumnReaders(JdbcConsumer[] readers) {
        this.readers = readers;
    }

    /** Points every reader at the first slot of its vector in {@code batch}, which has this layout's schema. */
    @SuppressWarnings("unchecked")
    public void startBatch(VectorSchemaRoot batch) {
        for (int column = 0; column < readers.length; column++) {
            readers[column].resetValueVector(batch.getVector(column));
        }
    }

    /** Reads the result's current row. */
    public void readRow(ResultSet rows) throws SQLException, IOException {
        for (JdbcConsumer<?> reader : readers) {
            reader.consume(rows);
        }
    }

    /** Closes the readers (and with them the vectors they point at). */
    @Override
    public void close() {
        try {
            AutoCloseables.close(Arrays.asList(readers));
        } catch (Exception e) {
            throw new IllegalStateException("closing a result's column readers failed", e);
        }
    }
}
