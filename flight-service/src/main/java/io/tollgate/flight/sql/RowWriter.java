package io.tollgate.flight.sql;

import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.pojo.Schema;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes rows of a fixed Flight SQL result schema (catalogs, tables, keys, ...) to a stream, a
 * batch at a time. Columns are set by name; a column not set in a row is NULL.
 */
final class RowWriter implements AutoCloseable {
    private final VectorSchemaRoot root;
    private final ServerStreamListener listener;
    private final int batchRows;
    private int row;

    RowWriter(Schema schema, BufferAllocator allocator, ServerStreamListener listener, int batchRows) {
        this.root = VectorSchemaRoot.create(schema, allocator);
        this.listener = listener;
        this.batchRows = batchRows;
        root.allocateNew();
        listener.start(root);
    }

    RowWriter text(String column, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    RowWriter int32(String column, Integer value) {
        IntVector vector = (IntVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value);
        }
        return this;
    }

    RowWriter uint8(String column, int value) {
        ((UInt1Vector) root.getVector(column)).setSafe(row, value);
        return this;
    }

    RowWriter bool(String column, Boolean value) {
        BitVector vector = (BitVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value ? 1 : 0);
        }
        return this;
    }

    RowWriter binary(String column, byte[] value) {
        ((VarBinaryVector) root.getVector(column)).setSafe(row, value);
        return this;
    }

    RowWriter textList(String column, List<String> values) {
        ListVector vector = (ListVector) root.getVector(column);
        if (values == null) {
            vector.setNull(row);
            return this;
        }
        UnionListWriter writer = vector.getWriter();
        writer.setPosition(row);
        writer.startList();
        for (String value : values) {
            writer.writeVarChar(value);
        }
        writer.endList();
        return this;
    }

    /** Ends the current row; sends the batch when it is full. */
    void endRow() {
        row++;
        if (row == batchRows) {
            flush();
        }
    }

    /** Sends what is left and completes the stream. */
    void complete() {
        if (row > 0) {
            flush();
        }
        listener.completed();
    }

    private void flush() {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.setValueCount(row);
        }
        root.setRowCount(row);
        listener.putNext();
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        row = 0;
    }

    @Override
    public void close() {
        root.close();
    }
}
