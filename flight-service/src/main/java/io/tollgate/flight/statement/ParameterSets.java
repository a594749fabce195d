package io.tollgate.flight.statement;

import io.tollgate.flight.error.InvalidRequestException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;

/**
 * Bound parameter rows, kept as an Arrow IPC stream so that they can travel inside a signed
 * handle between the DoPut that binds them and the DoGet that uses them, on any replica.
 */
public final class ParameterSets {
    private static final byte[] NONE = new byte[0];

    private ParameterSets() {
    }

    /**
     * Every batch of the source as one IPC stream; empty when no rows were bound.
     *
     * @throws InvalidRequestException beyond {@code maxBytes}
     */
    public static byte[] encode(BatchSource source, int maxBytes) {
        LimitedBuffer out = new LimitedBuffer(maxBytes);
        long rows = 0;
        VectorSchemaRoot root = source.root();
        try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, Channels.newChannel(out))) {
            writer.start();
            while (source.next()) {
                rows += root.getRowCount();
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows == 0 ? NONE : out.toByteArray();
    }

    /** A reader of an encoded set; close it when done. */
    public static ArrowStreamReader reader(byte[] encoded, BufferAllocator allocator) {
        return new ArrowStreamReader(new ByteArrayInputStream(encoded), allocator);
    }

    /** The batches of a reader, as a source. */
    public static BatchSource batches(ArrowStreamReader reader) {
        return new BatchSource() {
            @Override
            public VectorSchemaRoot root() {
                try {
                    return reader.getVectorSchemaRoot();
                } catch (IOException e) {
                    throw new InvalidRequestException("bound parameters cannot be read", e);
                }
            }

            @Override
            public boolean next() {
                try {
                    return reader.loadNextBatch();
                } catch (IOException e) {
                    throw new InvalidRequestException("bound parameters cannot be read", e);
                }
            }
        };
    }

    private static final class LimitedBuffer extends ByteArrayOutputStream {
        private final int limit;

        LimitedBuffer(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            check(length);
            super.write(bytes, offset, length);
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        private void check(int more) {
            if (count + (long) more > limit) {
                throw new InvalidRequestException("bound parameters exceed " + limit
                        + " bytes: bind fewer rows at a time");
            }
        }
    }
}
