package io.tollgate.catalog.storage;

import org.apache.iceberg.io.PositionOutputStream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file written no larger than a limit: the write that would pass it closes and deletes the file
 * and throws {@link MetadataTooLargeException}, so that no table's metadata grows beyond what every
 * later load, commit and transaction would have to parse in the JVM all tenants share.
 */
final class CappedOutputStream extends PositionOutputStream {
    private final PositionOutputStream delegate;
    private final Path file;
    private final long maxBytes;
    private boolean refused;

    CappedOutputStream(PositionOutputStream delegate, Path file, long maxBytes) {
        this.delegate = delegate;
        this.file = file;
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
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            throw new MetadataTooLargeException(maxBytes);
        }
    }
}
