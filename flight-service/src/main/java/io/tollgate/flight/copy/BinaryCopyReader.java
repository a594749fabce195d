package io.tollgate.flight.copy;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.copy.CopyOut;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY output straight into Arrow vectors, a batch at a time: no JDBC
 * row objects, no text parsing. Each CopyData message from the server is one row (the first also
 * carries the format's header, the last the trailer).
 */
public final class BinaryCopyReader {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyOut copy;
    private final CopyPlan plan;
    private boolean headerRead;
    private boolean finished;

    public BinaryCopyReader(CopyOut copy, CopyPlan plan) {
        this.copy = copy;
        this.plan = plan;
    }

    /**
     * Fills {@code root} with up to {@code maxRows} rows; returns how many (0 at the end).
     *
     * @throws IOException when the stream is not binary COPY of the planned shape
     */
    public int next(VectorSchemaRoot root, int maxRows) throws SQLException, IOException {
        root.allocateNew();
        ColumnDecoder[] decoders = plan.bind(root);
        FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
        int rows = 0;
        while (!finished && rows < maxRows) {
            byte[] message = copy.readFromCopy();
            if (message == null) {
                finished = true;
                break;
            }
            ByteBuffer buffer = ByteBuffer.wrap(message);
            if (!headerRead) {
                readHeader(buffer);
                headerRead = true;
                if (!buffer.hasRemaining()) {
                    continue;
                }
            }
            int fields = buffer.getShort();
            if (fields == -1) {
                // The trailer: read on to the end of the COPY, so the connection is usable again.
                while (copy.readFromCopy() != null) {
                    // nothing follows the trailer but the end of the operation
                }
                finished = true;
                break;
            }
            if (fields != decoders.length) {
                throw new IOException("a COPY row has " + fields + " fields, not " + decoders.length);
            }
            for (int column = 0; column < fields; column++) {
                int length = buffer.getInt();
                if (length < 0) {
                    vectors[column].setNull(rows);
                } else {
                    int end = buffer.position() + length;
                    decoders[column].decode(buffer, length, rows);
                    buffer.position(end);
                }
            }
            rows++;
        }
        root.setRowCount(rows);
        return rows;
    }

    private static void readHeader(ByteBuffer buffer) throws IOException {
        byte[] signature = new byte[SIGNATURE.length];
        buffer.get(signature);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not binary COPY output");
        }
        buffer.getInt(); // flags: bit 16 (OIDs) is never requested
        int extension = buffer.getInt();
        buffer.position(buffer.position() + extension);
    }
}
