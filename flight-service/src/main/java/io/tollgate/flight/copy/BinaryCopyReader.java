package io.tollgate.flight.copy;

import io.tollgate.flight.types.BatchBytes;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.util.PSQLState;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Reads PostgreSQL's binary COPY output straight into Arrow vectors, a batch at a time: no JDBC
 * row objects, no text parsing. Each CopyData message from the server is one row (the first also
 * carries the format's header, the last the trailer).
 */
public final class BinaryCopyReader {
    private static final int FIRST_BATCH_ROWS = 1024;
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

    private final CopyOut copy;
    private final CopyPlan plan;
    private final PGConnection connection;
    private boolean headerRead;
    private boolean finished;
    private int capacityRows = FIRST_BATCH_ROWS;

    /**
     * @param copy       a started {@code COPY ... TO STDOUT (FORMAT binary)}
     * @param plan       how its columns are decoded
     * @param connection the connection it runs on (to cancel it)
     */
    public BinaryCopyReader(CopyOut copy, CopyPlan plan, PGConnection connection) {
        this.copy = copy;
        this.plan = plan;
        this.connection = connection;
    }

    /**
     * Asks PostgreSQL to cancel the COPY if it is still running; the reading thread then gets the
     * cancellation (SQLSTATE 57014) as an error. Safe to call from any thread.
     */
    public void interrupt() {
        try {
            if (copy.isActive()) {
                connection.cancelQuery();
            }
        } catch (SQLException e) {
            // The COPY is still read to its end by stop(); nothing is lost but time.
        }
    }

    /**
     * Ends an unfinished COPY: cancels it in PostgreSQL and reads what was already in flight up to
     * the end of the operation, so the connection is in step with the server and usable again.
     *
     * @throws SQLException when the connection could not be brought back in step (discard it)
     */
    public void stop() throws SQLException {
        if (finished || !copy.isActive()) {
            return;
        }
        connection.cancelQuery();
        try {
            while (copy.readFromCopy() != null) {
                // discarded: the client is no longer reading
            }
        } catch (SQLException e) {
            if (!PSQLState.QUERY_CANCELED.getState().equals(e.getSQLState())) {
                throw e;
            }
        }
        finished = true;
    }

    /**
     * Fills {@code root} with up to {@code maxRows} rows; returns how many (0 at the end).
     *
     * @throws IOException when the stream is not binary COPY of the planned shape
     */
    public int next(VectorSchemaRoot root, int maxRows) throws SQLException, IOException {
        // A first batch starts small (a result of a few rows should not pay for a big allocation)
        // and grows as it fills; once a batch came out full, the next ones start at full size.
        int capacity = Math.min(maxRows, capacityRows);
        root.getFieldVectors().forEach(vector -> vector.setInitialCapacity(capacity));
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
            int at = 0;
            if (!headerRead) {
                at = readHeader(message);
                headerRead = true;
                if (at == message.length) {
                    continue;
                }
            }
            int fields = BigEndian.getShort(message, at);
            at += 2;
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
                int length = BigEndian.getInt(message, at);
                at += 4;
                if (length < 0) {
                    vectors[column].setNull(rows);
                } else {
                    if (length > message.length - at) {
                        throw new IOException("a COPY value runs past the end of its row");
                    }
                    decoders[column].decode(message, at, length, rows);
                    at += length;
                }
            }
            rows++;
            if (BatchBytes.full(root, rows)) {
                break;
            }
        }
        root.setRowCount(rows);
        if (rows == maxRows) {
            capacityRows = maxRows;
        }
        return rows;
    }

    /** Checks the format's header at the start of the first message; returns where the first row starts. */
    private static int readHeader(byte[] message) throws IOException {
        if (message.length < SIGNATURE.length + 8
                || !Arrays.equals(message, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not binary COPY output");
        }
        // Then flags (bit 16, OIDs, is never requested) and the length of a header extension.
        int extension = BigEndian.getInt(message, SIGNATURE.length + 4);
        return SIGNATURE.length + 8 + extension;
    }
}
