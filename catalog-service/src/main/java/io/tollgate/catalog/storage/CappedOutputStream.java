package io.tollgate.catalog.storage;

import org.apache.iceberg.io.PositionOutputStream;

import java.io.IOException;

/**
 * A file written no larger than a limit: the write that would pass it closes and discards the file
 * and throws {@link MetadataTooLargeException}, so that no table's metadata grows beyond what every
 * later load, commit and transaction would have to parse in the JVM all tenants share. The same on
 * every storage: a local file is deleted; on S3 the closed stream has uploaded what it held, which
 * is deleted at once (a stream of S3FileIO cannot be abandoned unwritten), and no commit ever names it.
 */
final class CappedOutputStream extends PositionOutputStream {
    /** Removes what the stream wrote, once it is closed. */
    @FunctionalInterface
    interface Discard {
        void run() throws IOException;
    }

    private final PositionOutputStream delegate;
    private final Discard discard;
    private final long maxBytes;
    private boolean refused;

    CappedOutputStream(PositionOutputStream delegate, Discard discard, long maxBytes) {
        this.delegate = delegate;
        this.discard = discard;
        this.maxBytes = maxBytes;
    }

    @Override
    public long getPos() throws IOException {
        return delegate.getPos();
    }

    @Override
    public void write(int b) throws IOException {
        admit(1);
        delegate.write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        admit(length);
        delegate.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (!refused) {
            delegate.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!refused) {
            delegate.close();
        }
    }

    private void admit(int length) throws IOException {
        if (refused || delegate.getPos() + length > maxBytes) {
            if (!refused) {
                refused = true;
                delegate.close();
                discard.run();
            }
            throw new MetadataTooLargeException(maxBytes);
        }
    }
}
