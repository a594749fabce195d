package io.tollgate.flight.statement;

import io.tollgate.flight.copy.BinaryCopyReader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads and decodes a binary COPY on a thread of its own, up to {@code depth} batches ahead of the
 * stream that sends them. Without it, one thread alternates: while it waits for the client to take
 * a batch PostgreSQL stops producing (its socket fills), and while it reads PostgreSQL the client
 * idles. Memory stays bounded by the depth.
 *
 * <p>Only the prefetch thread touches the COPY's connection until {@link #close()} returns.
 */
final class CopyPrefetch implements AutoCloseable {
    private static final long POLL_MS = 50;

    private final BinaryCopyReader rows;
    private final VectorSchemaRoot scratch;
    private final int batchRows;
    private final BlockingQueue<Object> ready;
    private final CountDownLatch exited = new CountDownLatch(1);
    private volatile boolean stopped;
    private boolean ended;

    /** What the prefetch thread hands over when it stops: the end of the rows, or why not. */
    private record End(Throwable failure) {
    }

    CopyPrefetch(BinaryCopyReader rows, VectorSchemaRoot scratch, int batchRows, int depth) {
        this.rows = rows;
        this.scratch = scratch;
        this.batchRows = batchRows;
        this.ready = new ArrayBlockingQueue<>(depth + 1); // + 1: the end always fits
    }

    /** The body of the prefetch thread. */
    void readAhead() {
        try {
            while (!stopped) {
                if (rows.next(scratch, batchRows) == 0) {
                    hand(new End(null));
                    return;
                }
                // The batch keeps its own references to the buffers; the scratch root gets new ones.
                ArrowRecordBatch batch = new VectorUnloader(scratch).getRecordBatch();
                if (!hand(batch)) {
                    batch.close();
                    return;
                }
            }
        } catch (Throwable failure) {
            hand(new End(failure));
        } finally {
            exited.countDown();
        }
    }

    private boolean hand(Object item) {
        try {
            while (!stopped) {
                if (ready.offer(item, POLL_MS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * The next decoded batch (the caller closes it), or null after the last.
     *
     * @throws SQLException as reading the COPY failed (a cancelled query: SQLSTATE 57014)
     */
    ArrowRecordBatch next() throws SQLException, IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryCancelledException();
        }
        if (item instanceof ArrowRecordBatch batch) {
            return batch;
        }
        ended = true;
        Throwable failure = ((End) item).failure();
        if (failure == null) {
            return null;
        }
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw (Error) failure;
    }

    /**
     * Stops reading ahead and waits for the prefetch thread to leave the connection; a COPY still
     * running is cancelled in PostgreSQL so that the wait is short. Batches not sent are released.
     */
    @Override
    public void close() {
        stopped = true;
        if (!ended) {
            rows.interrupt();
        }
        try {
            exited.await(); // a hand-over in progress gives up within POLL_MS once stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Object item = ready.poll(); item != null; item = ready.poll()) {
            if (item instanceof ArrowRecordBatch batch) {
                batch.close();
            }
        }
    }
}
